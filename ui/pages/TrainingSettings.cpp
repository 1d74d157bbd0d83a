#include "pages/TrainingSettings.h"

#include <QObject>
#include <QRegularExpression>
#include <QSettings>
#include <QStringList>

namespace gdbm::ui {

std::optional<std::vector<std::size_t>> parseLayers(const QString& text, QString* problem)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s\\-]+"));
    const QStringList parts = text.trimmed().split(separators, Qt::SkipEmptyParts);
    const auto fail = [&](const QString& why) -> std::optional<std::vector<std::size_t>> {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    if (parts.isEmpty())
        return fail(QObject::tr("layers: enter the hidden layer sizes, like 64, 32, 16"));
    std::vector<std::size_t> layers;
    for (const QString& part : parts) {
        bool ok = false;
        const qulonglong n = part.toULongLong(&ok);
        if (!ok)
            return fail(QObject::tr("layers: '%1' is not a whole number (sizes like 64, 32, 16)").arg(part));
        layers.push_back(std::size_t(n));
    }
    return layers;
}

QString formatLayers(const std::vector<std::size_t>& layers)
{
    QStringList parts;
    for (std::size_t n : layers)
        parts << QString::number(n);
    return parts.join(QStringLiteral(", "));
}

model::HybridParams loadLastHybridParams()
{
    const QSettings s;
    model::HybridParams p;
    if (s.contains("training/modalities")) {
        std::vector<model::Modality> modalities;
        for (const QString& key : s.value("training/modalities").toString().split(',', Qt::SkipEmptyParts)) {
            if (const auto m = model::modalityFromKey(key.trimmed().toStdString()))
                modalities.push_back(*m);
        }
        p.modalities = modalities;
    }
    if (const auto layers = parseLayers(s.value("training/audioLayers").toString()))
        p.audioLayers = *layers;
    if (const auto layers = parseLayers(s.value("training/listeningLayers").toString()))
        p.listeningLayers = *layers;
    const QString tags = s.value("training/tagLayers").toString();
    p.tagUnitsFollowVocabulary = tags.isEmpty() || tags == "auto";
    if (const auto layers = parseLayers(tags); layers && !p.tagUnitsFollowVocabulary)
        p.tagLayers = *layers;
    else
        p.tagLayers = p.audioLayers;
    p.jointUnits = s.value("training/jointUnits", qulonglong(p.jointUnits)).toULongLong();
    p.listeningRank = s.value("training/listeningRank", qulonglong(p.listeningRank)).toULongLong();
    p.maxPretrainUpdates =
        s.value("training/maxPretrainUpdates", qulonglong(p.maxPretrainUpdates)).toULongLong();
    p.embeddingIterations = s.value("training/embeddingIterations", p.embeddingIterations).toInt();
    return model::validate(p).empty() ? p : model::HybridParams{};
}

void saveLastHybridParams(const model::HybridParams& p)
{
    QSettings s;
    QStringList modalities;
    for (model::Modality m : p.modalities)
        modalities << QString::fromLatin1(model::modalityKey(m).data(),
                                          qsizetype(model::modalityKey(m).size()));
    s.setValue("training/modalities", modalities.join(','));
    s.setValue("training/audioLayers", formatLayers(p.audioLayers));
    s.setValue("training/tagLayers",
               p.tagUnitsFollowVocabulary ? QString("auto") : formatLayers(p.tagLayers));
    s.setValue("training/listeningLayers", formatLayers(p.listeningLayers));
    s.setValue("training/jointUnits", qulonglong(p.jointUnits));
    s.setValue("training/listeningRank", qulonglong(p.listeningRank));
    s.setValue("training/maxPretrainUpdates", qulonglong(p.maxPretrainUpdates));
    s.setValue("training/embeddingIterations", p.embeddingIterations);
}

