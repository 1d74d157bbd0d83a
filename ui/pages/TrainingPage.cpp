#include "pages/TrainingPage.h"

#include "charts/LossChart.h"
#include "core/PauseGate.h"
#include "jobs/EpochBuffer.h"
#include "jobs/JobRunner.h"
#include "pages/ModelChoiceBox.h"
#include "pages/RunsPanel.h"
#include "pages/TrainingSettings.h"
#include "pages/TrainingSettingsForm.h"
#include "rec/HybridModel.h"
#include "util/MessageBox.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSlider>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

namespace gdbm::ui {
namespace {

// The GUI takes the epochs that arrived at most this often (~20 Hz), however fast they come.
constexpr int kDrainIntervalMs = 50;
// The smoothing slider works in hundredths: 0..99 is a weight of 0..0.99.
constexpr int kSmoothingSteps = 100;
// TensorBoard's default.
constexpr double kDefaultSmoothing = 0.6;

QPushButton* button(const QString& text, const char* name, const QString& tip = {})
{
    auto* b = new QPushButton(text);
    b->setObjectName(name);
    b->setToolTip(tip);
    return b;
}

} // namespace

TrainingPage::TrainingPage(AppState& state, QWidget* parent)
    : QWidget(parent), m_state(state), m_jobs(new JobRunner(this)), m_files(new JobRunner(this)),
      m_modelChoice(new ModelChoiceBox), m_form(new TrainingSettingsForm), m_chart(new LossChart),
      m_drainTimer(new QTimer(this))
{
    setObjectName("trainingPage");
    const QSettings settings;
    m_chart->setObjectName("trainChart");

    auto* grid = new QGridLayout(this);
    grid->addLayout(buildSettingsColumn(), 0, 0);
    grid->addWidget(buildTabs(buildLiveTab()), 0, 1);
    grid->addWidget(buildModelBox(), 1, 0, 1, 2);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(0, 1);

    // A new session starts from the settings used last; a project brings its own.
    if (m_state.trainingParams() == model::TrainingParams{})
        m_state.setTrainingParams(loadLastTrainingParams());
    if (m_state.hybridParams() == model::HybridParams{})
        m_state.setHybridParams(loadLastHybridParams());
    m_smoothing->setValue(int(std::lround(
        settings.value("training/chartSmoothing", kDefaultSmoothing).toDouble() * kSmoothingSteps)));
    m_logScale->setChecked(settings.value("training/chartLogScale", false).toBool());
    m_chart->setSmoothing(m_smoothing->value() / double(kSmoothingSteps));
    m_chart->setLogScale(m_logScale->isChecked());
    m_smoothingValue->setText(QString::number(m_chart->smoothing(), 'f', 2));
    m_drainTimer->setInterval(kDrainIntervalMs);

    connectSignals();

    showParams();
    showHybrid();
    showAvailableModalities();
    describeChart();
    if (m_state.model())
        m_chart->setCurves(m_state.model()->curves);
    showModel();
    showModelFreshness();
    setRunning(false);
}

QLayout* TrainingPage::buildSettingsColumn()
{
    m_form->setThreads(loadTrainingThreads());
    // The model choice and the settings scroll together.
    auto* settingsPanel = new QWidget;
    auto* settingsLayout = new QVBoxLayout(settingsPanel);
    settingsLayout->setContentsMargins(0, 0, 0, 0);
    settingsLayout->addWidget(m_modelChoice);
    settingsLayout->addWidget(m_form);
    auto* formScroll = new QScrollArea;
    formScroll->setWidget(settingsPanel);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    formScroll->setMinimumWidth(std::max(m_form->sizeHint().width(), m_modelChoice->sizeHint().width()) + 16);

    m_start = button(tr("Start"), "trainStart", tr("Train a model with these settings on the open dataset"));
    m_start->setDefault(true);
    m_pause =
        button(tr("Pause"), "trainPause", tr("Pause between two mini-batches; Resume continues the run"));
    m_cancel = button(tr("Cancel"), "trainCancel", tr("Stop the run; the current model is kept"));
    auto* runButtons = new QHBoxLayout;
    runButtons->addWidget(m_start);
    runButtons->addWidget(m_pause);
    runButtons->addWidget(m_cancel);
    auto* left = new QVBoxLayout;
    left->addWidget(formScroll, 1);
    left->addLayout(runButtons);
    return left;
}

QWidget* TrainingPage::buildLiveTab()
{
    m_smoothing = new QSlider(Qt::Horizontal);
    m_smoothing->setObjectName("trainSmoothing");
    m_smoothing->setRange(0, kSmoothingSteps - 1);
    m_smoothing->setToolTip(tr("Exponential moving average of the curves (as TensorBoard): 0 shows the raw "
                               "values"));
    m_smoothing->setMaximumWidth(180);
    m_smoothingValue = new QLabel;
    m_smoothingValue->setMinimumWidth(m_smoothingValue->fontMetrics().horizontalAdvance("0.00 "));
    m_logScale = new QCheckBox(tr("Log scale"));
    m_logScale->setObjectName("trainLogScale");
    m_logScale->setToolTip(tr("A logarithmic error axis: the late, small improvements stay visible"));
    m_exportCsv = button(tr("Export CSV..."), "trainExportCsv", tr("The curves, one row per epoch"));
    m_exportPng = button(tr("Export PNG..."), "trainExportPng", tr("The charts as an image"));
    auto* chartOptions = new QHBoxLayout;
    chartOptions->addWidget(new QLabel(tr("Smoothing:")));
    chartOptions->addWidget(m_smoothing);
    chartOptions->addWidget(m_smoothingValue);
    chartOptions->addSpacing(12);
    chartOptions->addWidget(m_logScale);
    chartOptions->addStretch();
    chartOptions->addWidget(m_exportCsv);
    chartOptions->addWidget(m_exportPng);

    m_progress = new QProgressBar;
    m_progress->setObjectName("trainProgress");
    m_progressLabel = new QLabel;
    m_progressLabel->setObjectName("trainProgressLabel");
    m_status = new QLabel;
    m_status->setObjectName("trainStatus");
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* live = new QWidget;
    auto* right = new QVBoxLayout(live);
    right->setContentsMargins(0, 0, 0, 0);
    right->addLayout(chartOptions);
    right->addWidget(m_chart, 1);
    // The progress shows while a run trains, the verdict once it ended (a run starts by clearing
    // it): one place for both, so that a page with both charts fits a 1,280 x 720 window. Its
    // height is the taller page's whichever shows, so neither resizes the charts (a chart's
    // layout is slow, and the GUI thread stays free while the model trains).
    auto* progressBox = new QWidget;
    auto* progressRows = new QVBoxLayout(progressBox);
    progressRows->setContentsMargins(0, 0, 0, 0);
    progressRows->addWidget(m_progress);
    progressRows->addWidget(m_progressLabel);
    m_outcome = new QStackedWidget;
    m_outcome->addWidget(m_status);
    m_outcome->addWidget(progressBox);
    right->addWidget(m_outcome);
    return live;
}

QWidget* TrainingPage::buildModelBox()
{
    m_modelSummary = new QLabel;
    m_modelSummary->setObjectName("trainModelSummary");
    m_modelSummary->setWordWrap(true);
    m_modelSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_modelSummary->setMinimumHeight(2 * m_modelSummary->fontMetrics().lineSpacing());
    m_save = button(tr("Save model..."), "trainSaveModel", tr("Write the current model to a file"));
    m_load = button(tr("Load model..."), "trainLoadModel", tr("Use a model saved earlier"));
    m_modelOutOfDate = new QLabel;
    m_modelOutOfDate->setObjectName("trainModelOutOfDate");
    m_modelOutOfDate->setWordWrap(true);
    m_modelOutOfDate->setMargin(6);
    m_modelOutOfDate->setVisible(false);
    auto* modelBox = new QGroupBox(tr("Current model"));
    auto* modelColumn = new QVBoxLayout(modelBox);
    modelColumn->addWidget(m_modelOutOfDate);
    auto* modelLayout = new QHBoxLayout;
    modelColumn->addLayout(modelLayout);
    modelLayout->addWidget(m_modelSummary, 1);
    modelLayout->addWidget(m_save);
    modelLayout->addWidget(m_load);
    return modelBox;
}

QWidget* TrainingPage::buildTabs(QWidget* live)
{
    // The run being trained (or the current model's) on one tab, every run kept on the other.
    m_runs = new RunsPanel(m_state);
    m_tabs = new QTabWidget;
    m_tabs->setObjectName("trainTabs");
    m_tabs->addTab(live, tr("Training"));
    m_tabs->addTab(m_runs, QString());
    m_tabs->setTabToolTip(1, tr("Every training run of the project: compare runs, make one current"));
    countRuns();
    return m_tabs;
}

void TrainingPage::countRuns()
{
    m_tabs->setTabText(1, tr("Runs (%1)").arg(m_state.runs().size()));
}

void TrainingPage::connectSignals()
{
    connect(m_form, &TrainingSettingsForm::edited, this, &TrainingPage::paramsEdited);
    connect(m_modelChoice, &ModelChoiceBox::edited, this, &TrainingPage::hybridEdited);
    connect(m_form, &TrainingSettingsForm::threadsEdited, this,
            [](int threads) { saveTrainingThreads(threads); });
    // Remembered when the slider comes to rest: writing the settings file on every step of a
    // drag would make the drag stutter.
    const auto rememberSmoothing = [this] {
        if (!m_smoothing->isSliderDown())
            QSettings().setValue("training/chartSmoothing", m_chart->smoothing());
    };
    connect(m_smoothing, &QSlider::valueChanged, this, [this, rememberSmoothing](int value) {
        m_chart->setSmoothing(value / double(kSmoothingSteps));
        m_smoothingValue->setText(QString::number(m_chart->smoothing(), 'f', 2));
        rememberSmoothing();
    });
    connect(m_smoothing, &QSlider::sliderReleased, this, rememberSmoothing);
    connect(m_logScale, &QCheckBox::toggled, this, [this](bool on) {
        m_chart->setLogScale(on);
        QSettings().setValue("training/chartLogScale", on);
    });
    connect(m_start, &QPushButton::clicked, this, &TrainingPage::start);
    connect(m_pause, &QPushButton::clicked, this, &TrainingPage::pauseOrResume);
    connect(m_cancel, &QPushButton::clicked, this, &TrainingPage::cancel);
    connect(m_save, &QPushButton::clicked, this, &TrainingPage::saveModel);
    connect(m_load, &QPushButton::clicked, this, &TrainingPage::loadModel);
    connect(m_exportCsv, &QPushButton::clicked, this, &TrainingPage::exportCurves);
    connect(m_exportPng, &QPushButton::clicked, this, &TrainingPage::exportChartImage);
    connect(m_drainTimer, &QTimer::timeout, this, &TrainingPage::drain);
    connect(m_files, &JobRunner::failed, this, [this](const QString& message) {
        if (m_fileFailed)
            m_fileFailed(message);
    });
    connect(m_files, &JobRunner::finished, this, &TrainingPage::updateButtons);

    // The bar follows the job's own progress, the same signal the window's status bar shows, so
    // the two never disagree (the chart, drawn at its own pace, may trail by a frame).
    connect(m_jobs, &JobRunner::progress, this, [this](const QString&, qint64 done, qint64) {
        m_progress->setValue(int(std::min<qint64>(done, m_progress->maximum())));
    });
    connect(m_jobs, &JobRunner::succeeded, this, &TrainingPage::showRunFinished);
    connect(m_jobs, &JobRunner::cancelled, this, [this] {
        drain();
        keepCancelledRun();
        // The chart shows the model in use, not the run that was dropped.
        m_chart->setCurves(m_state.model() ? m_state.model()->curves : std::vector<model::EpochStats>{});
        m_status->setText(
            m_state.model()
                ? tr("Training cancelled: the previous model is kept, and the chart shows it again. The "
                     "cancelled run's curves are in the Runs tab.")
                : tr("Training cancelled: there is no model yet. The run's curves are in the Runs tab."));
    });
    // The verdict's place, not the progress's, once the run ends: before a failure's message.
    connect(m_jobs, &JobRunner::ending, this, [this] { m_outcome->setCurrentIndex(0); });
    connect(m_jobs, &JobRunner::failed, this, [this](const QString& message) {
        drain();
        const bool diverged = m_diverged && m_diverged->load();
        m_status->setText(tr("Training stopped: %1").arg(message));
        MessageBox::critical(
            this, diverged ? tr("Training diverged") : tr("Training failed"),
            message + "\n\n" +
                (m_state.model() ? tr("The previous model is kept.") : tr("No model was made.")));
    });
    connect(m_jobs, &JobRunner::finished, this, [this] { setRunning(false); });

    connect(&m_state, &AppState::trainingParamsChanged, this, [this] {
        if (!m_echoing)
            showParams();
    });
    connect(&m_state, &AppState::modelChanged, this, [this] {
        // While a run is drawn live its chart stays; otherwise show the new model's curves.
        if (!m_jobs->isRunning()) {
            describeChart();
            m_chart->setCurves(m_state.model() ? m_state.model()->curves : std::vector<model::EpochStats>{});
            // The verdict under the charts is the model's in use (a run made current, a file).
            if (m_state.model())
                showFinished();
            else
                m_status->clear();
        }
        showModel();
        showModelFreshness();
    });
    connect(&m_state, &AppState::hybridParamsChanged, this, [this] {
        if (!m_echoing)
            showHybrid();
    });
    connect(&m_state, &AppState::catalogChanged, this, [this] {
        showAvailableModalities();
        updateButtons();
        showModelFreshness();
    });
    connect(&m_state, &AppState::simulationChanged, this, [this] {
        showAvailableModalities();
        showModelFreshness();
        // Without a model, the chart describes what these settings would train on this listening.
        if (!m_state.model() && !m_jobs->isRunning())
            describeChart();
    });
    connect(&m_state, &AppState::runsChanged, this, &TrainingPage::countRuns);
}

TrainingPage::~TrainingPage()
{
    // Stop the run before the members it reports to go away.
    m_jobs->blockSignals(true);
    m_jobs->cancelAndWait();
}

bool TrainingPage::isPaused() const
{
    return m_gate && m_gate->paused();
}

void TrainingPage::paramsEdited()
{
    m_echoing = true;
    m_state.setTrainingParams(m_form->params());
    m_echoing = false;
    updateButtons();
}

void TrainingPage::showParams()
{
    m_form->setParams(m_state.trainingParams());
    updateButtons();
}

void TrainingPage::hybridEdited()
{
    m_echoing = true;
    m_state.setHybridParams(m_modelChoice->params());
    m_echoing = false;
    m_form->setAudioOnly(m_modelChoice->audioOnly());
    if (!m_state.model())
        describeChart();
    updateButtons();
}

void TrainingPage::showHybrid()
{
    m_modelChoice->setParams(m_state.hybridParams());
    m_form->setAudioOnly(m_modelChoice->audioOnly());
    updateButtons();
}

void TrainingPage::describeChart()
{
    const auto& model = m_state.model();
    if (model) {
        m_chart->describeModel(model->isHybrid(), rec::jointLayerIsConditional(*model),
                               model->trainedRecipe().finetuneEpochs);
        return;
    }
    const bool audioOnly = m_modelChoice->audioOnly();
    const model::HybridParams& hybrid = m_state.hybridParams();
    m_chart->describeModel(!audioOnly, jointWouldBeConditional(hybrid),
                           audioOnly ? m_state.trainingParams().finetuneEpochs : hybrid.finetuneEpochs);
}

void TrainingPage::showAvailableModalities()
{
    const auto& catalog = m_state.catalog();
    const auto& simulation = m_state.simulation();
    m_modelChoice->setAvailable(catalog ? catalog->featureList().size() : 0, m_state.tagUnits(),
                                listeningAvailable() ? simulation->users.size() : 0,
                                simulation && m_state.simulationCatalog() != catalog);
}

bool TrainingPage::listeningAvailable() const
{
    const auto& simulation = m_state.simulation();
    return simulation && m_state.simulationCatalog() == m_state.catalog() &&
           !simulation->interactions.empty();
}

bool TrainingPage::jointWouldBeConditional(const model::HybridParams& hybrid) const
{
    // As rec::jointLayerIsConditional says of the model these settings would train.
    return hybrid.conditionalJoint && hybrid.uses(model::Modality::Listening) &&
           hybrid.modalities.size() > 1 && listeningAvailable();
}

QStringList TrainingPage::problems() const
{
    return m_modelChoice->problems() + m_form->problems();
}

void TrainingPage::updateButtons()
{
    const bool running = m_jobs->isRunning();
    const auto& catalog = m_state.catalog();
    const bool canTrain = catalog && catalog->size() >= 2;
    m_start->setEnabled(!running && canTrain && problems().isEmpty());
    m_start->setToolTip(canTrain ? tr("Train a model with these settings on the open dataset")
                                 : tr("Open a dataset with at least 2 songs first"));
    // A run being cancelled can be neither paused nor cancelled again; it ends within moments.
    m_pause->setEnabled(running && !m_cancelling);
    m_cancel->setEnabled(running && !m_cancelling);
    const bool fileJob = m_files->isRunning();
    m_save->setEnabled(m_state.model() != nullptr && !fileJob);
    m_load->setEnabled(!running && !fileJob);
    m_exportCsv->setEnabled(m_chart->pointCount() > 0);
    m_exportPng->setEnabled(m_chart->pointCount() > 0);
}

} // namespace gdbm::ui
