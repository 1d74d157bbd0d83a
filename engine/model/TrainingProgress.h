#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gdbm::model {

enum class Phase { Pretraining, FineTuning };

std::string_view phaseName(Phase phase); // "pretraining", "fine-tuning"

// One modality's share of a multimodal layer 1's curve: its squared reconstruction error
// divided by its own units' variance (1.0: no better than its mean).
struct GroupError
{
    std::string name; // "audio", "tags", "listening"
    double train = 0.0;
    double validation = 0.0; // NaN when there is no validation share
};

// What an observer learns after each epoch (MODEL.md section 5): the deterministic
// reconstruction error relative to the input's variance (1.0 = the mean), for training and
// validation songs; when pretraining, of that layer's own input. The fields keep their "mse"
// names: model files and CSV exports of version 1 hold the mean squared error of the features
// through the whole stack.
struct EpochStats
{
    Phase phase = Phase::Pretraining;
    std::size_t layer = 0;  // 0-based layer being pretrained; the top layer index when fine-tuning
    std::size_t layers = 0; // how many layers the model has
    int epoch = 0;          // 1-based within the phase (and layer)
    int epochs = 0;         // epochs in this phase (per layer when pretraining)
    double mseTrain = 0.0;
    double mseValidation = 0.0; // NaN when there is no validation share
    int bestEpoch = 0; // fine-tuning: the epoch of the lowest validation error so far (0: pretrained)
    double samplesPerSecond = 0.0;
    double elapsedSeconds = 0.0;         // since training started
    std::vector<GroupError> groups = {}; // a multimodal model's layer 1 in pretraining: per modality
};

// Whether a training run measures its reconstruction errors: every epoch's curve point and the
// final errors (the default), or none of them, for a model that is used once and never shown
// (an evaluation's hybrid, trained afresh on each protocol's split). Measuring them is about a
// quarter of the default hybrid's training time. With Off the errors read NaN, except the
// validation error that early stopping chooses by; divergence is still caught after every batch.
enum class Monitoring { Curves, Off };

// Called after every epoch, on the training thread. Returning true stops training; the model
// keeps the parameters of the last completed epoch (the best one, with early stopping).
using EpochObserver = std::function<bool(const EpochStats&)>;

} // namespace gdbm::model

#include <stdexcept>
#include <string>

namespace gdbm::model {

// Training produced a non-finite value: it stops, naming where, and never continues with NaN.
class TrainingDiverged : public std::runtime_error
{
public:
    TrainingDiverged(Phase phase, std::size_t layer, int epoch);

    Phase phase() const { return m_phase; }
    std::size_t layer() const { return m_layer; }
    int epoch() const { return m_epoch; }

private:
    Phase m_phase;
    std::size_t m_layer;
    int m_epoch;
};

} // namespace gdbm::model
