#include "pages/TrainingSettingsForm.h"

#include "pages/TrainingSettings.h"
#include "pages/TrainingThreads.h"
#include "util/LabelStyle.h"
#include "util/SpinBox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <limits>

namespace gdbm::ui {
namespace {

// Learning rates span 1e-6..1: six decimals to type them, but shown without trailing zeros
// ("0.0001", not "0.000100"), and the arrows step by the last significant digit.
class RateSpinBox : public QDoubleSpinBox
{
public:
    RateSpinBox()
    {
        setDecimals(6);
        setRange(0.000001, 1.0);
        setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    }

    QString textFromValue(double value) const override
    {
        QString text = locale().toString(value, 'f', decimals());
        const QChar point = locale().decimalPoint().front();
        if (text.contains(point)) {
            while (text.endsWith('0'))
                text.chop(1);
            if (text.endsWith(point))
                text.chop(1);
        }
        return text;
    }
};

// Only a real change reaches a widget, so that echoes of the user's own edit never reset the
// cursor or the selection.
template <class Box, class Value>
void showValue(Box* box, Value value)
{
    if (box->value() != value)
        box->setValue(value);
}

QGroupBox* group(const QString& title, QFormLayout* form)
{
    auto* box = new QGroupBox(title);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    box->setLayout(form);
    return box;
}

} // namespace

TrainingSettingsForm::TrainingSettingsForm(QWidget* parent) : QWidget(parent)
{
    const model::TrainingParams defaults;
    m_layersEdit = new QLineEdit;
    m_layersEdit->setObjectName("trainLayers");
    m_layersEdit->setPlaceholderText("64, 32, 16");
    m_layersEdit->setToolTip(
        tr("Hidden layer sizes from the bottom up, separated by commas. Progressively "
           "smaller layers compress the audio features into the top layer's embedding."));
    m_weightDoubling = new QCheckBox(tr("Weight doubling"));
    m_weightDoubling->setObjectName("trainWeightDoubling");
    m_weightDoubling->setToolTip(
        tr("Corrects for the layers counting each other's evidence twice once they are "
           "joined into one machine: a better start for fine-tuning (Salakhutdinov "
           "and Hinton's weight doubling)."));

    m_pretrainEpochs =
        settingSpinBox("trainPretrainEpochs", 0, 1'000'000, tr("Epochs of pretraining for each layer"));
    m_pretrainRate = new RateSpinBox;
    m_pretrainRate->setObjectName("trainPretrainRate");
    m_pretrainRate->setToolTip(tr("How big a step the first layer takes each time it learns: the layer "
                                  "that reads the audio features (pretrained by CD-1)"));
    m_pretrainHiddenRate = new RateSpinBox;
    m_pretrainHiddenRate->setObjectName("trainPretrainHiddenRate");
    m_pretrainHiddenRate->setToolTip(tr("How big a step layers 2 and up take each time they learn (their "
                                        "yes/no units take larger steps than the first layer's)"));

    m_finetuneEpochs =
        settingSpinBox("trainFinetuneEpochs", 0, 1'000'000, tr("Epochs of fine-tuning the whole machine"));
    m_finetuneRate = new RateSpinBox;
    m_finetuneRate->setObjectName("trainFinetuneRate");
    m_finetuneRate->setToolTip(tr("How big a step the whole machine takes while fine-tuning (Adam's "
                                  "learning rate)"));
    m_earlyStopping = new QCheckBox(tr("Keep the best epoch"));
    m_earlyStopping->setObjectName("trainEarlyStopping");
    m_earlyStopping->setToolTip(tr("Early stopping: keep the parameters of the epoch with the lowest "
                                   "validation error, and stop after the patience runs out"));
    m_patience = settingSpinBox("trainPatience", 1, 1'000'000,
                                tr("Epochs without a better validation error before fine-tuning stops"));
    m_meanField =
        settingSpinBox("trainMeanField", 0, 1000,
                       tr("How many times the model refines its reading of each song before learning from it "
                          "(mean-field iterations of the positive phase)"));
    m_gibbs =
        settingSpinBox("trainGibbs", 1, 1000,
                       tr("How many steps the model's own imagined songs take between two updates; more is "
                          "slower and steadier (block Gibbs steps of the negative phase)"));
    m_chains = new QComboBox;
    m_chains->setObjectName("trainChains");
    m_chains->addItem(tr("Persistent (PCD)"), int(model::ChainMode::Persistent));
    m_chains->addItem(tr("Restarted each batch"), int(model::ChainMode::Restart));
    m_chains->setToolTip(tr("Whether the model's imagined songs carry on from one mini-batch to the next "
                            "(persistent chains, the standard for DBMs) or start again from each batch "
                            "(as the original script did)"));

    m_batch = settingSpinBox("trainBatch", 1, 1'000'000, tr("Songs per mini-batch"));
    m_validation = new QDoubleSpinBox;
    m_validation->setObjectName("trainValidation");
    m_validation->setRange(0, 90);
    m_validation->setDecimals(1);
    m_validation->setSuffix(" %");
    m_validation->setToolTip(tr("Songs held out of training to measure the validation error"));
    m_seed = settingSpinBox("trainSeed", 0, std::numeric_limits<int>::max(),
                            tr("The same seed and settings give the same model, whatever the threads"));
    m_threads =
        settingSpinBox("trainThreads", 0, 1024, tr("Worker threads; the model does not depend on them"));
    m_threads->setSpecialValueText(tr("Automatic (%1)").arg(availableThreads()));

    auto* network = new QFormLayout;
    network->addRow(tr("Hidden layers:"), m_layersEdit);
    network->addRow(QString(), m_weightDoubling);
    auto* pretraining = new QFormLayout;
    pretraining->addRow(tr("Epochs per layer:"), m_pretrainEpochs);
    pretraining->addRow(tr("Learning rate:"), m_pretrainRate);
    pretraining->addRow(tr("Rate, layers 2+:"), m_pretrainHiddenRate);
    auto* finetuning = new QFormLayout;
    finetuning->addRow(tr("Epochs:"), m_finetuneEpochs);
    finetuning->addRow(tr("Learning rate:"), m_finetuneRate);
    finetuning->addRow(QString(), m_earlyStopping);
    finetuning->addRow(tr("Patience:"), m_patience);
    finetuning->addRow(tr("Mean-field iterations:"), m_meanField);
    finetuning->addRow(tr("Gibbs steps:"), m_gibbs);
    finetuning->addRow(tr("Chains:"), m_chains);
    auto* run = new QFormLayout;
    run->addRow(tr("Batch size:"), m_batch);
    run->addRow(tr("Validation share:"), m_validation);
    run->addRow(tr("Seed:"), m_seed);
    run->addRow(tr("Threads:"), m_threads);

    m_problems = new QLabel;
    m_problems->setObjectName("trainProblems");
    m_problems->setWordWrap(true);
    makeProblemText(m_problems);
    m_problems->setVisible(false);
    m_reset = new QPushButton(tr("Reset to defaults"));
    m_reset->setObjectName("trainReset");
    m_reset->setToolTip(tr("Put every setting above back to its default, threads to automatic"));

    // One label width for the four groups, so that their fields line up.
    int labelWidth = 0;
    for (QFormLayout* form : {network, pretraining, finetuning, run}) {
        for (int row = 0; row < form->rowCount(); ++row) {
            if (QLayoutItem* item = form->itemAt(row, QFormLayout::LabelRole))
                labelWidth = std::max(labelWidth, item->widget()->sizeHint().width());
        }
    }
    for (QFormLayout* form : {network, pretraining, finetuning, run}) {
        for (int row = 0; row < form->rowCount(); ++row) {
            if (QLayoutItem* item = form->itemAt(row, QFormLayout::LabelRole))
                item->widget()->setMinimumWidth(labelWidth);
        }
    }

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(group(tr("Network"), network));
    layout->addWidget(group(tr("Pretraining"), pretraining));
    layout->addWidget(group(tr("Fine-tuning"), finetuning));
    layout->addWidget(group(tr("Run"), run));
    layout->addWidget(m_problems);
    auto* resetRow = new QHBoxLayout;
    resetRow->addStretch();
    resetRow->addWidget(m_reset);
    layout->addLayout(resetRow);
    layout->addStretch();

    setParams(defaults);
    connect(m_layersEdit, &QLineEdit::textEdited, this, &TrainingSettingsForm::layersTyped);
    for (QSpinBox* box :
         {m_pretrainEpochs, m_finetuneEpochs, m_patience, m_meanField, m_gibbs, m_batch, m_seed})
        connect(box, &QSpinBox::valueChanged, this, &TrainingSettingsForm::edited);
    for (QDoubleSpinBox* box : {m_pretrainRate, m_pretrainHiddenRate, m_finetuneRate, m_validation})
        connect(box, &QDoubleSpinBox::valueChanged, this, &TrainingSettingsForm::edited);
    connect(m_chains, &QComboBox::currentIndexChanged, this, &TrainingSettingsForm::edited);
    connect(m_weightDoubling, &QCheckBox::toggled, this, &TrainingSettingsForm::edited);
    connect(m_earlyStopping, &QCheckBox::toggled, this, &TrainingSettingsForm::edited);
    connect(m_earlyStopping, &QCheckBox::toggled, m_patience, &QWidget::setEnabled);
    connect(m_threads, &QSpinBox::valueChanged, this, &TrainingSettingsForm::threadsEdited);
    connect(m_reset, &QPushButton::clicked, this, [this] {
        setParams(model::TrainingParams{});
        setThreads(0);
        Q_EMIT threadsEdited(0);
        Q_EMIT edited();
    });
    connect(this, &TrainingSettingsForm::edited, this, &TrainingSettingsForm::showProblems);
}

void TrainingSettingsForm::setParams(const model::TrainingParams& p)
{
    const QSignalBlocker blockers[] = {QSignalBlocker(m_layersEdit),
                                       QSignalBlocker(m_weightDoubling),
                                       QSignalBlocker(m_pretrainEpochs),
                                       QSignalBlocker(m_pretrainRate),
                                       QSignalBlocker(m_finetuneEpochs),
                                       QSignalBlocker(m_finetuneRate),
                                       QSignalBlocker(m_meanField),
                                       QSignalBlocker(m_gibbs),
                                       QSignalBlocker(m_chains),
                                       QSignalBlocker(m_batch),
                                       QSignalBlocker(m_validation),
                                       QSignalBlocker(m_seed),
                                       QSignalBlocker(m_pretrainHiddenRate),
                                       QSignalBlocker(m_earlyStopping),
                                       QSignalBlocker(m_patience)};
    m_shown = p;
    if (parseLayers(m_layersEdit->text()) != p.layers)
        m_layersEdit->setText(formatLayers(p.layers));
    m_layers = p.layers;
    m_layersProblem.clear();
    m_weightDoubling->setChecked(p.weightDoubling);
    showValue(m_pretrainEpochs, p.pretrainEpochs);
    showValue(m_pretrainRate, p.pretrainLearningRate);
    showValue(m_pretrainHiddenRate, p.pretrainHiddenLearningRate);
    m_earlyStopping->setChecked(p.earlyStopping);
    m_patience->setEnabled(p.earlyStopping);
    showValue(m_patience, p.patience);
    showValue(m_finetuneEpochs, p.finetuneEpochs);
    showValue(m_finetuneRate, p.finetuneLearningRate);
    showValue(m_meanField, p.meanFieldIterations);
    showValue(m_gibbs, p.gibbsSteps);
    m_chains->setCurrentIndex(m_chains->findData(int(p.chains)));
    showValue(m_batch, int(std::min<std::size_t>(p.batchSize, std::numeric_limits<int>::max())));
    showValue(m_validation, p.validationShare * 100.0);
    showValue(m_seed, int(std::min<std::uint64_t>(p.seed, std::numeric_limits<int>::max())));
    showProblems();
}

model::TrainingParams TrainingSettingsForm::params() const
{
    // Settings without a widget here (momentum, the variance warm-up, ..) keep what was shown.
    model::TrainingParams p = m_shown;
    p.layers = m_layers;
    p.weightDoubling = m_weightDoubling->isChecked();
    p.pretrainEpochs = m_pretrainEpochs->value();
    p.pretrainLearningRate = m_pretrainRate->value();
    p.pretrainHiddenLearningRate = m_pretrainHiddenRate->value();
    p.earlyStopping = m_earlyStopping->isChecked();
    p.patience = m_patience->value();
    p.finetuneEpochs = m_finetuneEpochs->value();
    p.finetuneLearningRate = m_finetuneRate->value();
    p.meanFieldIterations = m_meanField->value();
    p.gibbsSteps = m_gibbs->value();
    p.chains = model::ChainMode(m_chains->currentData().toInt());
    p.batchSize = std::size_t(m_batch->value());
    p.validationShare = m_validation->value() / 100.0;
    p.seed = std::uint64_t(m_seed->value());
    return p;
}

QStringList TrainingSettingsForm::problems() const
{
    QStringList list;
    if (!m_layersProblem.isEmpty())
        list << m_layersProblem;
    for (const std::string& problem : model::validate(params()))
        list << QString::fromStdString(problem);
    return list;
}

void TrainingSettingsForm::setAudioOnly(bool audioOnly)
{
    const QString hybrid =
        tr("The hybrid pretrains with weight doubling and momentum 0.5 then 0.9, keeps the "
           "audio variances at 1, and is not fine-tuned: measured, that ranks best "
           "(docs/MODEL.md, section 10).");
    m_layersEdit->setEnabled(audioOnly);
    m_layersEdit->setToolTip(audioOnly ? tr("Hidden layer sizes from the bottom up, separated by commas. "
                                            "Progressively smaller layers compress the audio features into "
                                            "the top layer's embedding.")
                                       : tr("These layers shape the audio-only model; the hybrid's are its "
                                            "pathways and joint layer, under Model."));
    m_weightDoubling->setEnabled(audioOnly);
    m_weightDoubling->setToolTip(audioOnly ? tr("Corrects for the layers counting each other's evidence "
                                                "twice once they are joined into one machine: a better "
                                                "start for fine-tuning (Salakhutdinov and Hinton's weight "
                                                "doubling).")
                                           : hybrid);
    m_finetuneEpochs->setEnabled(audioOnly);
    m_finetuneEpochs->setToolTip(audioOnly ? tr("Epochs of fine-tuning the whole machine") : hybrid);
    m_pretrainEpochs->setToolTip(audioOnly ? tr("Epochs of pretraining for each layer")
                                           : tr("Epochs of pretraining for each layer, at most: the hybrid "
                                                "stops a layer at the Update limit under Model"));
}

int TrainingSettingsForm::threads() const
{
    return m_threads->value();
}

void TrainingSettingsForm::setThreads(int threads)
{
    const QSignalBlocker blocker(m_threads);
    m_threads->setValue(threads);
}

void TrainingSettingsForm::layersTyped()
{
    QString problem;
    if (const auto layers = parseLayers(m_layersEdit->text(), &problem)) {
        m_layers = *layers;
        m_layersProblem.clear();
    } else {
        m_layersProblem = problem;
    }
    Q_EMIT edited();
}

void TrainingSettingsForm::showProblems()
{
    const QStringList list = problems();
    m_problems->setText(list.join('\n'));
    m_problems->setVisible(!list.isEmpty());
}

} // namespace gdbm::ui
