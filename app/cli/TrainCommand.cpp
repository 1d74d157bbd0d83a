#include "CliCommon.h"
#include "Commands.h"
#include "HybridOptions.h"
#include "TrainOptions.h"
#include "core/Error.h"
#include "core/Text.h"
#include "model/CurveSummary.h"
#include "model/ModelFile.h"
#include "model/TrainingProgress.h"
#include "rec/HybridModel.h"
#include "rec/InteractionFile.h"

#include <QStringList>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <tbb/global_control.h>

namespace gdbm::cli {
namespace {

// The hidden layer sizes: at most 32 layers of 1..4096 units (as model::validate), and at most
// kMaxParameters weights and biases with every feature visible, so that the parameters and the
// optimizer's copies of them stay within a few hundred megabytes.
std::vector<std::size_t> parseLayers(const QString& text)
{
    constexpr std::size_t kMaxLayers = 32, kMaxUnits = 4096;
    const QStringList parts = text.split(',');
    if (std::size_t(parts.size()) > kMaxLayers)
        throw UsageError{"--layers takes at most " + std::to_string(kMaxLayers) + " layer sizes, not " +
                         std::to_string(parts.size())};
    std::vector<std::size_t> layers;
    for (const QString& part : parts) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        if (!ok || n < 1 || std::size_t(n) > kMaxUnits)
            throw UsageError{
                "--layers must be a comma-separated list of sizes 1..4096, like 64,32,16, not '" +
                text.toStdString() + "'"};
        layers.push_back(std::size_t(n));
    }
    long long parameters = 0;
    std::size_t below = data::kFeatureCount;
    for (std::size_t n : layers) {
        parameters += (long long)(below * n + n);
        below = n;
    }
    if (parameters > kMaxParameters)
        throw UsageError{"--layers " + text.toStdString() + " would have " + text::withThousands(parameters) +
                         " parameters; the cap of " + text::withThousands(kMaxParameters) +
                         " bounds the memory training takes"};
    return layers;
}

nlohmann::ordered_json jsonNumber(double x)
{
    return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json();
}

nlohmann::ordered_json seriesJson(const model::SeriesSummary& s)
{
    if (s.epochs == 0)
        return nullptr;
    return {{"first", jsonNumber(s.first)},
            {"best", jsonNumber(s.best)},
            {"best_epoch", s.bestEpoch},
            {"last", jsonNumber(s.last)},
            {"epochs", s.epochs}};
}

// Each modality's units ("audio", "tags", "listening"); the audio-only model's are its features.
nlohmann::ordered_json modalitiesJson(const model::Model& m)
{
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    if (!m.isHybrid())
        out["audio"] = m.features.size();
    for (const model::ModalityColumns& c : m.modalities)
        out[std::string(model::modalityKey(c.modality))] = c.count;
    return out;
}

// One line of JSON on stdout: times, final errors, every curve's first, best and last values
// (relative errors: 1.0 is "no better than the mean"), the epoch kept and the verdict.
void printTrainingSummary(const model::Model& m, std::size_t songs, std::size_t threads,
                          const std::string& out)
{
    const model::CurveSummary curves = model::summarizeCurves(m.curves);
    nlohmann::ordered_json pretraining = nlohmann::ordered_json::array();
    for (std::size_t l = 0; l < curves.pretrainTrain.size(); ++l) {
        pretraining.push_back({{"layer", l + 1},
                               {"train", seriesJson(curves.pretrainTrain[l])},
                               {"validation", seriesJson(curves.pretrainValidation[l])}});
    }
    // A hybrid's layer 1, modality by modality (each against its own variance).
    if (!curves.groups.empty() && !pretraining.empty()) {
        nlohmann::ordered_json groups = nlohmann::ordered_json::object();
        for (const model::GroupSummary& g : curves.groups)
            groups[g.name] = {{"train", seriesJson(g.train)}, {"validation", seriesJson(g.validation)}};
        pretraining[0]["modalities"] = groups;
    }
    const model::TrainingVerdict verdict = model::judgeModel(m);
    const nlohmann::ordered_json summary = {{"pretrain_s", jsonNumber(m.pretrainSeconds)},
                                            {"finetune_s", jsonNumber(m.finetuneSeconds)},
                                            {"mse_after_pretraining", jsonNumber(m.mseAfterPretraining)},
                                            {"mse_train", jsonNumber(m.mseTrain)},
                                            {"mse_validation", jsonNumber(m.mseValidation)},
                                            {"curves",
                                             {{"pretraining", pretraining},
                                              {"fine_tuning",
                                               {{"train", seriesJson(curves.finetuneTrain)},
                                                {"validation", seriesJson(curves.finetuneValidation)}}}}},
                                            {"kept_epoch", m.keptEpoch},
                                            {"stopped_early", m.stoppedEarly},
                                            {"verdict", std::string(model::verdictKey(verdict.verdict))},
                                            {"threads", threads},
                                            {"songs", songs},
                                            {"features", m.features.size()},
                                            {"modalities", modalitiesJson(m)},
                                            {"layers", m.dbm.layerSizes()},
                                            {"model", out}};
    std::printf("%s\n",
                summary.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
    printInfo(verdict.summary + " " + verdict.advice);
}

} // namespace

void addTrainingOptions(QCommandLineParser& parser)
{
    const model::TrainingParams d;
    QStringList layers;
    for (std::size_t n : d.layers)
        layers << QString::number(n);
    parser.addOption(
        optionWithDefault("layers", "The audio-only model's hidden layer sizes", "LIST", layers.join(',')));
    parser.addOption(
        optionWithDefault("pretrain-epochs", "Pretraining epochs per layer", "N", d.pretrainEpochs));
    parser.addOption(optionWithDefault("finetune-epochs", "Fine-tuning epochs", "N", d.finetuneEpochs));
    parser.addOption(optionWithDefault("batch", "Mini-batch size", "N", qulonglong(d.batchSize)));
    const auto number = [](double x) { return QString::fromStdString(text::formatDouble(x)); };
    parser.addOption({"lr-pretrain",
                      "Pretraining learning rate of the first (Gaussian) layer (default " +
                          number(d.pretrainLearningRate) + ").",
                      "RATE", number(d.pretrainLearningRate)});
    parser.addOption({"init-scale",
                      "Initial weights within this factor of Glorot's limit (default " +
                          number(d.initialWeightScale) + ").",
                      "FACTOR", number(d.initialWeightScale)});
    parser.addOption({"lr-pretrain-hidden",
                      "Pretraining learning rate of the layers above it (default " +
                          number(d.pretrainHiddenLearningRate) + ").",
                      "RATE", number(d.pretrainHiddenLearningRate)});
    parser.addOption({"momentum",
                      "Pretraining momentum: START,FINAL, FINAL from epoch " +
                          QString::number(d.pretrainMomentumSwitchEpoch + 1) + " of each layer (default " +
                          number(d.pretrainMomentumStart) + "," + number(d.pretrainMomentum) + ").",
                      "START,FINAL", number(d.pretrainMomentumStart) + "," + number(d.pretrainMomentum)});
    parser.addOption(optionWithDefault("variance-warmup",
                                       "Epochs (of layer 1's pretraining and of fine-tuning) before the "
                                       "visible variances are learned",
                                       "N", d.logVarianceWarmupEpochs));
    parser.addOption({"lr-finetune",
                      "Fine-tuning learning rate (default " + number(d.finetuneLearningRate) + ").", "RATE",
                      number(d.finetuneLearningRate)});
    parser.addOption({"no-early-stopping", "Keep the last fine-tuning epoch, not the best on validation."});
    parser.addOption(optionWithDefault(
        "patience", "Early stopping: fine-tuning epochs without a better validation error before it stops",
        "N", d.patience));
    parser.addOption(optionWithDefault("mf-iters", "Mean-field iterations", "N", d.meanFieldIterations));
    parser.addOption(optionWithDefault("gibbs-steps", "Gibbs steps per update", "N", d.gibbsSteps));
    parser.addOption({"chains", "persistent (default) or restart.", "MODE", "persistent"});
    parser.addOption({"weight-doubling", "Pretrain with Salakhutdinov and Hinton's weight doubling."});
    parser.addOption(optionWithDefault("validation", "Share of songs held out for validation", "SHARE",
                                       number(d.validationShare)));
    parser.addOption(optionWithDefault("seed", "Random seed", "S", qulonglong(d.seed)));
    parser.addOption({"threads", "Worker threads (default: all cores).", "N"});
}

model::TrainingParams trainingParams(const QCommandLineParser& parser)
{
    model::TrainingParams p;
    p.layers = parseLayers(parser.value("layers"));
    p.pretrainEpochs = int(integerOption(parser, "pretrain-epochs", 0, 1'000'000));
    p.finetuneEpochs = int(integerOption(parser, "finetune-epochs", 0, 1'000'000));
    p.batchSize = std::size_t(sizeOption(parser, "batch", 1, kMaxBatch, "the memory of a mini-batch"));
    p.pretrainLearningRate = numberOption(parser, "lr-pretrain", 1e-12, 1e300);
    p.pretrainHiddenLearningRate = numberOption(parser, "lr-pretrain-hidden", 1e-12, 1e300);
    p.initialWeightScale = numberOption(parser, "init-scale", 1e-6, 10);
    const QStringList momentum = parser.value("momentum").split(',');
    bool startOk = false, finalOk = false;
    p.pretrainMomentumStart = momentum.front().toDouble(&startOk);
    p.pretrainMomentum = momentum.back().toDouble(&finalOk);
    if (momentum.size() != 2 || !startOk || !finalOk || !(p.pretrainMomentumStart >= 0) ||
        !(p.pretrainMomentumStart < 1) || !(p.pretrainMomentum >= 0) || !(p.pretrainMomentum < 1))
        throw UsageError{"--momentum must be START,FINAL with both in [0, 1), like 0.5,0.9, not '" +
                         parser.value("momentum").toStdString() + "'"};
    p.logVarianceWarmupEpochs = int(integerOption(parser, "variance-warmup", 0, 1'000'000));
    p.finetuneLearningRate = numberOption(parser, "lr-finetune", 1e-12, 1e300);
    p.earlyStopping = !parser.isSet("no-early-stopping");
    p.patience = int(integerOption(parser, "patience", 1, 1'000'000));
    p.meanFieldIterations = int(integerOption(parser, "mf-iters", 0, 1000));
    p.gibbsSteps = int(integerOption(parser, "gibbs-steps", 1, 1000));
    const QString chains = parser.value("chains");
    if (chains != "persistent" && chains != "restart")
        throw UsageError{"--chains must be persistent or restart, not '" + chains.toStdString() + "'"};
    p.chains = chains == "restart" ? model::ChainMode::Restart : model::ChainMode::Persistent;
    p.weightDoubling = parser.isSet("weight-doubling");
    p.validationShare = numberOption(parser, "validation", 0.0, 0.9);
    p.seed = std::uint64_t(integerOption(parser, "seed", 0, std::numeric_limits<long long>::max()));
    std::size_t units = data::kFeatureCount;
    for (std::size_t n : p.layers)
        units += n;
    if ((long long)(p.batchSize * units) > kMaxBatchUnits)
        throw UsageError{"--batch " + std::to_string(p.batchSize) + " with " + std::to_string(units) +
                         " units in all layers would hold " +
                         text::withThousands((long long)(p.batchSize * units)) +
                         " values per mini-batch; the cap of " + text::withThousands(kMaxBatchUnits) +
                         " bounds the memory of a mini-batch"};
    // Whatever the options above let through and the trainer would still refuse, refused now,
    // before a dataset loads.
    if (const std::vector<std::string> problems = model::validate(p); !problems.empty())
        throw UsageError{"unusable training settings: " + problems.front()};
    return p;
}

std::unique_ptr<tbb::global_control> threadLimit(const QCommandLineParser& parser)
{
    if (!parser.isSet("threads"))
        return nullptr;
    const auto n = std::size_t(integerOption(parser, "threads", 1, 1024));
    return std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, n);
}

