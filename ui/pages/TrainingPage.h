#pragma once

#include "AppState.h"

#include <QWidget>

namespace gdbm::ui {

class JobRunner;

// The Training page: train a model and watch its reconstruction error fall.
class TrainingPage : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingPage(AppState& state, QWidget* parent = nullptr);

    JobRunner* jobs() const { return m_jobs; }

private:
    AppState& m_state;
    JobRunner* m_jobs;
};

} // namespace gdbm::ui
