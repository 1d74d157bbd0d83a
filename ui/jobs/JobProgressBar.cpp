#include "jobs/JobProgressBar.h"

#include "jobs/JobRunner.h"

#include <QProgressBar>

namespace gdbm::ui {

void showProgressOf(const JobRunner& jobs, QProgressBar& bar)
{
    QObject::connect(&jobs, &JobRunner::progress, &bar,
                     [&bar](const QString& stage, qint64 done, qint64 total) {
                         bar.setFormat(stage + " %p%");
                         // Per mille: a job's counts can exceed what an int progress range holds.
                         bar.setRange(0, total > 0 ? 1000 : 0);
                         if (total > 0)
                             bar.setValue(int(1000 * done / total));
                     });
}

} // namespace gdbm::ui
