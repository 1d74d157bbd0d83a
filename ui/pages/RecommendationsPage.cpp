#include "RecommendationsPage.h"

#include "jobs/JobRunner.h"

namespace gdbm::ui {

RecommendationsPage::RecommendationsPage(AppState& state, QWidget* parent)
    : QWidget(parent), m_state(state), m_jobs(new JobRunner(this))
{
    setObjectName("recommendationsPage");
}

} // namespace gdbm::ui
