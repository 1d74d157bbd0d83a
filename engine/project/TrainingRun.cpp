#include "project/TrainingRun.h"

#include "core/Text.h"
#include "rec/MethodTable.h"

#include <algorithm>
#include <limits>

namespace gdbm::project {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

// The method of the run's own model in its evaluation.
std::string_view ownMethod(const TrainingRun& run)
{
    return rec::methodInfo(run.audioOnly() ? rec::Method::DbmTop : rec::Method::DbmHybrid).key;
}

} // namespace

const model::EpochStats* TrainingRun::finalEpoch() const
{
    // A finished run kept the best fine-tuning epoch (early stopping): its values, not the last.
    if (model && model->keptEpoch > 0) {
        for (const model::EpochStats& s : curves) {
            if (s.phase == model::Phase::FineTuning && s.epoch == model->keptEpoch)
                return &s;
        }
    }
    return curves.empty() ? nullptr : &curves.back();
}

std::string TrainingRun::modelDescription() const
{
    if (audioOnly())
        return "audio only";
    std::vector<std::string> keys;
    for (model::Modality m : hybrid.modalities)
        keys.emplace_back(model::modalityKey(m));
    std::string text = "hybrid: " + text::join(keys, ", ");
    if (hybrid.listeningRank > 0)
        text += " (rank " + std::to_string(hybrid.listeningRank) + ")";
    return text;
}

double TrainingRun::finalTrainError() const
{
    const model::EpochStats* last = finalEpoch();
    return last ? last->mseTrain : kNone;
}

double TrainingRun::finalValidationError() const
{
    const model::EpochStats* last = finalEpoch();
    return last ? last->mseValidation : kNone;
}

TrainingRun finishedRun(std::shared_ptr<const model::Model> model, const model::HybridParams& hybrid,
                        int number, std::string started)
{
    TrainingRun run;
    run.number = number;
    run.started = std::move(started);
    run.end = TrainingRun::End::Finished;
    run.params = model->params;
    run.hybrid = hybrid;
    run.curves = model->curves;
    run.seconds = model->pretrainSeconds + model->finetuneSeconds;
    run.model = std::move(model);
    return run;
}

double runNdcg(const TrainingRun& run, rec::Protocol protocol)
{
    const rec::EvaluationResult* result = run.evaluation ? run.evaluation->find(protocol) : nullptr;
    if (!result)
        return kNone;
    const auto own = ownMethod(run);
    for (const rec::MethodEvaluation& m : result->methods) {
        if (m.method == own && m.ranked && m.overall.count("ndcg"))
            return m.overall.at("ndcg");
    }
    return kNone;
}

std::size_t runEvaluatedK(const TrainingRun& run, rec::Protocol protocol)
{
    const rec::EvaluationResult* result = run.evaluation ? run.evaluation->find(protocol) : nullptr;
    return result ? result->k : 0;
}

std::optional<rec::SplitStatistic> runNdcgAcrossSplits(const TrainingRun& run, rec::Protocol protocol)
{
    const rec::ProtocolAcrossSplits* across =
        run.evaluation ? run.evaluation->findAcrossSplits(protocol) : nullptr;
    if (!across)
        return std::nullopt;
    for (const rec::MethodAcrossSplits& m : across->methods) {
        if (m.method == ownMethod(run) && m.metrics.count("ndcg"))
            return m.ndcg();
    }
    return std::nullopt;
}

int nextRunNumber(const std::vector<TrainingRun>& runs)
{
    int last = 0;
    for (const TrainingRun& run : runs)
        last = std::max(last, run.number);
    return last + 1;
}

} // namespace gdbm::project
