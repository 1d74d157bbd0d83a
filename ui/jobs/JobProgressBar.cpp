#include "jobs/JobProgressBar.h"

#include "jobs/JobRunner.h"

#include <QEvent>
#include <QFontMetrics>
#include <QProgressBar>

namespace gdbm::ui {
namespace {

constexpr qsizetype kShortestStage = 12;

// A long stage ("Split 2 of 5, New tracks: Training the hybrid DBM") is shortened in its middle
// to the bar's width, and whole in the tooltip.
void fitStage(QProgressBar& bar, const QString& stage)
{
    const QFontMetrics metrics = bar.fontMetrics();
    const int room =
        bar.contentsRect().width() - metrics.horizontalAdvance(" 100%") - 2 * metrics.averageCharWidth();
    // Not laid out yet (hidden): whole, until it is shown or resized.
    if (!bar.isVisible() || room <= 0) {
        bar.setFormat(stage + " %p%");
        return;
    }
    // A stage cut to a few letters ("S…M") says nothing: then the percentage alone.
    const QString shown = metrics.elidedText(stage, Qt::ElideMiddle, room);
    bar.setFormat(shown.size() >= kShortestStage || shown == stage ? shown + " %p%" : QStringLiteral("%p%"));
}

// Shortens the stage anew when the bar changes width (the window resized, a splitter moved):
// a stage cut for a narrow bar would otherwise stay cut in a wide one, or overflow a narrower.
class StageFitter : public QObject
{
public:
    explicit StageFitter(QProgressBar& bar) : QObject(&bar), m_bar(bar) { bar.installEventFilter(this); }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == &m_bar && (event->type() == QEvent::Resize || event->type() == QEvent::Show) &&
            !m_bar.toolTip().isEmpty())
            fitStage(m_bar, m_bar.toolTip());
        return false;
    }

private:
    QProgressBar& m_bar;
};

} // namespace

void showProgressOf(const JobRunner& jobs, QProgressBar& bar)
{
    new StageFitter(bar);
    QObject::connect(&jobs, &JobRunner::progress, &bar,
                     [&bar](const QString& stage, qint64 done, qint64 total) {
                         bar.setToolTip(stage);
                         fitStage(bar, stage);
                         // Per mille: a job's counts can exceed what an int progress range holds.
                         bar.setRange(0, total > 0 ? 1000 : 0);
                         if (total > 0)
                             bar.setValue(int(1000 * done / total));
                     });
}

} // namespace gdbm::ui
