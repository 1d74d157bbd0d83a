#pragma once

#include "AppState.h"

#include <QWidget>

namespace gdbm::ui {

class JobRunner;

// The Recommendations page: browse each user's history and top-N recommendations.
class RecommendationsPage : public QWidget
{
    Q_OBJECT

public:
    explicit RecommendationsPage(AppState& state, QWidget* parent = nullptr);

    JobRunner* jobs() const { return m_jobs; }

private:
    AppState& m_state;
    JobRunner* m_jobs;
};

} // namespace gdbm::ui
