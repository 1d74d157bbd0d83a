// The Training page's texts: the progress of a run, how it ended, and the current model.
#include "charts/LossChart.h"
#include "model/CurveSummary.h"
#include "pages/TrainingPage.h"
#include "util/LabelStyle.h"

#include <QLabel>
#include <QProgressBar>
#include <algorithm>
#include <cmath>

namespace gdbm::ui {
namespace {

QString duration(double seconds)
{
    if (seconds < 10)
        return TrainingPage::tr("%1 s").arg(std::max(0.0, seconds), 0, 'f', 1);
    const long long s = std::llround(seconds);
    if (s < 60)
        return TrainingPage::tr("%1 s").arg(s);
    if (s < 3600)
        return TrainingPage::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return TrainingPage::tr("%1 h %2 min").arg(s / 3600).arg(s / 60 % 60);
}

QString layersText(const std::vector<std::size_t>& layers)
{
    QStringList parts;
    for (std::size_t n : layers)
        parts << QString::number(n);
    return parts.join(QChar(0x2013));
}

QString mse(double value)
{
    return std::isfinite(value) ? QString::number(value, 'f', 4) : TrainingPage::tr("n/a");
}

} // namespace

void TrainingPage::showProgress(const model::EpochStats& s)
{
    const int done = m_chart->pointCount();
    QString text = s.phase == model::Phase::Pretraining
                       ? tr("Pretraining layer %1 of %2, epoch %3 of %4")
                             .arg(s.layer + 1)
                             .arg(s.layers)
                             .arg(s.epoch)
                             .arg(s.epochs)
                       : tr("Fine-tuning, epoch %1 of %2 (best so far: %3)")
                             .arg(s.epoch)
                             .arg(s.epochs)
                             .arg(!std::isfinite(s.mseValidation) ? tr("no validation songs")
                                  : s.bestEpoch > 0               ? tr("epoch %1").arg(s.bestEpoch)
                                                                  : tr("the pretrained model"));
    text += tr("  \u00b7  %L1 songs/s").arg(std::llround(s.samplesPerSecond));
    // The time left from the epochs left at the pace so far: the pace of the whole run while
    // pretraining (fine-tuning epochs cost more, so this is optimistic), then fine-tuning's own.
    const int left = m_plannedEpochs - done;
    double perEpoch = 0.0;
    if (s.phase == model::Phase::Pretraining)
        perEpoch = s.elapsedSeconds / std::max(1, done);
    else
        perEpoch = (s.elapsedSeconds - m_pretrainSeconds) / std::max(1, done - m_plannedPretrainEpochs);
    // Paused, nothing is counting down: no estimate until the run goes on.
    if (isPaused())
        text = tr("Paused  \u00b7  ") + text;
    else if (left > 0)
        text += tr("  \u00b7  about %1 left").arg(duration(perEpoch * left));
    m_lastEpoch = s;
    // The epochs that ended before Cancel took effect still arrive: the label keeps saying why
    // the run is about to stop.
    m_progressLabel->setText(m_cancelling ? tr("Cancelling...") : text);
}

void TrainingPage::showModelFreshness()
{
    const QString reason = m_state.modelOutOfDateReason();
    showBanner(m_modelOutOfDate,
               reason.isEmpty() ? QString()
                                : tr("Out of date: %1. Its recommendations and evaluation are not those of "
                                     "what is open now: train again (Ctrl+T).")
                                      .arg(reason),
               BannerKind::OutOfDate);
}

void TrainingPage::showModel()
{
    updateButtons();
    const auto& model = m_state.model();
    if (!model) {
        m_modelSummary->setText(tr("No model yet: press Start to train one, or load a saved model."));
        return;
    }
    QString shape = tr("Audio only: hidden layers %1 on %2 audio features")
                        .arg(layersText(model->params.layers))
                        .arg(model->features.size());
    if (model->isHybrid()) {
        QStringList groups;
        for (const model::ModalityColumns& c : model->modalities) {
            const std::string_view key = model::modalityKey(c.modality);
            groups << tr("%1 %L2")
                          .arg(QString::fromLatin1(key.data(), qsizetype(key.size())))
                          .arg(qulonglong(c.count));
        }
        shape = tr("Hybrid of %1 (visible units); %2").arg(groups.join(", "), hybridShapeText(*model));
        if (!model->listeningFactors.empty())
            shape += tr("; listening of %L1 listeners coded in rank %2")
                         .arg(qulonglong(model->listeningFactors.listeners.size()))
                         .arg(model->listeningFactors.rank());
    }
    // The audio-only model's error is over standardized features; a hybrid's mostly-zero binary
    // units would make a whole-model mean meaningless: its layer 1 says it modality by modality.
    QString error = tr("Reconstruction error: %1 on training songs, %2 on validation songs.")
                        .arg(mse(model->mseTrain), mse(model->mseValidation));
    const auto layerOne = std::find_if(model->curves.rbegin(), model->curves.rend(),
                                       [](const model::EpochStats& e) { return !e.groups.empty(); });
    if (model->isHybrid() && layerOne != model->curves.rend()) {
        const bool validation = std::isfinite(layerOne->mseValidation);
        QStringList parts;
        for (const model::GroupError& g : layerOne->groups)
            parts << tr("%1 %2").arg(QString::fromStdString(g.name),
                                     mse(validation ? g.validation : g.train));
        error = (validation ? tr("Layer 1's reconstruction error (1 = the mean; validation songs): %1.")
                            : tr("Layer 1's reconstruction error (1 = the mean; training songs): %1."))
                    .arg(parts.join(", "));
    }
    m_modelSummary->setText(tr("%1, trained on %L2 songs (%L3 held out for validation) in %4. %5")
                                .arg(shape)
                                .arg(qulonglong(model->trainRows))
                                .arg(qulonglong(model->validationRows))
                                .arg(duration(model->pretrainSeconds + model->finetuneSeconds), error) +
                            QLatin1Char(' ') + keptText(*model));
}

QString TrainingPage::keptText(const model::Model& model)
{
    int epochs = 0;
    for (const model::EpochStats& s : model.curves) {
        if (s.phase == model::Phase::FineTuning)
            epochs = std::max(epochs, s.epoch);
    }
    if (epochs == 0)
        return {};
    if (model.validationRows == 0)
        return tr("Kept the last fine-tuning epoch (%1; no validation songs to choose by).").arg(epochs);
    if (!model.trainedRecipe().earlyStopping)
        return tr("Kept the last fine-tuning epoch (%1; early stopping off).").arg(epochs);
    const QString kept =
        model.keptEpoch == 0
            ? tr("Kept the pretrained model: no fine-tuning epoch lowered the validation error")
            : tr("Kept fine-tuning epoch %1 of %2, the lowest validation error")
                  .arg(model.keptEpoch)
                  .arg(epochs);
    return model.stoppedEarly
               ? tr("%1; stopped after %2 epochs without a better one.").arg(kept).arg(model.params.patience)
               : kept + QLatin1Char('.');
}

QString TrainingPage::hybridShapeText(const model::Model& model)
{
    // "pathways audio 64, tags 256, listening 256; joint 16": the layers' total widths (576-16)
    // said nothing of which modality has which.
    const std::vector<std::size_t> sizes = model.dbm.layerSizes();
    std::vector<QStringList> widths(model.modalities.size());
    std::size_t pathwayLevels = 0;
    for (std::size_t l = 0; l < sizes.size(); ++l) {
        const model::BlockList& blocks = model::blocksAt(model.dbm.blocks, l);
        if (blocks.size() != model.modalities.size())
            break;
        for (std::size_t b = 0; b < blocks.size(); ++b)
            widths[b] << QString::number(blocks[b].cols);
        ++pathwayLevels;
    }
    if (pathwayLevels == 0)
        return tr("hidden layers %1").arg(layersText(sizes));
    QStringList pathways;
    for (std::size_t b = 0; b < widths.size(); ++b) {
        const std::string_view key = model::modalityKey(model.modalities[b].modality);
        pathways << QString::fromLatin1(key.data(), qsizetype(key.size())) + ' ' + widths[b].join('-');
    }
    const std::vector<std::size_t> joint(sizes.begin() + long(pathwayLevels), sizes.end());
    return joint.empty() ? tr("pathways %1").arg(pathways.join(", "))
                         : tr("pathways %1; joint %2").arg(pathways.join(", "), layersText(joint));
}

void TrainingPage::showFinished()
{
    if (const auto& model = m_state.model())
        showVerdict(*model, QString());
}

void TrainingPage::showRunFinished()
{
    const std::vector<project::TrainingRun>& runs = m_state.runs();
    if (runs.empty() || !runs.back().model)
        return;
    showVerdict(*runs.back().model,
                runs.back().number == m_state.currentRun()
                    ? QString()
                    : tr(" The catalog changed while it trained, so it did not replace the current model; "
                         "it is run %1 in the Runs tab.")
                          .arg(runs.back().number));
}

void TrainingPage::showVerdict(const model::Model& model, const QString& note)
{
    // The verdict: what the curves say, and what to try.
    const model::TrainingVerdict verdict = model::judgeModel(model);
    m_status->setText(tr("Trained in %1. %2 %3")
                          .arg(duration(model.pretrainSeconds + model.finetuneSeconds),
                               QString::fromStdString(verdict.summary),
                               QString::fromStdString(verdict.advice)) +
                      note);
}

} // namespace gdbm::ui
