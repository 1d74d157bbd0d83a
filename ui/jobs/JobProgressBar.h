#pragma once

class QProgressBar;

namespace gdbm::ui {

class JobRunner;

// Makes `bar` follow the jobs' progress: the stage (shortened to fit, whole in the tooltip) and
// percentage as its text, busy (no percentage) while the total is unknown.
void showProgressOf(const JobRunner& jobs, QProgressBar& bar);

} // namespace gdbm::ui
