#pragma once

#include "model/Model.h"
#include "model/Multimodal.h"
#include "model/TrainingParams.h"
#include "model/TrainingProgress.h"
#include "rec/Evaluation.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gdbm::project {

// One training run as the project keeps it, so that runs can be compared and an earlier one made
// the current model again: the settings it ran with, its curves and errors, how long it took,
// whether it finished, its model (finished runs) and the evaluation that ran on that model.
struct TrainingRun
{
    enum class End { Finished, Cancelled };

    int number = 0;      // 1, 2, ... in the order the runs started
    std::string started; // local time, "2026-12-06 10:14"
    End end = End::Finished;
    model::TrainingParams params; // the Training page's settings
    model::HybridParams hybrid;   // the model chosen ("audio" alone: the audio-only model)
    std::vector<model::EpochStats> curves;
    double seconds = 0.0;
    // What the run learned from (catalogFingerprint, simulationFingerprint; 0: no simulation),
    // to tell whether its model fits the open data when it is made current again.
    std::uint64_t catalogFingerprint = 0;
    std::uint64_t simulationFingerprint = 0;
    std::shared_ptr<const model::Model> model;            // null for a cancelled run
    std::shared_ptr<const rec::EvaluationSet> evaluation; // null until one ran on the model

    bool finished() const { return end == End::Finished; }
    bool audioOnly() const { return hybrid.modalities == std::vector{model::Modality::Audio}; }
    // "audio only", "hybrid: audio, tags, listening", "... (rank 64)" with a low-rank listening.
    std::string modelDescription() const;
    // The errors the run ended with, as its chart shows them (relative to the input's variance):
    // the fine-tuning epoch its model kept, else its last epoch (a hybrid without fine-tuning:
    // its top layer's last pretraining epoch). NaN without epochs or validation songs.
    const model::EpochStats* finalEpoch() const;
    double finalTrainError() const;
    double finalValidationError() const;
    // Epochs trained, over every layer and phase.
    int epochsDone() const { return int(curves.size()); }
};

// The record of a finished run that made `model` (its settings, curves and time are the model's).
TrainingRun finishedRun(std::shared_ptr<const model::Model> model, const model::HybridParams& hybrid,
                        int number, std::string started);

// NDCG@10 (the evaluation's K) of the run's own model in `protocol`'s evaluation on it: the hybrid
// method for a hybrid, the audio-only top layer otherwise. NaN when none ran or it could not rank.
double runNdcg(const TrainingRun& run, rec::Protocol protocol);
// The top K of the run's evaluation in `protocol` (10 unless the user set another); 0 without one.
std::size_t runEvaluatedK(const TrainingRun& run, rec::Protocol protocol);
// The same over the splits of an evaluation repeated on several (its mean and standard error);
// nothing for an evaluation of one split.
std::optional<rec::SplitStatistic> runNdcgAcrossSplits(const TrainingRun& run, rec::Protocol protocol);

// The number the next run of `runs` takes.
int nextRunNumber(const std::vector<TrainingRun>& runs);

} // namespace gdbm::project
