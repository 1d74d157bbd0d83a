#include "model/TrainingParams.h"

#include <cmath>

namespace gdbm::model {

void useFirstRecipe(TrainingParams& p)
{
    p.initialWeightScale = 1.0;
    p.pretrainHiddenLearningRate = p.pretrainLearningRate;
    p.pretrainMomentumStart = 0;
    p.pretrainMomentum = 0;
    p.logVarianceWarmupEpochs = 0;
    p.earlyStopping = false;
}

std::vector<std::string> validate(const TrainingParams& p)
{
    std::vector<std::string> problems;
    const auto check = [&](bool ok, const char* message) {
        if (!ok)
            problems.emplace_back(message);
    };
    check(!p.layers.empty() && p.layers.size() <= 32, "layers: 1 to 32 hidden layers");
    for (std::size_t n : p.layers)
        check(n >= 1 && n <= 4096, "layers: each layer has 1..4096 units");
    check(p.batchSize >= 1 && p.batchSize <= 1'000'000, "batch: 1 to 1,000,000");
    check(p.pretrainEpochs <= 1'000'000 && p.finetuneEpochs <= 1'000'000, "epochs: at most 1,000,000");
    check(p.meanFieldIterations <= 1000 && p.gibbsSteps <= 1000 && p.cdSteps <= 1000,
          "iterations and steps: at most 1,000");
    check(p.validationShare >= 0.0 && p.validationShare < 1.0, "validation: a share in [0, 1)");
    check(p.pretrainEpochs >= 0 && p.finetuneEpochs >= 0, "epochs: 0 or more");
    check(std::isfinite(p.pretrainLearningRate) && p.pretrainLearningRate > 0,
          "lr-pretrain: a positive number");
    check(std::isfinite(p.pretrainHiddenLearningRate) && p.pretrainHiddenLearningRate > 0,
          "lr-pretrain-hidden: a positive number");
    check(p.pretrainMomentumStart >= 0 && p.pretrainMomentumStart < 1 && p.pretrainMomentum >= 0 &&
              p.pretrainMomentum < 1,
          "momentum: in [0, 1)");
    check(p.pretrainMomentumSwitchEpoch >= 0 && p.pretrainMomentumSwitchEpoch <= 1'000'000,
          "momentum switch epoch: 0 to 1,000,000");
    check(p.logVarianceWarmupEpochs >= 0 && p.logVarianceWarmupEpochs <= 1'000'000,
          "variance warm-up: 0 to 1,000,000 epochs");
    check(std::isfinite(p.initialWeightScale) && p.initialWeightScale > 0 && p.initialWeightScale <= 10,
          "init-scale: in (0, 10]");
    check(p.patience >= 1 && p.patience <= 1'000'000, "patience: 1 to 1,000,000 epochs");
    check(std::isfinite(p.finetuneLearningRate) && p.finetuneLearningRate > 0,
          "lr-finetune: a positive number");
    check(p.pretrainWeightDecay >= 0 && p.finetuneWeightDecay >= 0, "weight decay: 0 or more");
    check(p.pretrainClip > 0 && p.finetuneClip > 0, "clip: a positive number");
    check(p.cdSteps >= 1, "cd steps: at least 1");
    check(p.meanFieldIterations >= 0, "mf-iters: 0 or more");
    check(p.gibbsSteps >= 1, "gibbs-steps: at least 1");
    check(p.adamBeta1 >= 0 && p.adamBeta1 < 1 && p.adamBeta2 >= 0 && p.adamBeta2 < 1, "Adam betas in [0, 1)");
    check(p.adamEpsilon > 0, "Adam epsilon: positive");
    check(p.logVarianceRateFactor >= 0, "log-variance rate factor: 0 or more");
    check(p.logVarianceMin <= p.logVarianceMax, "log-variance clamp: min <= max");
    return problems;
}

} // namespace gdbm::model
