#pragma once

#include "model/TrainingProgress.h"

#include <optional>
#include <string>
#include <vector>

namespace gdbm::model {

struct Model;

// One curve (one layer's pretraining, or fine-tuning; training or validation songs) by its
// first, lowest and last values. Empty (epochs 0) when the curve has no point.
struct SeriesSummary
{
    int epochs = 0;
    double first = 0.0;
    double best = 0.0;
    int bestEpoch = 0;
    double last = 0.0;
};

// One modality's curves of a multimodal layer 1.
struct GroupSummary
{
    std::string name;
    SeriesSummary train;
    SeriesSummary validation;
};

struct CurveSummary
{
    std::vector<SeriesSummary> pretrainTrain; // one per layer
    std::vector<SeriesSummary> pretrainValidation;
    std::vector<GroupSummary> groups; // a multimodal layer 1: each modality's, in order
    SeriesSummary finetuneTrain;
    SeriesSummary finetuneValidation; // epochs 0 without validation songs
};

CurveSummary summarizeCurves(const std::vector<EpochStats>& curves);

// What a finished run's curves say, in a line for the Training page and the CLI.
enum class Verdict {
    Learning,    // the error was still falling at the end: more epochs would help
    Plateaued,   // the error stopped falling
    Overfitting, // validation rose from its best while training kept falling
    Diverging,   // training error rose
};

struct TrainingVerdict
{
    Verdict verdict = Verdict::Plateaued;
    std::string summary; // "Learning: validation error fell from 0.61 to 0.48 and was still falling."
    std::string advice;  // "Try more fine-tuning epochs."
};

// Judges fine-tuning's curves (validation where there is one), or the top pretraining layer's
// when there was no fine-tuning. `keptByEarlyStopping` is the epoch early stopping kept (0: the
// pretrained model), or none when it did not run (off, or no validation songs).
TrainingVerdict judgeTraining(const std::vector<EpochStats>& curves, std::optional<int> keptByEarlyStopping);

// What a model's early stopping kept, as judgeTraining() takes it.
std::optional<int> keptByEarlyStopping(const Model& model);

// judgeTraining() of a model's curves, with advice that fits how it was trained: a hybrid whose
// update limit (HybridParams::maxPretrainUpdates) ended its pretraining before its epochs learns
// more from a higher limit, not from more epochs.
TrainingVerdict judgeModel(const Model& model);

std::string_view verdictKey(Verdict verdict); // "learning", "plateaued", "overfitting", "diverging"

} // namespace gdbm::model
