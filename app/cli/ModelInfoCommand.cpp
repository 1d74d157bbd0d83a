#include "CliCommon.h"
#include "Commands.h"
#include "core/Text.h"
#include "model/ModelFile.h"
#include "rec/HybridModel.h"

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
    const model::TrainingParams p = m.trainedRecipe();

    std::vector<std::string> sizes, names;
    for (std::size_t n : m.dbm.layerSizes())
        sizes.push_back(std::to_string(n));
    for (data::Feature f : m.features)
        names.emplace_back(data::featureName(f));
    const std::string layers = text::join(sizes, "-");
    const std::string features = text::join(names, ", ");
    std::printf("model file:     %s (format version %u)\n", path.c_str(), version);
    if (!m.isHybrid()) {
        std::printf("model:          audio only (the original study's)\n");
        std::printf("layers:         %zu visible (Gaussian), hidden %s\n", m.dbm.visibleCount(),
                    layers.c_str());
    } else {
        std::vector<std::string> groups, pathways;
        for (const model::ModalityColumns& c : m.modalities) {
            const std::string key(model::modalityKey(c.modality));
            groups.push_back(key + " " + text::withThousands((long long)c.count) +
                             (rec::isGaussian(m, c.modality) ? " (Gaussian)" : " (binary)"));
            std::vector<std::string> widths;
            for (std::size_t n : m.hybrid.pathwayLayers(c.modality))
                widths.push_back(std::to_string(n));
            pathways.push_back(key + " " + text::join(widths, "-"));
        }
        std::printf("model:          hybrid (HYBRID.md): %s\n", text::join(groups, ", ").c_str());
        std::printf(
            "layers:         %zu visible, hidden %s (pathways %s; joint %zu%s)\n", m.dbm.visibleCount(),
            layers.c_str(), text::join(pathways, ", ").c_str(), m.hybrid.jointUnits,
            rec::jointLayerIsConditional(m) ? ", pretrained on the listening given the other modalities"
                                            : "");
        if (m.hybrid.meanReconstructions) {
            std::string means, sampled;
            for (const model::ModalityColumns& c : m.modalities) {
                std::string& list = rec::reconstructedByMean(m, c.modality) ? means : sampled;
                list += (list.empty() ? "" : ", ") + std::string(model::modalityKey(c.modality));
            }
            std::printf("reconstructed:  %s by their means in pretraining%s\n", means.c_str(),
                        sampled.empty() ? "" : (" (" + sampled + " sampled)").c_str());
        }
        if (m.find(model::Modality::Tags) && m.modalities.size() > 1)
            std::printf("tag pathway:    pretrained at %s times the other binary units' learning rate\n",
                        text::formatDouble(m.hybrid.tagRateFactor).c_str());
        std::printf("embedding:      %d mean-field iteration%s per song\n", m.hybrid.embeddingIterations,
                    m.hybrid.embeddingIterations == 1 ? "" : "s");
        if (m.hybrid.maxPretrainUpdates > 0)
            std::printf("update limit:   at most %s pretraining updates per layer\n",
                        text::withThousands((long long)m.hybrid.maxPretrainUpdates).c_str());
        if (const model::ModalityColumns* listening = m.find(model::Modality::Listening)) {
            const std::size_t listeners =
                m.listeningFactors.empty() ? listening->count : m.listeningFactors.listeners.size();
            std::printf(
                "listening:      %s listeners of %s tracks, %s\n",
                text::withThousands((long long)listeners).c_str(),
                text::withThousands((long long)m.heard.size()).c_str(),
                m.listeningFactors.empty()
                    ? "one unit per listener"
                    : ("coded in rank " + std::to_string(m.listeningFactors.rank()) + " (truncated SVD)")
                          .c_str());
        }
    }
    std::printf("features:       %s\n", features.empty() ? "none" : features.c_str());
    std::printf("parameters:     %zu\n", m.dbm.parameterCount());
    std::printf("songs:          %zu trained on, %zu held out for validation\n", m.trainRows,
                m.validationRows);
    std::printf(
        "pretraining:    %d epoch%s per layer, learning rate %s (layers 2+: %s), momentum %s then %s, "
        "initial weights x%s, batch %zu, CD-%d%s\n",
        p.pretrainEpochs, p.pretrainEpochs == 1 ? "" : "s",
        text::formatDouble(p.pretrainLearningRate).c_str(),
        text::formatDouble(p.pretrainHiddenLearningRate).c_str(),
        text::formatDouble(p.pretrainMomentumStart).c_str(), text::formatDouble(p.pretrainMomentum).c_str(),
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
