#include "model/CurveSummary.h"

#include "core/Text.h"
#include "model/Model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gdbm::model {
namespace {

void add(SeriesSummary& s, int epoch, double value)
{
    if (!std::isfinite(value))
        return;
    if (s.epochs == 0) {
        s.first = value;
        s.best = value;
        s.bestEpoch = epoch;
    } else if (value < s.best) {
        s.best = value;
        s.bestEpoch = epoch;
    }
    s.last = value;
    ++s.epochs;
}

std::string fixed(double x)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", x);
    return buffer;
}

// The relative change over the last quarter of the curve (at least the last 5 epochs): what
// "still falling" means.
double recentFall(const std::vector<double>& values)
{
    if (values.size() < 2)
        return 0.0;
    const std::size_t span = std::min(values.size() - 1, std::max<std::size_t>(5, values.size() / 4));
    const double before = values[values.size() - 1 - span];
    return before > 0 ? (before - values.back()) / before : 0.0;
}

// How far the curve's last epochs sit above its best stretch, relative to it. Both are means
// over a window of epochs, so that one noisy epoch neither makes nor hides a rise: a joint layer's
// validation error wanders by 1-2% from epoch to epoch once it has levelled off.
double smoothedRise(const std::vector<double>& values)
{
    const std::size_t window = std::min<std::size_t>(5, values.size());
    double sum = 0;
    for (std::size_t i = 0; i < window; ++i)
        sum += values[i];
    double best = sum;
    for (std::size_t i = window; i < values.size(); ++i) {
        sum += values[i] - values[i - window];
        best = std::min(best, sum);
    }
    return best > 0 ? (sum - best) / best : 0.0;
}

} // namespace

CurveSummary summarizeCurves(const std::vector<EpochStats>& curves)
{
    CurveSummary out;
    for (const EpochStats& s : curves) {
        if (s.phase == Phase::Pretraining) {
            if (out.pretrainTrain.size() <= s.layer) {
                out.pretrainTrain.resize(s.layer + 1);
                out.pretrainValidation.resize(s.layer + 1);
            }
            add(out.pretrainTrain[s.layer], s.epoch, s.mseTrain);
            add(out.pretrainValidation[s.layer], s.epoch, s.mseValidation);
            for (const GroupError& g : s.groups) {
                auto it = std::find_if(out.groups.begin(), out.groups.end(),
                                       [&](const GroupSummary& e) { return e.name == g.name; });
                if (it == out.groups.end())
                    it = out.groups.insert(out.groups.end(), GroupSummary{g.name, {}, {}});
                add(it->train, s.epoch, g.train);
                add(it->validation, s.epoch, g.validation);
            }
        } else {
            add(out.finetuneTrain, s.epoch, s.mseTrain);
            add(out.finetuneValidation, s.epoch, s.mseValidation);
        }
    }
    return out;
}

std::string_view verdictKey(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Learning:
        return "learning";
    case Verdict::Plateaued:
        return "plateaued";
    case Verdict::Overfitting:
        return "overfitting";
    case Verdict::Diverging:
        return "diverging";
    }
    return "plateaued";
}

std::optional<int> keptByEarlyStopping(const Model& model)
{
    // Early stopping chooses among fine-tuning epochs: without any (a hybrid's default), none.
    const TrainingParams recipe = model.trainedRecipe();
    if (!recipe.earlyStopping || model.validationRows == 0 || recipe.finetuneEpochs == 0)
        return std::nullopt;
    return model.keptEpoch;
}

TrainingVerdict judgeModel(const Model& model)
{
    TrainingVerdict v = judgeTraining(model.curves, keptByEarlyStopping(model));
    const bool pretrainingJudged = !model.curves.empty() && model.curves.back().phase == Phase::Pretraining;
    const int trainedEpochs = model.trainedRecipe().pretrainEpochs;
    const bool limited = model.isHybrid() && trainedEpochs < model.params.pretrainEpochs;
    if (v.verdict == Verdict::Learning && pretrainingJudged && limited)
        v.advice = "The update limit ended each layer at " + std::to_string(trainedEpochs) +
                   (trainedEpochs == 1 ? " epoch" : " epochs") +
                   ": a higher one would likely lower it further (twice the updates ranked about the same on "
                   "the demo catalog).";
    return v;
}

