#include "TrainingPage.h"

#include "jobs/JobRunner.h"

namespace gdbm::ui {

TrainingPage::TrainingPage(AppState& state, QWidget* parent)
    : QWidget(parent), m_state(state), m_jobs(new JobRunner(this))
{
    setObjectName("trainingPage");
}

} // namespace gdbm::ui
