#include "jobs/JobProgressBar.h"

#include "jobs/JobRunner.h"

#include <QEvent>
#include <QFontMetrics>
#include <QProgressBar>

namespace gdbm::ui {
namespace {

constexpr qsizetype kShortestStage = 12;

// Shows a job's stage on the bar: a long one ("Split 2 of 5, New tracks: Training the hybrid
// DBM") shortened in its middle to the bar's width, and whole in the tooltip. It shortens it anew
// when the bar changes width (the window resized, a splitter moved), as long as the bar still
// shows its text: a page that writes its own ("Starting...") keeps it until the next stage.
class StageFitter : public QObject
{
public:
    explicit StageFitter(QProgressBar& bar) : QObject(&bar), m_bar(bar) { bar.installEventFilter(this); }

    void showStage(const QString& stage)
    {
        m_stage = stage;
        m_bar.setToolTip(stage);
        fit();
    }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == &m_bar && (event->type() == QEvent::Resize || event->type() == QEvent::Show) &&
            !m_stage.isEmpty() && m_bar.format() == m_shown)
            fit();
        return false;
    }

private:
    void fit()
    {
        const QFontMetrics metrics = m_bar.fontMetrics();
        const int room = m_bar.contentsRect().width() - metrics.horizontalAdvance(" 100%") -
                         2 * metrics.averageCharWidth();
        if (!m_bar.isVisible() || room <= 0) {
            // Not laid out yet (hidden): whole, until it is shown or resized.
            m_shown = m_stage + " %p%";
        } else {
            // A stage cut to a few letters ("S…M") says nothing: then the percentage alone.
            const QString cut = metrics.elidedText(m_stage, Qt::ElideMiddle, room);
            m_shown = cut.size() >= kShortestStage || cut == m_stage ? cut + " %p%" : QStringLiteral("%p%");
        }
        m_bar.setFormat(m_shown);
    }

    QProgressBar& m_bar;
    QString m_stage; // the job's last stage, whole
    QString m_shown; // the format it gave the bar
};

} // namespace

void showProgressOf(const JobRunner& jobs, QProgressBar& bar)
{
    auto* fitter = new StageFitter(bar);
    QObject::connect(&jobs, &JobRunner::progress, &bar,
                     [&bar, fitter](const QString& stage, qint64 done, qint64 total) {
                         fitter->showStage(stage);
                         // Per mille: a job's counts can exceed what an int progress range holds.
                         bar.setRange(0, total > 0 ? 1000 : 0);
                         if (total > 0)
                             bar.setValue(int(1000 * done / total));
                     });
}

} // namespace gdbm::ui