TrainingVerdict judgeTraining(const std::vector<EpochStats>& curves, std::optional<int> keptByEarlyStopping)
{
    // The curves judged: fine-tuning's if it ran, else the last pretrained layer's.
    bool fineTuned = false;
    for (const EpochStats& s : curves)
        fineTuned = fineTuned || s.phase == Phase::FineTuning;
    std::vector<double> train, validation;
    std::size_t lastLayer = 0;
    for (const EpochStats& s : curves) {
        if (s.phase == Phase::Pretraining)
            lastLayer = std::max(lastLayer, s.layer);
    }
    for (const EpochStats& s : curves) {
        if (fineTuned ? s.phase != Phase::FineTuning : s.layer != lastLayer)
            continue;
        train.push_back(s.mseTrain);
        if (std::isfinite(s.mseValidation))
            validation.push_back(s.mseValidation);
    }
    TrainingVerdict v;
    const std::string what = fineTuned ? "fine-tuning" : "pretraining";
    if (train.empty()) {
        v.summary = "No epoch completed.";
        return v;
    }
    const bool hasValidation = validation.size() == train.size();
    const std::vector<double>& judged = hasValidation ? validation : train;
    const std::string name = hasValidation ? "validation error" : "training error";
    std::size_t best = 0;
    for (std::size_t i = 1; i < judged.size(); ++i) {
        if (judged[i] < judged[best])
            best = i;
    }
    const double trainFall = recentFall(train);
    const double rise = smoothedRise(judged);

    // Errors are relative (1: no better than predicting the mean). One a thousand times that has
    // blown up, even if it stays finite and level: a learning rate far too high.
    constexpr double kBlownUp = 1000.0;
    if (train.back() > kBlownUp) {
        char reached[32];
        std::snprintf(reached, sizeof reached, "%.3g", train.back());
        v.verdict = Verdict::Diverging;
        v.summary = "Diverged: the " + what + " training error reached " + reached +
                    ", where 1 is no better than predicting the mean.";
        v.advice = "Try a much lower learning rate: this model's embeddings carry no information.";
    } else if (train.back() > train.front() * 1.02 && trainFall < 0) {
        v.verdict = Verdict::Diverging;
        v.summary = "Diverging: the " + what + " training error rose from " + fixed(train.front()) + " to " +
                    fixed(train.back()) + ".";
        v.advice = "Try a lower learning rate.";
    } else if (hasValidation && rise > 0.01 && trainFall > 0) {
        v.verdict = Verdict::Overfitting;
        v.summary = "Overfitting: validation error rose from " + fixed(judged[best]) + " (epoch " +
                    std::to_string(best + 1) + ") to " + fixed(judged.back()) + " while training error fell.";
        // Only what the settings offer (the weight decay is fixed, MODEL.md section 9).
        if (!fineTuned)
            v.advice = "Try fewer pretraining epochs (early stopping applies to fine-tuning).";
        else if (!keptByEarlyStopping)
            v.advice = "Turn on early stopping, or try fewer epochs.";
        else
            v.advice = "Early stopping kept " +
                       (*keptByEarlyStopping > 0 ? "epoch " + std::to_string(*keptByEarlyStopping)
                                                 : std::string("the pretrained model")) +
                       "; fewer epochs would save the time.";
    } else if (recentFall(judged) > 0.005) {
        v.verdict = Verdict::Learning;
        v.summary = "Learning: the " + what + " " + name + " fell from " + fixed(judged.front()) + " to " +
                    fixed(judged.back()) + " and was still falling.";
        v.advice = "More epochs would likely lower it further.";
    } else {
        v.verdict = Verdict::Plateaued;
        v.summary = "Plateaued: the " + what + " " + name + " went from " + fixed(judged.front()) + " to " +
                    fixed(judged[best]) + " at best and stopped falling.";
        v.advice = "More epochs would change little; try more hidden units or another learning rate.";
    }
    return v;
}

} // namespace gdbm::model
