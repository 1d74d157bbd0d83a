#include "project/ProjectJson.h"

#include "project/SplitsJson.h"
#include "rec/MethodTable.h"

#include <cmath>
#include <limits>

namespace gdbm::project {
namespace {

constexpr std::int64_t kIntMin = std::numeric_limits<int>::min();
constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();

json metricsToJson(const rec::MetricValues& values)
{
    json out = json::object();
    for (const auto& [name, value] : values)
        out[name] = realToJson(value);
    return out;
}

rec::MetricValues metricsFromJson(const json& in, const JsonReader& reader)
{
    if (!in.is_object())
        reader.fail({}, "expected an object, found " + in.dump());
    rec::MetricValues values;
    for (const auto& [name, value] : in.items())
        values[name] = reader.real(in, name);
    return values;
}

} // namespace

json toJson(const data::GenreThresholds& thresholds)
{
    return {{"common_above", thresholds.commonAbove}, {"niche_at_most", thresholds.nicheAtMost}};
}

data::GenreThresholds thresholdsFromJson(const json& in, const JsonReader& reader)
{
    return {reader.size(in, "common_above"), reader.size(in, "niche_at_most")};
}

json toJson(const sim::SimulationParams& params)
{
    return {{"users", params.users},
            {"seed", params.seed},
            {"reference_date", dayToJson(params.referenceDate)},
            {"thresholds", toJson(params.thresholds)},
            {"discovery_share", realToJson(params.discoveryShare)},
            {"discovery_tracks", params.discoveryTracks},
            {"fallback_tracks", params.fallbackTracks}};
}

sim::SimulationParams simulationParamsFromJson(const json& in, const JsonReader& reader)
{
    sim::SimulationParams params;
    params.users = reader.size(in, "users");
    params.seed = reader.unsignedInteger(in, "seed");
    params.referenceDate = reader.day(in, "reference_date");
    params.thresholds = thresholdsFromJson(reader.object(in, "thresholds"), reader.child("thresholds"));
    params.discoveryShare = reader.real(in, "discovery_share");
    params.discoveryTracks = reader.size(in, "discovery_tracks");
    params.fallbackTracks = reader.size(in, "fallback_tracks");
    return params;
}

json toJson(const model::TrainingParams& p)
{
    return {{"layers", p.layers},
            {"batch_size", p.batchSize},
            {"validation_share", realToJson(p.validationShare)},
            {"seed", p.seed},
            {"pretrain_epochs", p.pretrainEpochs},
            {"pretrain_learning_rate", realToJson(p.pretrainLearningRate)},
            {"pretrain_weight_decay", realToJson(p.pretrainWeightDecay)},
            {"pretrain_clip", realToJson(p.pretrainClip)},
            {"cd_steps", p.cdSteps},
            {"weight_doubling", p.weightDoubling},
            {"finetune_epochs", p.finetuneEpochs},
            {"finetune_learning_rate", realToJson(p.finetuneLearningRate)},
            {"finetune_weight_decay", realToJson(p.finetuneWeightDecay)},
            {"finetune_clip", realToJson(p.finetuneClip)},
            {"mean_field_iterations", p.meanFieldIterations},
            {"gibbs_steps", p.gibbsSteps},
            {"chains", p.chains == model::ChainMode::Restart ? "restart" : "persistent"},
            {"adam_beta1", realToJson(p.adamBeta1)},
            {"adam_beta2", realToJson(p.adamBeta2)},
            {"adam_epsilon", realToJson(p.adamEpsilon)},
            {"log_variance_rate_factor", realToJson(p.logVarianceRateFactor)},
            {"log_variance_min", realToJson(p.logVarianceMin)},
            {"log_variance_max", realToJson(p.logVarianceMax)},
            {"initial_weight_scale", realToJson(p.initialWeightScale)},
            {"pretrain_hidden_learning_rate", realToJson(p.pretrainHiddenLearningRate)},
            {"pretrain_momentum_start", realToJson(p.pretrainMomentumStart)},
            {"pretrain_momentum", realToJson(p.pretrainMomentum)},
            {"pretrain_momentum_switch_epoch", p.pretrainMomentumSwitchEpoch},
            {"log_variance_warmup_epochs", p.logVarianceWarmupEpochs},
            {"early_stopping", p.earlyStopping},
            {"patience", p.patience}};
}

model::TrainingParams trainingParamsFromJson(const json& in, const JsonReader& reader)
{
    model::TrainingParams p;
    p.layers = reader.sizes(in, "layers");
    p.batchSize = reader.size(in, "batch_size");
    p.validationShare = reader.real(in, "validation_share");
    p.seed = reader.unsignedInteger(in, "seed");
    p.pretrainEpochs = int(reader.integer(in, "pretrain_epochs", kIntMin, kIntMax));
    p.pretrainLearningRate = reader.real(in, "pretrain_learning_rate");
    p.pretrainWeightDecay = reader.real(in, "pretrain_weight_decay");
    p.pretrainClip = reader.real(in, "pretrain_clip");
    p.cdSteps = int(reader.integer(in, "cd_steps", kIntMin, kIntMax));
    p.weightDoubling = reader.boolean(in, "weight_doubling");
    p.finetuneEpochs = int(reader.integer(in, "finetune_epochs", kIntMin, kIntMax));
    p.finetuneLearningRate = reader.real(in, "finetune_learning_rate");
    p.finetuneWeightDecay = reader.real(in, "finetune_weight_decay");
    p.finetuneClip = reader.real(in, "finetune_clip");
    p.meanFieldIterations = int(reader.integer(in, "mean_field_iterations", kIntMin, kIntMax));
    p.gibbsSteps = int(reader.integer(in, "gibbs_steps", kIntMin, kIntMax));
    const std::string chains = reader.text(in, "chains");
    if (chains != "restart" && chains != "persistent")
        reader.fail("chains", "expected \"persistent\" or \"restart\", found \"" + chains + "\"");
    p.chains = chains == "restart" ? model::ChainMode::Restart : model::ChainMode::Persistent;
    p.adamBeta1 = reader.real(in, "adam_beta1");
    p.adamBeta2 = reader.real(in, "adam_beta2");
    p.adamEpsilon = reader.real(in, "adam_epsilon");
    p.logVarianceRateFactor = reader.real(in, "log_variance_rate_factor");
    p.logVarianceMin = reader.real(in, "log_variance_min");
    p.logVarianceMax = reader.real(in, "log_variance_max");
    // Projects saved before the training recipe was chosen by measurement hold the settings of
    // plain SGD: one pretraining rate, no momentum, no warm-up, no early stopping.
    if (!in.contains("pretrain_hidden_learning_rate")) {
        model::useFirstRecipe(p);
        return p;
    }
    p.initialWeightScale = reader.real(in, "initial_weight_scale");
    p.pretrainHiddenLearningRate = reader.real(in, "pretrain_hidden_learning_rate");
    p.pretrainMomentumStart = reader.real(in, "pretrain_momentum_start");
    p.pretrainMomentum = reader.real(in, "pretrain_momentum");
    p.pretrainMomentumSwitchEpoch =
        int(reader.integer(in, "pretrain_momentum_switch_epoch", kIntMin, kIntMax));
    p.logVarianceWarmupEpochs = int(reader.integer(in, "log_variance_warmup_epochs", kIntMin, kIntMax));
    p.earlyStopping = reader.boolean(in, "early_stopping");
    p.patience = int(reader.integer(in, "patience", kIntMin, kIntMax));
    return p;
}

json toJson(const model::HybridParams& p)
{
    json modalities = json::array();
    for (model::Modality m : p.modalities)
        modalities.push_back(std::string(model::modalityKey(m)));
    return {{"modalities", modalities},
            {"audio_layers", p.audioLayers},
            {"tag_layers", p.tagLayers},
            {"tag_units_follow_vocabulary", p.tagUnitsFollowVocabulary},
            {"listening_layers", p.listeningLayers},
            {"listening_rank", p.listeningRank},
            {"joint_units", p.jointUnits},
            {"conditional_joint", p.conditionalJoint},
            {"mean_reconstructions", p.meanReconstructions},
            {"tag_rate_factor", realToJson(p.tagRateFactor)},
            {"max_pretrain_updates", p.maxPretrainUpdates},
            {"embedding_iterations", p.embeddingIterations},
            {"min_tag_tracks", p.minTagTracks},
            {"pretrain_momentum_start", realToJson(p.pretrainMomentumStart)},
            {"pretrain_momentum", realToJson(p.pretrainMomentum)},
            {"weight_doubling", p.weightDoubling},
            {"finetune_epochs", p.finetuneEpochs},
            {"learn_variances", p.learnVariances}};
}

model::HybridParams hybridParamsFromJson(const json& in, const JsonReader& reader,
                                         const model::TrainingParams& recipe)
{
    model::HybridParams p;
    p.modalities.clear();
    for (const std::string& key : reader.texts(in, "modalities")) {
        const auto m = model::modalityFromKey(key);
        if (!m)
            reader.fail("modalities", "expected audio, tags or listening, found \"" + key + "\"");
        p.modalities.push_back(*m);
    }
    p.audioLayers = reader.sizes(in, "audio_layers");
    p.tagLayers = reader.sizes(in, "tag_layers");
    p.tagUnitsFollowVocabulary = reader.boolean(in, "tag_units_follow_vocabulary");
    p.listeningLayers = reader.sizes(in, "listening_layers");
    // Written since the low-rank coding exists; older projects have one unit per listener.
    p.listeningRank = in.contains("listening_rank") ? reader.size(in, "listening_rank") : 0;
    p.jointUnits = reader.size(in, "joint_units");
    // Written since the conditional joint layer exists; an older project's learned the joint
    // distribution.
    p.conditionalJoint = in.contains("conditional_joint") && reader.boolean(in, "conditional_joint");
    // Written since pretraining reconstructs by means; an older project's sampled.
    p.meanReconstructions = in.contains("mean_reconstructions") && reader.boolean(in, "mean_reconstructions");
    // Written since the tag pathway has a rate of its own; an older project's had the others'.
    p.tagRateFactor = in.contains("tag_rate_factor") ? reader.real(in, "tag_rate_factor") : 1.0;
    // Written since pretraining has an update limit; an older project's ran every epoch.
    p.maxPretrainUpdates = in.contains("max_pretrain_updates") ? reader.size(in, "max_pretrain_updates") : 0;
    // Written since embedding has iterations of its own; an older project's used the recipe's.
    p.embeddingIterations = in.contains("embedding_iterations")
                                ? int(reader.integer(in, "embedding_iterations", kIntMin, kIntMax))
                                : recipe.meanFieldIterations;
    p.minTagTracks = reader.size(in, "min_tag_tracks");
    p.pretrainMomentumStart = reader.real(in, "pretrain_momentum_start");
    p.pretrainMomentum = reader.real(in, "pretrain_momentum");
    p.weightDoubling = reader.boolean(in, "weight_doubling");
    p.finetuneEpochs = int(reader.integer(in, "finetune_epochs", kIntMin, kIntMax));
    p.learnVariances = reader.boolean(in, "learn_variances");
    // validate() names the setting first ("joint units: 1..4096"): the JSON key it is kept under.
    if (const auto problems = model::validate(p); !problems.empty()) {
        const std::string& problem = problems.front();
        const std::pair<const char*, const char*> keys[] = {
            {"modalities", "modalities"},
            {"pathway layers", "audio_layers"},
            {"audio layers", "audio_layers"},
            {"tags layers", "tag_layers"},
            {"listening layers", "listening_layers"},
            {"listening rank", "listening_rank"},
            {"joint units", "joint_units"},
            {"hybrid momentum", "pretrain_momentum"},
            {"hybrid fine-tuning", "finetune_epochs"},
            {"tag rate factor", "tag_rate_factor"},
            {"max pretraining updates", "max_pretrain_updates"},
            {"embedding mean-field iterations", "embedding_iterations"},
            {"min tag tracks", "min_tag_tracks"}};
        std::string key = "modalities";
        for (const auto& [prefix, name] : keys) {
            if (problem.starts_with(prefix))
                key = name;
        }
        reader.fail(key, problem);
    }
    return p;
}

json toJson(const rec::EvaluationResult& evaluation)
{
    json methods = json::array();
    for (const rec::MethodEvaluation& m : evaluation.methods) {
        json perArchetype = json::object();
        for (const auto& [archetype, values] : m.perArchetype)
            perArchetype[archetype] = metricsToJson(values);
        json against = json::object();
        for (const auto& [baseline, d] : m.ndcgAgainst)
            against[baseline] = {{"mean", realToJson(d.mean)},
                                 {"standard_error", realToJson(d.standardError)},
                                 {"users", d.users}};
        methods.push_back({{"method", m.method},
                           {"ranked", m.ranked},
                           {"settings", m.settings},
                           {"overall", metricsToJson(m.overall)},
                           {"per_archetype", perArchetype},
                           {"ndcg_standard_error", realToJson(m.ndcgStandardError)},
                           {"ndcg_against", against}});
    }
    return {{"protocol", std::string(rec::protocolInfo(evaluation.protocol).key)},
            {"tracks_ranked", evaluation.tracksRanked},
            {"k", evaluation.k},
            {"users_evaluated", evaluation.usersEvaluated},
            {"users_skipped", evaluation.usersSkipped},
            {"users_per_archetype", evaluation.usersPerArchetype},
            {"methods", methods}};
}

rec::EvaluationResult evaluationFromJson(const json& in, const JsonReader& reader)
{
    rec::EvaluationResult evaluation;
    evaluation.k = reader.size(in, "k");
    evaluation.usersEvaluated = reader.size(in, "users_evaluated");
    evaluation.usersSkipped = reader.size(in, "users_skipped");
    // Projects saved before it was recorded do not say how many users each archetype had.
    if (in.contains("users_per_archetype")) {
        const json& groups = reader.object(in, "users_per_archetype");
        const JsonReader group = reader.child("users_per_archetype");
        std::size_t users = 0;
        for (const auto& [archetype, unused] : groups.items())
            users += evaluation.usersPerArchetype[archetype] = group.size(groups, archetype);
        if (!evaluation.usersPerArchetype.empty() && users != evaluation.usersEvaluated)
            reader.fail("users_per_archetype", "the archetypes' users add up to " + std::to_string(users) +
                                                   ", not users_evaluated (" +
                                                   std::to_string(evaluation.usersEvaluated) + ")");
    }
    // Projects saved before the new-tracks protocol hold a returning-listeners evaluation of the
    // whole catalog, without the methods' settings.
    if (in.contains("protocol")) {
        const std::string key = reader.text(in, "protocol");
        const auto protocol = rec::protocolFromKey(key);
        if (!protocol)
            reader.fail("protocol", "expected \"warm\" or \"new-tracks\", found \"" + key + "\"");
        evaluation.protocol = *protocol;
        evaluation.tracksRanked = reader.size(in, "tracks_ranked");
    }
    const json& methods = reader.array(in, "methods");
    for (std::size_t i = 0; i < methods.size(); ++i) {
        const JsonReader method = reader.child("methods[" + std::to_string(i) + "]");
        rec::MethodEvaluation m;
        m.method = method.text(methods[i], "method");
        if (methods[i].contains("ranked")) {
            m.ranked = method.boolean(methods[i], "ranked");
            const json& settings = method.object(methods[i], "settings");
            for (const auto& [name, value] : settings.items()) {
                if (!value.is_string())
                    method.child("settings").fail(name, "expected text");
                m.settings[name] = value.get<std::string>();
            }
        }
        m.overall = metricsFromJson(method.object(methods[i], "overall"), method.child("overall"));
        const json& perArchetype = method.object(methods[i], "per_archetype");
        for (const auto& [archetype, values] : perArchetype.items())
            m.perArchetype[archetype] =
                metricsFromJson(values, method.child("per_archetype").child(archetype));
        // Projects saved before the paired comparisons hold neither.
        if (methods[i].contains("ndcg_standard_error"))
            m.ndcgStandardError = method.real(methods[i], "ndcg_standard_error");
        if (methods[i].contains("ndcg_against")) {
            const json& against = method.object(methods[i], "ndcg_against");
            const JsonReader pairs = method.child("ndcg_against");
            for (const auto& [baseline, d] : against.items()) {
                const JsonReader pair = pairs.child(baseline);
                if (!d.is_object())
                    pairs.fail(baseline, "expected an object, found " + d.dump());
                rec::NdcgDifference& difference = m.ndcgAgainst[baseline];
                difference.mean = pair.real(d, "mean");
                difference.standardError = pair.real(d, "standard_error");
                difference.users = pair.size(d, "users");
                if (!(std::abs(difference.mean) <= 1 && difference.standardError >= 0))
                    pairs.fail(baseline,
                               "expected a difference from -1 to 1 and a standard error of at least 0");
            }
        }
        evaluation.methods.push_back(std::move(m));
    }
    return evaluation;
}

json toJson(const rec::EvaluationSet& evaluations)
{
    json protocols = json::array();
    for (const rec::EvaluationResult& result : evaluations.results)
        protocols.push_back(toJson(result));
    json out = {{"protocols", protocols}};
    if (!evaluations.splitSeeds.empty())
        out["across_splits"] = acrossSplitsToJson(evaluations);
    return out;
}

rec::EvaluationSet evaluationSetFromJson(const json& in, const JsonReader& reader)
{
    rec::EvaluationSet set;
    if (!in.is_object() || !in.contains("protocols")) {
        set.results.push_back(evaluationFromJson(in, reader));
        return set;
    }
    const json& protocols = reader.array(in, "protocols");
    for (std::size_t i = 0; i < protocols.size(); ++i) {
        const JsonReader child = reader.child("protocols[" + std::to_string(i) + "]");
        rec::EvaluationResult result = evaluationFromJson(protocols[i], child);
        if (set.find(result.protocol))
            child.fail("protocol", "the same protocol twice");
        set.results.push_back(std::move(result));
    }
    // An evaluation of one split, or one saved before evaluations were repeated, has none.
    if (in.contains("across_splits"))
        readAcrossSplits(in["across_splits"], reader.child("across_splits"), set);
    return set;
}

json toJson(const data::LoadReport& report)
{
    json dropped = json::array();
    for (const data::LoadReport::Drop& d : report.dropped) {
        json examples = json::array();
        for (const data::SourceRow& row : d.examples)
            examples.push_back({{"file", row.file}, {"line", row.line}});
        dropped.push_back({{"reason", d.reason}, {"rows", d.rows}, {"examples", examples}});
    }
    return {
        {"files", report.files},        {"rows_read", report.rowsRead}, {"rows_merged", report.rowsMerged},
        {"rows_kept", report.rowsKept}, {"dropped", dropped},           {"conversions", report.conversions},
        {"notes", report.notes}};
}

data::LoadReport loadReportFromJson(const json& in, const JsonReader& reader)
{
    data::LoadReport report;
    report.files = reader.texts(in, "files");
    report.rowsRead = reader.size(in, "rows_read");
    report.rowsMerged = reader.size(in, "rows_merged");
    report.rowsKept = reader.size(in, "rows_kept");
    const json& dropped = reader.array(in, "dropped");
    for (std::size_t i = 0; i < dropped.size(); ++i) {
        const JsonReader drop = reader.child("dropped[" + std::to_string(i) + "]");
        data::LoadReport::Drop entry{drop.text(dropped[i], "reason"), drop.size(dropped[i], "rows"), {}};
        // Projects saved before drops listed their rows have no examples.
        if (dropped[i].contains("examples")) {
            const json& examples = drop.array(dropped[i], "examples");
            for (std::size_t k = 0; k < examples.size(); ++k) {
                const JsonReader example = drop.child("examples[" + std::to_string(k) + "]");
                entry.examples.push_back(
                    {example.text(examples[k], "file"), example.size(examples[k], "line")});
            }
        }
        report.dropped.push_back(std::move(entry));
    }
    if (in.contains("conversions")) // projects saved before units were read from the values
        report.conversions = reader.texts(in, "conversions");
    report.notes = reader.texts(in, "notes");
    return report;
}

json simulationHeaderToJson(const sim::SimulationResult& result)
{
    const sim::SimulationSummary& s = result.summary;
    return {{"seed", result.seed},
            {"reference_date", dayToJson(result.referenceDate)},
            {"archetype_names", result.archetypeNames},
            {"summary",
             {{"users_per_archetype", s.usersPerArchetype},
              {"fell_back", s.fellBack},
              {"discoverers", s.discoverers},
              {"interactions", s.interactions},
              {"rating_histogram", s.ratingHistogram}}}};
}

void simulationHeaderFromJson(const json& in, const JsonReader& reader, sim::SimulationResult& result)
{
    result.seed = reader.unsignedInteger(in, "seed");
    result.referenceDate = reader.day(in, "reference_date");
    result.archetypeNames = reader.texts(in, "archetype_names");
    const json& summary = reader.object(in, "summary");
    const JsonReader s = reader.child("summary");
    result.summary.usersPerArchetype = s.sizes(summary, "users_per_archetype");
    result.summary.fellBack = s.size(summary, "fell_back");
    result.summary.discoverers = s.size(summary, "discoverers");
    result.summary.interactions = s.size(summary, "interactions");
    const std::vector<std::size_t> histogram = s.sizes(summary, "rating_histogram");
    if (histogram.size() != sim::kRatingBins)
        s.fail("rating_histogram", "expected " + std::to_string(sim::kRatingBins) + " counts");
    std::copy(histogram.begin(), histogram.end(), result.summary.ratingHistogram.begin());
}

} // namespace gdbm::project