std::size_t activeThreads()
{
    return tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
}

model::EpochObserver stderrEpochObserver()
{
    return [](const model::EpochStats& s) {
        // An error that was not measured (no validation songs in a tiny catalog) is left out,
        // not printed as "nan".
        char errors[80] = "";
        if (std::isfinite(s.mseTrain) && std::isfinite(s.mseValidation))
            std::snprintf(errors, sizeof errors, ": error %.4f, validation %.4f", s.mseTrain,
                          s.mseValidation);
        else if (std::isfinite(s.mseTrain) || std::isfinite(s.mseValidation))
            std::snprintf(errors, sizeof errors, ": %s %.4f",
                          std::isfinite(s.mseTrain) ? "error" : "validation",
                          std::isfinite(s.mseTrain) ? s.mseTrain : s.mseValidation);
        std::fprintf(stderr, "%s layer %zu/%zu epoch %d/%d%s, %s songs/s, %.1f s\n",
                     std::string(model::phaseName(s.phase)).c_str(), s.layer + 1, s.layers, s.epoch, s.epochs,
                     errors, text::withThousands((long long)s.samplesPerSecond).c_str(), s.elapsedSeconds);
        return false;
    };
}

// The listening of --interactions, or none (the hybrid then leaves the modality out).
rec::NamedInteractions listeningFor(const QCommandLineParser& parser, const data::Catalog& catalog)
{
    if (!parser.isSet("interactions"))
        return {{catalog.size(), {}}, {}};
    const std::string path = parser.value("interactions").toStdString();
    rec::NamedInteractions listening = rec::listeningOf(readHistories(path, catalog), catalog.size());
    // Asked for, the listening must have something to learn: left out in silence, the model
    // would look like the hybrid the user meant and rank like one without listening.
    const auto& users = listening.interactions.tracksOfUser;
    if (std::all_of(users.begin(), users.end(), [](const auto& tracks) { return tracks.empty(); }))
        throw InputError({path, 0, 0, {}},
                         "no interaction names a track of the catalog (the file has none, or was made "
                         "with another dataset), so the listening modality would have nothing to learn");
    return listening;
}