model::TrainingParams loadLastTrainingParams()
{
    const QSettings s;
    model::TrainingParams p;
    if (const auto layers = parseLayers(s.value("training/layers").toString()))
        p.layers = *layers;
    p.pretrainEpochs = s.value("training/pretrainEpochs", p.pretrainEpochs).toInt();
    p.finetuneEpochs = s.value("training/finetuneEpochs", p.finetuneEpochs).toInt();
    p.pretrainLearningRate = s.value("training/pretrainLearningRate", p.pretrainLearningRate).toDouble();
    p.finetuneLearningRate = s.value("training/finetuneLearningRate", p.finetuneLearningRate).toDouble();
    p.pretrainHiddenLearningRate =
        s.value("training/pretrainHiddenLearningRate", p.pretrainHiddenLearningRate).toDouble();
    p.earlyStopping = s.value("training/earlyStopping", p.earlyStopping).toBool();
    p.initialWeightScale = s.value("training/initialWeightScale", p.initialWeightScale).toDouble();
    p.pretrainMomentumStart = s.value("training/pretrainMomentumStart", p.pretrainMomentumStart).toDouble();
    p.pretrainMomentum = s.value("training/pretrainMomentum", p.pretrainMomentum).toDouble();
    p.pretrainMomentumSwitchEpoch =
        s.value("training/pretrainMomentumSwitchEpoch", p.pretrainMomentumSwitchEpoch).toInt();
    p.logVarianceWarmupEpochs =
        s.value("training/logVarianceWarmupEpochs", p.logVarianceWarmupEpochs).toInt();
    p.patience = s.value("training/patience", p.patience).toInt();
    p.batchSize = s.value("training/batchSize", qulonglong(p.batchSize)).toULongLong();
    p.meanFieldIterations = s.value("training/meanFieldIterations", p.meanFieldIterations).toInt();
    p.gibbsSteps = s.value("training/gibbsSteps", p.gibbsSteps).toInt();
    p.chains = s.value("training/chains").toString() == "restart" ? model::ChainMode::Restart
                                                                  : model::ChainMode::Persistent;
    p.weightDoubling = s.value("training/weightDoubling", p.weightDoubling).toBool();
    p.validationShare = s.value("training/validationShare", p.validationShare).toDouble();
    p.seed = s.value("training/seed", qulonglong(p.seed)).toULongLong();
    // A hand-edited or outdated settings file never makes the form start out broken.
    return model::validate(p).empty() ? p : model::TrainingParams{};
}

void saveLastTrainingParams(const model::TrainingParams& p)
{
    QSettings s;
    s.setValue("training/layers", formatLayers(p.layers));
    s.setValue("training/pretrainEpochs", p.pretrainEpochs);
    s.setValue("training/finetuneEpochs", p.finetuneEpochs);
    s.setValue("training/pretrainLearningRate", p.pretrainLearningRate);
    s.setValue("training/finetuneLearningRate", p.finetuneLearningRate);
    s.setValue("training/pretrainHiddenLearningRate", p.pretrainHiddenLearningRate);
    s.setValue("training/earlyStopping", p.earlyStopping);
    // The recipe's settings without a widget too: the next session starts from the same run.
    s.setValue("training/initialWeightScale", p.initialWeightScale);
    s.setValue("training/pretrainMomentumStart", p.pretrainMomentumStart);
    s.setValue("training/pretrainMomentum", p.pretrainMomentum);
    s.setValue("training/pretrainMomentumSwitchEpoch", p.pretrainMomentumSwitchEpoch);
    s.setValue("training/logVarianceWarmupEpochs", p.logVarianceWarmupEpochs);
    s.setValue("training/patience", p.patience);
    s.setValue("training/batchSize", qulonglong(p.batchSize));
    s.setValue("training/meanFieldIterations", p.meanFieldIterations);
    s.setValue("training/gibbsSteps", p.gibbsSteps);
    s.setValue("training/chains", p.chains == model::ChainMode::Restart ? "restart" : "persistent");
    s.setValue("training/weightDoubling", p.weightDoubling);
    s.setValue("training/validationShare", p.validationShare);
    s.setValue("training/seed", qulonglong(p.seed));
}

int loadTrainingThreads()
{
    return std::max(0, QSettings().value("training/threads", 0).toInt());
}

void saveTrainingThreads(int threads)
{
    QSettings().setValue("training/threads", threads);
}

} // namespace gdbm::ui
