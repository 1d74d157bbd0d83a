#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gdbm::model {

enum class ChainMode : std::uint8_t {
    Persistent, // fantasy particles kept across updates (PCD): the standard for DBMs
    Restart,    // chains restarted from each batch's mean-field state (the seed's behaviour)
};

// Everything that decides a training run. Defaults are MODEL.md section 9.
struct TrainingParams
{
    std::vector<std::size_t> layers = {64, 32, 16};
    std::size_t batchSize = 128;
    double validationShare = 0.1;
    std::uint64_t seed = 1;

    // Pretraining (section 3): SGD, optionally with momentum (Hinton's practical guide: 0.5,
    // then 0.9), a rate for the Gaussian layer and a larger one for the Bernoulli layers above
    // it. The defaults are MODEL.md section 9's measured recipe: momentum off (it made the
    // embeddings rank worse on real data), initial weights at 0.7 of Glorot's limit (layer 1's
    // curve starts where an untrained layer is and falls), layers 2 and up at 40 times the rate.
    int pretrainEpochs = 100;
    // Initial weights: uniform within this factor of Glorot's limit sqrt(6 / (visible + hidden)).
    double initialWeightScale = 0.7;
    double pretrainLearningRate = 0.005;     // the Gaussian-visible RBM (layer 1)
    double pretrainHiddenLearningRate = 0.2; // the Bernoulli RBMs (layers 2 and up)
    double pretrainMomentumStart = 0.0;
    double pretrainMomentum = 0.0;
    int pretrainMomentumSwitchEpoch = 5; // epochs at the start momentum, per layer
    double pretrainWeightDecay = 0.0005;
    double pretrainClip = 5.0;
    int cdSteps = 1;
    bool weightDoubling = false;
    // The visible variances stay at their start (1 on standardized data) for this many epochs of
    // layer 1's pretraining and of fine-tuning, then are learned at logVarianceRateFactor.
    int logVarianceWarmupEpochs = 0;

    // Fine-tuning (section 4).
    int finetuneEpochs = 50;
    double finetuneLearningRate = 0.0001;
    double finetuneWeightDecay = 0.001;
    double finetuneClip = 3.0;
    int meanFieldIterations = 3;
    int gibbsSteps = 3;
    ChainMode chains = ChainMode::Persistent;
    double adamBeta1 = 0.9;
    double adamBeta2 = 0.9;
    double adamEpsilon = 1e-8;
    // Early stopping: keep the parameters of the fine-tuning epoch with the lowest validation
    // error (epoch 0 being the pretrained model) and stop after `patience` epochs without a new
    // best. Needs a validation share. Under PCD the validation curve bumps for up to 11 epochs
    // before falling further (demo catalog): the patience outlasts that.
    bool earlyStopping = true;
    int patience = 20;

    // The log-variances z: their own learning rate (a factor of the weights') and a clamp.
    double logVarianceRateFactor = 0.5;
    double logVarianceMin = -4.0;
    double logVarianceMax = 4.0;

    bool operator==(const TrainingParams&) const = default;
};

// The recipe settings of files written before they existed (model format 1, older projects):
// plain SGD at one pretraining rate, Glorot's initial weights, variances learned from the start,
// no early stopping. The other settings stay as given.
void useFirstRecipe(TrainingParams& params);

// Empty when the parameters are usable, else what is wrong, naming the field.
std::vector<std::string> validate(const TrainingParams& params);

} // namespace gdbm::model
