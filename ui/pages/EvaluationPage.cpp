#include "EvaluationPage.h"

#include "jobs/JobRunner.h"

namespace gdbm::ui {

EvaluationPage::EvaluationPage(AppState& state, QWidget* parent)
    : QWidget(parent), m_state(state), m_jobs(new JobRunner(this))
{
    setObjectName("evaluationPage");
}

} // namespace gdbm::ui
