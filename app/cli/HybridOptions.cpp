#include "HybridOptions.h"

#include "CliCommon.h"

#include <string>

namespace gdbm::cli {
namespace {

QString joined(const std::vector<std::size_t>& sizes)
{
    QStringList parts;
    for (std::size_t n : sizes)
        parts << QString::number(n);
    return parts.join(',');
}

std::vector<std::size_t> pathwaySizes(const QCommandLineParser& parser, const QString& option)
{
    std::vector<std::size_t> sizes;
    for (const QString& part : parser.value(option).split(',')) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        if (!ok || n < 1 || n > 4096)
            throw UsageError{"--" + option.toStdString() +
                             " must be a comma-separated list of sizes 1..4096, like 32, not '" +
                             parser.value(option).toStdString() + "'"};
        sizes.push_back(std::size_t(n));
    }
    return sizes;
}

} // namespace

void addHybridOptions(QCommandLineParser& parser, HybridUse use)
{
    const model::HybridParams d;
    QStringList modalities;
    for (model::Modality m : d.modalities)
        modalities << QString::fromUtf8(model::modalityKey(m).data(),
                                        qsizetype(model::modalityKey(m).size()));
    parser.addOption(
        {"modalities",
         use == HybridUse::Trained
             ? "The modalities the DBM joins, from audio, tags, listening (default: every one the data "
               "has; listening comes from --interactions). audio alone trains the original study's "
               "audio-only model, shaped by --layers."
             : "The hybrid DBM's modalities, from audio, tags, listening (default " + modalities.join(',') +
                   "; a modality the data lacks is left out).",
         "LIST", modalities.join(',')});
    const QString model = "docs/MODEL.md section 10";
    parser.addOption(optionWithDefault("audio-layers", "Hybrid: the audio pathway's hidden layers", "LIST",
                                       joined(d.audioLayers)));
    parser.addOption({"tag-layers",
                      "Hybrid: the tag pathway's hidden layers (default: one, as wide as the tag "
                      "vocabulary, 32 to 256 units).",
                      "LIST", joined(d.tagLayers)});
    parser.addOption(optionWithDefault("listening-layers", "Hybrid: the listening pathway's hidden layers",
                                       "LIST", joined(d.listeningLayers)));
    parser.addOption(
        optionWithDefault("listening-rank",
                          "Hybrid: the listening coding: 0 for one binary unit per listener, else "
                          "this many Gaussian units from a truncated SVD of who heard what",
                          "N", d.listeningRank, model));
    parser.addOption(optionWithDefault("joint", "Hybrid: units of the joint layer", "N", d.jointUnits));
    parser.addOption(optionWithDefault("tag-rate-factor",
                                       "Hybrid: the tag pathway's pretraining learning rate, as a factor on "
                                       "--lr-pretrain-hidden",
                                       "FACTOR", d.tagRateFactor, model));
    parser.addOption(
        optionWithDefault("hybrid-max-updates",
                          "Hybrid: each layer's pretraining ends after N mini-batch updates when "
                          "its epochs would make more; 0 for the epochs alone",
                          "N", d.maxPretrainUpdates, model));
    parser.addOption(optionWithDefault("hybrid-mf-iters",
                                       "Hybrid: mean-field iterations that embed a song, apart from "
                                       "--mf-iters, which serves fine-tuning",
                                       "N", d.embeddingIterations, model));
    parser.addOption(optionWithDefault("hybrid-finetune-epochs", "Hybrid: fine-tuning epochs", "N",
                                       d.finetuneEpochs, "pretraining alone ranks better, " + model));
    parser.addOption({"no-hybrid-weight-doubling", "Hybrid: pretrain without weight doubling."});
    parser.addOption({"no-hybrid-conditional-joint",
                      "Hybrid: pretrain the joint layer on the joint distribution of the pathways' tops, "
                      "not on the listening given the others (docs/MODEL.md section 10)."});
    parser.addOption({"no-hybrid-mean-reconstructions",
                      "Hybrid: sample every visible unit's reconstruction in pretraining, not the means "
                      "of the audio, tag and low-rank listening units (docs/MODEL.md section 10)."});
    parser.addOption(
        {"hybrid-learn-variances",
         "Hybrid: learn the audio units' variances (fixed at 1 by default; docs/MODEL.md section 10)."});
    if (use == HybridUse::Trained)
        return;
    const std::string kind(rec::embeddingKey(rec::kDefaultHybridEmbedding));
    parser.addOption({"hybrid-embedding",
                      "Hybrid: all (every hidden layer), top (the joint layer) or reconstruction (default " +
                          QString::fromStdString(kind) + ").",
                      "KIND", QString::fromStdString(kind)});
}

model::HybridParams hybridParams(const QCommandLineParser& parser)
{
    model::HybridParams p;
    p.modalities.clear();
    for (const QString& part : parser.value("modalities").split(',')) {
        const auto m = model::modalityFromKey(part.trimmed().toStdString());
        if (!m)
            throw UsageError{"--modalities takes audio, tags and listening, not '" + part.toStdString() +
                             "'"};
        p.modalities.push_back(*m);
    }
    p.audioLayers = pathwaySizes(parser, "audio-layers");
    p.tagLayers = pathwaySizes(parser, "tag-layers");
    p.tagUnitsFollowVocabulary = !parser.isSet("tag-layers");
    p.listeningLayers = pathwaySizes(parser, "listening-layers");
    p.listeningRank = std::size_t(integerOption(parser, "listening-rank", 0, 1024));
    p.jointUnits = std::size_t(integerOption(parser, "joint", 1, 4096));
    p.tagRateFactor = numberOption(parser, "tag-rate-factor", 1e-3, 100);
    p.maxPretrainUpdates = std::size_t(integerOption(parser, "hybrid-max-updates", 0, 1'000'000'000));
    p.finetuneEpochs = int(integerOption(parser, "hybrid-finetune-epochs", 0, 1'000'000));
    p.embeddingIterations = int(integerOption(parser, "hybrid-mf-iters", 0, 1000));
    p.weightDoubling = !parser.isSet("no-hybrid-weight-doubling");
    p.conditionalJoint = !parser.isSet("no-hybrid-conditional-joint");
    p.meanReconstructions = !parser.isSet("no-hybrid-mean-reconstructions");
    p.learnVariances = parser.isSet("hybrid-learn-variances");
    if (const auto problems = model::validate(p); !problems.empty())
        throw UsageError{problems.front()};
    return p;
}

rec::EmbeddingKind hybridEmbedding(const QCommandLineParser& parser)
{
    const auto kind = rec::embeddingFromKey(parser.value("hybrid-embedding").toStdString());
    if (!kind)
        throw UsageError{"--hybrid-embedding must be top, all or reconstruction"};
    return *kind;
}

} // namespace gdbm::cli
