#include "jobs/JobRunner.h"

#include "core/Error.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>
#include <chrono>

namespace gdbm::ui {

JobRunner::JobRunner(QObject* parent) : QObject(parent) {}

JobRunner::~JobRunner()
{
    // No signals from a dying object: the receivers may be half destroyed.
    blockSignals(true);
    cancelAndWait();
}

bool JobRunner::start(const QString& title, Work work, Done done)
{
    if (m_thread)
        return false;
    m_title = title;
    m_superseded = false;
    m_jobCancellable = m_cancellable;
    m_done = std::move(done);
    m_cancel = std::make_shared<CancelFlag>(false);
    const quint64 generation = ++m_generation;
    QPointer<JobRunner> self(this);
    std::shared_ptr<CancelFlag> cancel = m_cancel;

    m_thread = QThread::create([self, cancel, generation, work = std::move(work)]() {
        // Progress crosses to the GUI thread at most every 50 ms, plus the final report.
        auto lastSent = std::chrono::steady_clock::now() - std::chrono::seconds(1);
        const ProgressCallback report = [&](const JobProgress& p) {
            const auto now = std::chrono::steady_clock::now();
            const bool last = p.total > 0 && p.done >= p.total;
            if (now - lastSent < std::chrono::milliseconds(50) && !last)
                return;
            lastSent = now;
            const QString stage = QString::fromStdString(p.stage);
            const auto doneCount = qint64(p.done), totalCount = qint64(p.total);
            QMetaObject::invokeMethod(
                qApp,
                [self, stage, doneCount, totalCount, generation]() {
                    if (self && self->m_generation == generation)
                        Q_EMIT self->progress(stage, doneCount, totalCount);
                },
                Qt::QueuedConnection);
        };
        std::any result;
        QString error;
        bool wasCancelled = false;
        try {
            result = work(report, *cancel);
            wasCancelled = cancel->load();
        } catch (const Cancelled&) {
            wasCancelled = true;
        } catch (const InputError& e) {
            error = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        } catch (...) {
            error = QStringLiteral("unexpected error");
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, result = std::move(result), error, wasCancelled, generation]() mutable {
                if (self)
                    self->deliver(std::move(result), error, wasCancelled, generation);
            },
            Qt::QueuedConnection);
    });
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    m_thread->start();
    Q_EMIT started(title);
    return true;
}

void JobRunner::deliver(std::any result, const QString& error, bool wasCancelled, quint64 generation)
{
    if (generation != m_generation)
        return;
    if (m_thread) {
        m_thread->wait();
        m_thread = nullptr;
    }
    Done done = std::move(m_done);
    m_done = nullptr;
    setPaused(false);
    Q_EMIT ending();
    if (wasCancelled) {
        Q_EMIT cancelled();
    } else if (!error.isEmpty()) {
        Q_EMIT failed(error);
    } else {
        if (done)
            done(std::move(result));
        Q_EMIT succeeded();
    }
    Q_EMIT finished();
}

void JobRunner::setPaused(bool paused)
{
    if (paused == m_paused || (paused && !m_thread))
        return;
    m_paused = paused;
    Q_EMIT pausedChanged(paused);
}

void JobRunner::cancel()
{
    if (m_cancel && m_jobCancellable)
        m_cancel->store(true);
}

void JobRunner::supersede()
{
    if (!m_thread)
        return;
    m_superseded = true;
    cancel();
}

void JobRunner::cancelAndWait()
{
    if (!m_thread)
        return;
    m_cancel->store(true);
    m_thread->wait();
    // The result is dropped: nothing half-done reaches the GUI.
    m_thread = nullptr;
    m_done = nullptr;
    ++m_generation;
    setPaused(false);
    Q_EMIT ending();
    Q_EMIT cancelled();
    Q_EMIT finished();
}

bool JobRunner::waitForFinished(int timeoutMs)
{
    if (!m_thread)
        return true;
    QEventLoop loop;
    connect(this, &JobRunner::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return !m_thread;
}

} // namespace gdbm::ui
