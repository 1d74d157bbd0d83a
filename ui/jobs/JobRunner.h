#pragma once

#include "core/Progress.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <any>
#include <atomic>
#include <functional>
#include <memory>

namespace gdbm::ui {

// The one pattern for every long task: the work runs on its own QThread, reports progress
// through queued signals (at most ~20 per second), stops when cancel() sets its flag, and
// hands its result back on the GUI thread. The work never touches a widget.
//
// An engine InputError becomes failed(message) with the engine's text (file, line, column);
// gdbm::Cancelled becomes cancelled(); nothing the GUI holds changes unless done() is called.
class JobRunner : public QObject
{
    Q_OBJECT

public:
    using Work = std::function<std::any(const ProgressCallback& progress, const CancelFlag& cancel)>;
    using Done = std::function<void(std::any result)>;

    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;

    // Starts the work unless a job of this runner is running (then returns false).
    bool start(const QString& title, Work work, Done done);
    bool isRunning() const { return m_thread != nullptr; }
    QString title() const { return m_title; }
    // Asks the job to stop; nothing for a job that cannot stop half-way (setCancellable).
    void cancel();
    // Whether the jobs started from now on can be cancelled (by default they can). A model file's
    // write, which replaces the old file whole, is not: a Cancel that came after the rename would
    // leave the user unsure which file is there, so the window offers none and, when it closes,
    // waits for the write to end. cancelAndWait() still waits for it, and drops its result.
    void setCancellable(bool cancellable) { m_cancellable = cancellable; }
    // Whether the running job can be cancelled.
    bool isCancellable() const { return m_jobCancellable; }
    // Cancels because newer work replaces this job's: the same as cancel(), except that the
    // window does not tell the user about it (nobody asked for it to stop).
    void supersede();
    // Whether the job that ends (seen from cancelled() and finished()) was superseded.
    bool wasSuperseded() const { return m_superseded; }
    // A job its page has paused (training's Pause): said wherever its progress shows. A job
    // that ends is no longer paused.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // Cancels, waits for the work to stop and drops its result (emits ending, cancelled, finished).
    void cancelAndWait();
    // Waits until the current job ended and its result was delivered (tests).
    bool waitForFinished(int timeoutMs = 60000);

Q_SIGNALS:
    void started(const QString& title);
    void progress(const QString& stage, qint64 done, qint64 total);
    void succeeded();
    void failed(const QString& message);
    void cancelled();
    void pausedChanged(bool paused);
    // The job no longer runs: before any of the three above, whose handlers may hold the event
    // loop in a dialog ("Cannot load the model") while the window should no longer show the job.
    void ending();
    // After any of the three above.
    void finished();

private:
    void deliver(std::any result, const QString& error, bool wasCancelled, quint64 generation);

    QThread* m_thread = nullptr;
    std::shared_ptr<CancelFlag> m_cancel;
    QString m_title;
    Done m_done;
    quint64 m_generation = 0;
    bool m_superseded = false;
    bool m_paused = false;
    bool m_cancellable = true;
    bool m_jobCancellable = true;
};

} // namespace gdbm::ui
