#pragma once

#include "core/PauseGate.h"
#include "core/Progress.h"
#include "model/Dbm.h"
#include "model/TrainingParams.h"
#include "model/TrainingProgress.h"
#include "model/UnitLayout.h"

#include <vector>

namespace gdbm::model {

struct TrainOutcome
{
    Dbm dbm;
    bool stopped = false;         // cancelled, or the observer asked to stop
    bool pretrainingDone = false; // every layer pretrained and composed into dbm
    std::vector<EpochStats> curves;
    double pretrainSeconds = 0.0;
    double finetuneSeconds = 0.0;
    double mseTrain = 0.0;      // of the final dbm
    double mseValidation = 0.0; // NaN without a validation share
    double mseAfterPretraining = 0.0;
    std::size_t trainRows = 0;
    std::size_t validationRows = 0;
    int keptEpoch = 0;         // the fine-tuning epoch dbm comes from (0: the pretrained model)
    bool stoppedEarly = false; // early stopping ended fine-tuning before its last epoch
};

// How a caller watches and steers a training run: the observer called after every epoch, the
// cancel flag and pause gate checked between mini-batches, and whether the curves are measured.
struct RunControls
{
    EpochObserver observer = {};
    const CancelFlag* cancel = nullptr;
    PauseGate* pause = nullptr;
    Monitoring monitoring = Monitoring::Curves;
};

// Splits off the validation share (a seeded choice of rows), pretrains, then fine-tunes.
// Requires standardized data with at least 2 rows and validate(params) empty.
// Ensures: the same data, params and seed give bit-identical outcomes whatever the thread count.
// Throws TrainingDiverged on non-finite values, std::invalid_argument on bad params.
// While controls.pause is paused, training waits between two mini-batches (its clocks stop too).
// With Monitoring::Off no error is measured but the validation error early stopping chooses by
// (the others read NaN); the parameters are the same bit for bit.
TrainOutcome trainDbm(const Matrix& standardized, const TrainingParams& params,
                      const RunControls& controls = {});

// The same for a DBM of any shape (a multimodal one, HYBRID.md): `visible` holds the Gaussian
// units' standardized values first, then the binary units; the architecture's layers replace
// params.layers.
TrainOutcome trainDbm(const Matrix& visible, const TrainingParams& params, const Architecture& architecture,
                      const RunControls& controls = {});

// Which rows are held out for validation: sorted row indices.
std::vector<std::uint32_t> validationRows(std::size_t rows, double share, std::uint64_t seed);

// How many rows validationRows() holds out (without choosing them).
std::size_t validationCount(std::size_t rows, double share);

// The rows trainDbm trains on: every row validationRows() leaves, sorted.
std::vector<std::uint32_t> trainingRows(std::size_t rows, double share, std::uint64_t seed);

} // namespace gdbm::model
