#pragma once

#include "AppState.h"

#include <QWidget>

namespace gdbm::ui {

class JobRunner;

// The Evaluation page: compare the recommenders against baselines.
class EvaluationPage : public QWidget
{
    Q_OBJECT

public:
    explicit EvaluationPage(AppState& state, QWidget* parent = nullptr);

    JobRunner* jobs() const { return m_jobs; }

private:
    AppState& m_state;
    JobRunner* m_jobs;
};

} // namespace gdbm::ui
