#pragma once

#include "rec/Evaluation.h"

#include <QString>

namespace gdbm::ui {

// The line above the evaluation table: what the protocol held out and for how many users, and
// the DBM against the best baseline user by user (PairedDifference.h), when the evaluation
// holds per-user values; and when `set` (which holds `result`) was repeated on several splits,
// the same comparison over the splits.
QString evaluationSummary(const rec::EvaluationResult& result, const rec::EvaluationSet* set = nullptr);

} // namespace gdbm::ui
