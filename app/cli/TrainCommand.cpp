#include "CliCommon.h"
#include "Commands.h"
#include "TrainOptions.h"
#include "core/Text.h"
#include "model/ModelFile.h"
#include "model/TrainingProgress.h"

#include <QStringList>
#include <atomic>
#include <csignal>
#include <cstdio>
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

std::string jsonNumber(double x)
{
    return std::isfinite(x) ? text::formatDouble(x) : "null";
}

} // namespace

void addTrainingOptions(QCommandLineParser& parser)
{
    const model::TrainingParams d;
    parser.addOption({"layers", "Hidden layer sizes (default 64,32,16).", "LIST", "64,32,16"});
    parser.addOption({"pretrain-epochs", "Pretraining epochs per layer (default 100).", "N",
                      QString::number(d.pretrainEpochs)});
    parser.addOption(
        {"finetune-epochs", "Fine-tuning epochs (default 50).", "N", QString::number(d.finetuneEpochs)});
    parser.addOption({"batch", "Mini-batch size (default 128).", "N", QString::number(d.batchSize)});
    parser.addOption({"lr-pretrain", "Pretraining learning rate (default 0.005).", "RATE", "0.005"});
    parser.addOption({"lr-finetune", "Fine-tuning learning rate (default 0.0001).", "RATE", "0.0001"});
    parser.addOption(
        {"mf-iters", "Mean-field iterations (default 3).", "N", QString::number(d.meanFieldIterations)});
    parser.addOption(
        {"gibbs-steps", "Gibbs steps per update (default 3).", "N", QString::number(d.gibbsSteps)});
    parser.addOption({"chains", "persistent (default) or restart.", "MODE", "persistent"});
    parser.addOption({"weight-doubling", "Pretrain with Salakhutdinov and Hinton's weight doubling."});
    parser.addOption({"validation", "Share of songs held out for validation (default 0.1).", "SHARE", "0.1"});
    parser.addOption({"seed", "Random seed (default 1).", "S", "1"});
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
    p.finetuneLearningRate = numberOption(parser, "lr-finetune", 1e-12, 1e300);
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
        std::fprintf(stderr, "%s layer %zu/%zu epoch %d/%d: mse %.4f, validation %.4f, %s songs/s, %.1f s\n",
                     std::string(model::phaseName(s.phase)).c_str(), s.layer + 1, s.layers, s.epoch, s.epochs,
                     s.mseTrain, s.mseValidation, text::withThousands((long long)s.samplesPerSecond).c_str(),
                     s.elapsedSeconds);
        return false;
    };
}

int runTrain(const QStringList& args)
{
    QCommandLineParser parser;
    addDataOptions(parser);
    addTrainingOptions(parser);
    parser.addOption({"out", "The model file to write.", "MODEL"});
    parseOrExit(parser, args,
                "Trains a Gaussian-Bernoulli Deep Boltzmann Machine on the songs' audio features.");
    if (!parser.isSet("out"))
        throw UsageError{"train needs --out MODEL"};
    const model::TrainingParams params = trainingParams(parser);
    const auto limit = threadLimit(parser);
    const std::string out = outputFile(parser, "out");
    const data::Catalog catalog = loadCatalog(parser);

    // A divergence (TrainingDiverged) is reported by main() with exit code 4.
    const model::TrainModelResult result =
        model::trainModel(catalog, params, stderrEpochObserver(), &interrupted());
    if (result.stopped) {
        printError("interrupted: no model written");
        return kExitInterrupted;
    }
    model::saveModel(result.model, out);
    const model::Model& m = result.model;
    std::vector<std::string> sizes;
    for (std::size_t n : params.layers)
        sizes.push_back(std::to_string(n));
    const std::string layers = text::join(sizes, ",");
    std::printf(
        "{\"pretrain_s\": %s, \"finetune_s\": %s, \"mse_after_pretraining\": %s, \"mse_train\": %s, "
        "\"mse_validation\": %s, \"threads\": %zu, \"songs\": %zu, \"features\": %zu, \"layers\": [%s], "
        "\"model\": \"%s\"}\n",
        jsonNumber(m.pretrainSeconds).c_str(), jsonNumber(m.finetuneSeconds).c_str(),
        jsonNumber(m.mseAfterPretraining).c_str(), jsonNumber(m.mseTrain).c_str(),
        jsonNumber(m.mseValidation).c_str(), activeThreads(), catalog.size(), m.features.size(),
        layers.c_str(), out.c_str());
    return kExitOk;
}

} // namespace gdbm::cli
