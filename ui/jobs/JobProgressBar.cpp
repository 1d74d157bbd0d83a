#include "jobs/JobProgressBar.h"

#include "jobs/JobRunner.h"

#include <QFontMetrics>
#include <QProgressBar>

namespace gdbm::ui {

void showProgressOf(const JobRunner& jobs, QProgressBar& bar)
{
    QObject::connect(
        &jobs, &JobRunner::progress, &bar, [&bar](const QString& stage, qint64 done, qint64 total) {
            // A long stage ("Split 2 of 5, New tracks: Training the hybrid DBM") is
            // shortened in its middle to the bar's width, and whole in the tooltip.
            const QFontMetrics metrics = bar.fontMetrics();
            const int room = bar.contentsRect().width() - metrics.horizontalAdvance(" 100%") -
                             2 * metrics.averageCharWidth();
            // Not laid out yet (hidden): whole, until the next update.
            const bool laidOut = bar.isVisible() && room > 0;
            bar.setFormat((laidOut ? metrics.elidedText(stage, Qt::ElideMiddle, room) : stage) + " %p%");
            bar.setToolTip(stage);
            // Per mille: a job's counts can exceed what an int progress range holds.
            bar.setRange(0, total > 0 ? 1000 : 0);
            if (total > 0)
                bar.setValue(int(1000 * done / total));
        });
}

} // namespace gdbm::ui
