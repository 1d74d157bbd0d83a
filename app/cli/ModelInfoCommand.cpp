#include "CliCommon.h"
#include "Commands.h"
#include "core/Text.h"
#include "model/ModelFile.h"

#include <cstdio>

namespace gdbm::cli {

int runModelInfo(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument("MODEL", "The model file.");
    parseOrExit(parser, args, "Describes a model file.", /*takesArguments=*/true);
    if (parser.positionalArguments().size() != 1)
        throw UsageError{"model-info needs exactly one MODEL file"};
    const std::string path = parser.positionalArguments().first().toStdString();
    const std::uint32_t version = model::modelFileVersion(path);
    const model::Model m = model::loadModel(path);
    const model::TrainingParams& p = m.params;

    std::vector<std::string> sizes, names;
    for (std::size_t n : m.dbm.layerSizes())
        sizes.push_back(std::to_string(n));
    for (data::Feature f : m.features)
        names.emplace_back(data::featureName(f));
    const std::string layers = text::join(sizes, "-");
    const std::string features = text::join(names, ", ");
    std::printf("model file:     %s (format version %u)\n", path.c_str(), version);
    std::printf("layers:         %zu visible (Gaussian), hidden %s\n", m.dbm.visibleCount(), layers.c_str());
    std::printf("features:       %s\n", features.c_str());
    std::printf("parameters:     %zu\n", m.dbm.parameterCount());
    std::printf("songs:          %zu trained on, %zu held out for validation\n", m.trainRows,
                m.validationRows);
    std::printf("pretraining:    %d epochs per layer, learning rate %s (layers 2+: %s), momentum %s then %s, "
                "initial weights x%s, batch %zu, CD-%d%s\n",
                p.pretrainEpochs, text::formatDouble(p.pretrainLearningRate).c_str(),
                text::formatDouble(p.pretrainHiddenLearningRate).c_str(),
                text::formatDouble(p.pretrainMomentumStart).c_str(),
                text::formatDouble(p.pretrainMomentum).c_str(),
                text::formatDouble(p.initialWeightScale).c_str(), p.batchSize, p.cdSteps,
                p.weightDoubling ? ", weight doubling" : "");
    std::printf(
        "fine-tuning:    %d epochs, learning rate %s, %d mean-field iterations, %d Gibbs steps, %s chains\n",
        p.finetuneEpochs, text::formatDouble(p.finetuneLearningRate).c_str(), p.meanFieldIterations,
        p.gibbsSteps, p.chains == model::ChainMode::Persistent ? "persistent" : "restarted");
    std::string kept;
    if (p.finetuneEpochs == 0 || m.curves.empty() || m.curves.back().phase != model::Phase::FineTuning)
        kept = "the pretrained model (no fine-tuning)";
    else if (m.validationRows == 0)
        kept = "fine-tuning epoch " + std::to_string(m.keptEpoch) + " (the last; no validation songs)";
    else if (!p.earlyStopping)
        kept = "fine-tuning epoch " + std::to_string(m.keptEpoch) + " (the last; early stopping off)";
    else
        kept =
            (m.keptEpoch > 0 ? "fine-tuning epoch " + std::to_string(m.keptEpoch) : "the pretrained model") +
            ", the best on validation" +
            (m.stoppedEarly ? "; stopped after " + std::to_string(p.patience) + " epochs without a better one"
                            : "");
    std::printf("kept:           %s\n", kept.c_str());
    std::printf("seed:           %llu\n", (unsigned long long)p.seed);
    std::printf("time:           %.1f s pretraining, %.1f s fine-tuning\n", m.pretrainSeconds,
                m.finetuneSeconds);
    std::printf("reconstruction: error %.4f after pretraining; final %.4f (training), %.4f (validation)\n",
                m.mseAfterPretraining, m.mseTrain, m.mseValidation);
    return kExitOk;
}

} // namespace gdbm::cli