int runTrain(const QStringList& args)
{
    QCommandLineParser parser;
    addDataOptions(parser);
    addTrainingOptions(parser);
    addHybridOptions(parser, HybridUse::Trained);
    parser.addOption({"interactions",
                      "The listening modality's data: interaction_data.csv as gdbm-cli simulate writes it.",
                      "CSV"});
    parser.addOption({"out", "The model file to write.", "MODEL"});
    parseOrExit(
        parser, args,
        "Trains a Deep Boltzmann Machine on the songs: by default the hybrid of every modality the "
        "data has (audio features, genres, decades and artists, and with --interactions who listened to "
        "what); --modalities audio trains the original study's audio-only model.");
    if (!parser.isSet("out"))
        throw UsageError{"train needs --out MODEL"};
    const model::TrainingParams params = trainingParams(parser);
    const model::HybridParams hybrid = hybridParams(parser);
    const bool audioOnly = hybrid.modalities == std::vector{model::Modality::Audio};
    if (!audioOnly && parser.isSet("layers"))
        throw UsageError{"--layers shapes the audio-only model (--modalities audio); the hybrid's pathways "
                         "take --audio-layers, --tag-layers, --listening-layers and --joint"};
    // The hybrid's own settings replace these (docs/MODEL.md section 10): given, they would be
    // silently ignored.
    const std::pair<const char*, const char*> replaced[] = {
        {"finetune-epochs", "--hybrid-finetune-epochs"},
        {"momentum", "its own momentum (0.5 then 0.9)"},
        {"weight-doubling", "weight doubling unless --no-hybrid-weight-doubling"},
        {"variance-warmup", "fixed audio variances unless --hybrid-learn-variances"}};
    for (const auto& [option, instead] : replaced) {
        if (!audioOnly && parser.isSet(option))
            throw UsageError{"--" + std::string(option) +
                             " is the audio-only model's (--modalities audio); the hybrid has " + instead};
    }
    // --mf-iters once also set how a hybrid embeds songs; now it serves only the hybrid's fine-tuning.
    if (!audioOnly && hybrid.finetuneEpochs == 0 && parser.isSet("mf-iters"))
        throw UsageError{
            "--mf-iters serves fine-tuning, which the hybrid skips (--hybrid-finetune-epochs 0); "
            "its songs are embedded with --hybrid-mf-iters"};
    if (audioOnly && parser.isSet("interactions"))
        throw UsageError{"--interactions feeds the listening modality, which --modalities audio leaves out"};
    if (parser.isSet("modalities") && hybrid.uses(model::Modality::Listening) &&
        !parser.isSet("interactions"))
        throw UsageError{"--modalities listening needs --interactions CSV (who listened to what)"};
    const auto limit = threadLimit(parser);
    const std::string out = outputFile(parser, "out");
    const data::Catalog catalog = loadCatalog(parser);

    // A divergence (TrainingDiverged) is reported by main() with exit code 4.
    model::TrainModelResult result;
    if (audioOnly) {
        result =
            model::trainModel(catalog, params, {.observer = stderrEpochObserver(), .cancel = &interrupted()});
    } else {
        rec::NamedInteractions listening = listeningFor(parser, catalog);
        result =
            rec::trainHybrid(catalog, listening.interactions, params, hybrid, std::move(listening.userNames),
                             {.observer = stderrEpochObserver(), .cancel = &interrupted()});
    }
    if (result.stopped) {
        printError("interrupted: no model written");
        return kExitInterrupted;
    }
    model::saveModel(result.model, out);
    printTrainingSummary(result.model, catalog.size(), activeThreads(), out);
    return kExitOk;
}

} // namespace gdbm::cli
