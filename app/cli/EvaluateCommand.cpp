#include "CliCommon.h"
#include "Commands.h"
#include "HybridOptions.h"
#include "Report.h"
#include "TrainOptions.h"
#include "core/Error.h"
#include "model/ModelFile.h"
#include "rec/CatalogEmbedding.h"
#include "rec/Comparison.h"
#include "rec/Embedder.h"
#include "sim/Simulator.h"

#include <cstdio>
#include <optional>

namespace gdbm::cli {
namespace {

sim::SimulationResult simulateUsers(const data::Catalog& catalog, std::size_t users, std::uint64_t seed)
{
    sim::SimulationParams params;
    params.users = users;
    params.seed = seed;
    params.thresholds = data::GenreThresholds::scaledFor(catalog.size());
    return sim::simulate(catalog, sim::defaultArchetypes(), params, stderrProgress(), &interrupted());
}

model::Model trainedModel(const data::Catalog& catalog, const model::TrainingParams& params)
{
    model::TrainModelResult trained =
        model::trainModel(catalog, params, {.observer = stderrEpochObserver(), .cancel = &interrupted()});
    if (trained.stopped)
        throw Cancelled();
    return std::move(trained.model);
}

rec::ComparisonParams comparisonDefaults(std::uint64_t seed)
{
    rec::ComparisonParams p;
    p.seed = seed;
    return p;
}

} // namespace

int runEvaluate(const QStringList& args)
{
    QCommandLineParser parser;
    addDataOptions(parser);
    addTrainingOptions(parser);
    addHybridOptions(parser, HybridUse::Evaluated);
    parser.addOption(
        optionWithDefault("users", "Simulated users", "N", qulonglong(sim::SimulationParams{}.users)));
    parser.addOption({"model", "Evaluate this model instead of training one.", "MODEL"});
    parser.addOption(optionWithDefault("top", "K, the length of the recommendation lists", "K",
                                       qulonglong(rec::ComparisonParams{}.k)));
    parser.addOption({"json", "Also write the results as JSON.", "FILE"});
    parser.addOption({"protocol",
                      "warm (returning listeners: 20% of each one's tracks held out), new-tracks (10% of "
                      "the heard tracks lose every listener; only they are ranked) or both (default).",
                      "P", "both"});
    parser.addOption(optionWithDefault(
        "splits",
        "Repeat the evaluation on N (at most 20) splits of the same listeners (split seeds --seed to "
        "--seed + N - 1) and report each method's NDCG and archetype fit over them: whether a difference "
        "holds when other listening is held out",
        "N", 1));
    parser.addOption({"scoring",
                      "How a history scores a song: mean-cosine (the mean cosine with each history song, "
                      "default) or history-mean (cosine with the history's mean vector).",
                      "RULE", std::string(rec::scoringRuleKey(rec::kDefaultScoringRule)).c_str()});
    parseOrExit(parser, args,
                "Simulates listeners and compares the DBM's recommendations with the baselines "
                "(audio features, audio + tags, item-kNN, implicit MF, popularity, random) on held-out "
                "listening.");
    const QString protocolName = parser.value("protocol");
    std::vector<rec::Protocol> protocols;
    if (protocolName == "both")
        protocols = {rec::Protocol::Warm, rec::Protocol::NewTracks};
    else if (const auto p = rec::protocolFromKey(protocolName.toStdString()))
        protocols = {*p};
    else
        throw UsageError{"--protocol must be warm, new-tracks or both, not '" + protocolName.toStdString() +
                         "'"};
    const model::TrainingParams params = trainingParams(parser);
    const model::HybridParams hybrid = hybridParams(parser);
    const rec::EmbeddingKind hybridKind = hybridEmbedding(parser);
    const auto users = std::size_t(sizeOption(parser, "users", 1, kMaxUsers, kUsersBound));
    const auto k = std::size_t(integerOption(parser, "top", 1, 10000));
    const auto splits =
        std::size_t(integerOption(parser, "splits", 1, static_cast<long long>(rec::kMaxSplits)));
    const auto rule = rec::scoringRuleFromKey(parser.value("scoring").toStdString());
    if (!rule)
        throw UsageError{"--scoring must be mean-cosine or history-mean, not '" +
                         parser.value("scoring").toStdString() + "'"};
    const auto limit = threadLimit(parser);
    const std::string json = parser.isSet("json") ? outputFile(parser, "json") : std::string();
    // A given model is read before the long steps, so that a bad file is reported at once.
    std::optional<model::Model> given =
        parser.isSet("model") ? std::optional(model::loadModel(parser.value("model").toStdString()))
                              : std::nullopt;

    if (given && given->isHybrid()) {
        for (const char* option :
             {"modalities", "audio-layers", "tag-layers", "listening-layers", "listening-rank", "joint",
              "tag-rate-factor", "hybrid-max-updates", "hybrid-mf-iters", "hybrid-finetune-epochs",
              "no-hybrid-weight-doubling", "no-hybrid-conditional-joint", "no-hybrid-mean-reconstructions",
              "hybrid-learn-variances"}) {
            if (parser.isSet(option))
                printInfo("note: --" + std::string(option) +
                          " is not used: the model file is a hybrid, and its own shape is the one evaluated");
        }
    }
    const data::Catalog catalog = loadCatalog(parser);
    const sim::SimulationResult simulation = simulateUsers(catalog, users, params.seed);
    const model::Model model = given ? std::move(*given) : trainedModel(catalog, params);
    rec::ComparisonParams comparison;
    comparison.k = k;
    comparison.seed = params.seed;
    comparison.rule = *rule;
    comparison.hybrid = hybrid;
    comparison.hybridEmbedding = hybridKind;
    // One call for every protocol and split: a hybrid model's audio-only counterpart is trained once.
    const rec::EvaluationSet set = rec::compareOverSplits(catalog, simulation, model, comparison, protocols,
                                                          splits, stderrProgress(), &interrupted());
    for (std::size_t i = 0; i < set.results.size(); ++i) {
        if (i > 0)
            std::printf("\n");
        printEvaluation(set.results[i]);
    }
    for (const rec::ProtocolAcrossSplits& summary : set.acrossSplits)
        printAcrossSplits(summary, set.splitSeeds);
    if (!json.empty()) {
        writeEvaluationJson(set, json);
        printInfo("wrote " + json);
    }
    return kExitOk;
}

int runPipeline(const QStringList& args)
{
    QCommandLineParser parser;
    addDataOptions(parser);
    parser.addOption(optionWithDefault("seed", "Random seed", "S", qulonglong(model::TrainingParams{}.seed)));
    parser.addOption(
        optionWithDefault("users", "Simulated users", "N", qulonglong(sim::SimulationParams{}.users)));
    parseOrExit(
        parser, args,
        "The whole pipeline: the catalog, 1,000 simulated listeners, the DBM trained with the default "
        "settings, the evaluation against the baselines on both protocols, and one listener's top 10 "
        "explained.");
    model::TrainingParams params;
    params.seed = std::uint64_t(integerOption(parser, "seed", 0, std::numeric_limits<long long>::max()));
    const auto users = std::size_t(sizeOption(parser, "users", 1, kMaxUsers, kUsersBound));

    const data::Catalog catalog = loadCatalog(parser);
    printInfo("1/4 simulating " + std::to_string(users) + " listeners");
    const sim::SimulationResult simulation = simulateUsers(catalog, users, params.seed);
    printInfo("2/4 training the DBM (default settings)");
    const model::Model model = trainedModel(catalog, params);
    printInfo("3/4 evaluating (returning listeners, then new tracks)");
    const rec::EvaluationSet results = rec::compareProtocols(
        catalog, simulation, model, comparisonDefaults(params.seed),
        {rec::Protocol::Warm, rec::Protocol::NewTracks}, stderrProgress(), &interrupted());
    for (std::size_t i = 0; i < results.results.size(); ++i) {
        if (i > 0)
            std::printf("\n");
        printEvaluation(results.results[i]);
    }
    const rec::EvaluationResult& result = *results.find(rec::Protocol::Warm);

    // The first listener's top 10 with the audio-only DBM embedding that ranked best for returning
    // listeners (the hybrid is trained per protocol and not kept).
    rec::EmbeddingKind kind = rec::kDefaultEmbedding;
    double bestNdcg = -1;
    for (const rec::MethodEvaluation& m : result.methods) {
        const auto candidate =
            m.method.rfind("dbm-", 0) == 0 ? rec::embeddingFromKey(m.method.substr(4)) : std::nullopt;
        // No metric when no listener could be evaluated (a catalog of a few tracks): the default.
        const auto ndcg = m.overall.find("ndcg");
        if (candidate && ndcg != m.overall.end() && ndcg->second > bestNdcg) {
            bestNdcg = ndcg->second;
            kind = *candidate;
        }
    }
    printInfo("4/4 recommending with the " + std::string(rec::embeddingKey(kind)) +
              " embedding (the best of the audio-only DBM's)");
    const Matrix embeddings = rec::embedCatalog(model, catalog, kind);
    const sim::User& first = simulation.users.front();
    const rec::UserHistory history = rec::historyOf(simulation, 0, false);
    std::printf("\nUser %u (%s) heard %zu distinct tracks; their top 10 (%s embedding):\n", first.id,
                simulation.archetypeNames[first.archetype].c_str(), history.tracks.size(),
                std::string(rec::embeddingKey(kind)).c_str());
    printRecommendations(
        catalog, rec::recommend(rec::catalogScoringSpace(model, embeddings, kind), history, {10, 3}), true);
    return kExitOk;
}

} // namespace gdbm::cli
