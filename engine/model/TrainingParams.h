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

// Everything that decides a training run. Defaults are MODEL.md section 9 (the seed's run).
struct TrainingParams
{
    std::vector<std::size_t> layers = {64, 32, 16};
    std::size_t batchSize = 128;
    double validationShare = 0.1;
    std::uint64_t seed = 1;

    // Pretraining (section 3).
    int pretrainEpochs = 100;
    double pretrainLearningRate = 0.005;
    double pretrainWeightDecay = 0.0005;
    double pretrainClip = 5.0;
    int cdSteps = 1;
    bool weightDoubling = false;

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

    // The log-variances z: their own learning rate (a factor of the weights') and a clamp.
    double logVarianceRateFactor = 0.5;
    double logVarianceMin = -4.0;
    double logVarianceMax = 4.0;

    bool operator==(const TrainingParams&) const = default;
};

// Empty when the parameters are usable, else what is wrong, naming the field.
std::vector<std::string> validate(const TrainingParams& params);

} // namespace gdbm::model
