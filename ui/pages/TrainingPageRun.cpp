// The Training page's run: start (the model chosen, trained on a job thread), pause, cancel, and
// the epochs drained from the job onto the chart.
#include "charts/LossChart.h"
#include "core/PauseGate.h"
#include "jobs/EpochBuffer.h"
#include "jobs/JobRunner.h"
#include "pages/ModelChoiceBox.h"
#include "pages/TrainingPage.h"
#include "pages/TrainingSettings.h"
#include "pages/TrainingSettingsForm.h"
#include "pages/TrainingThreads.h"
#include "project/TrainingRun.h"
#include "rec/HybridModel.h"

#include <QDateTime>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <algorithm>
#include <any>
#include <atomic>

namespace gdbm::ui {
namespace {

// How a run's start shows in the Runs list and the project: local time to the minute.
std::string startedText(const QDateTime& started)
{
    return started.toString("yyyy-MM-dd HH:mm").toStdString();
}

// The model choice of an audio-only run: its modalities say so, whatever the hybrid's shape.
model::HybridParams audioOnlyChoice(model::HybridParams hybrid)
{
    hybrid.modalities = {model::Modality::Audio};
    return hybrid;
}

} // namespace

void TrainingPage::setRunning(bool running)
{
    m_form->setEnabled(!running);
    m_modelChoice->setEnabled(!running);
    m_outcome->setCurrentIndex(running ? 1 : 0);
    m_pause->setText(tr("Pause"));
    m_cancelling = false;
    if (!running) {
        m_drainTimer->stop();
        m_buffer.reset();
        m_gate.reset();
        m_run.reset();
    }
    updateButtons();
}

void TrainingPage::start()
{
    const auto catalog = m_state.catalog();
    if (m_jobs->isRunning() || !catalog || !problems().isEmpty())
        return;
    const model::TrainingParams params = m_form->params();
    const model::HybridParams hybrid = m_modelChoice->params();
    const bool audioOnly = m_modelChoice->audioOnly();
    m_lastEpoch.reset();
    paramsEdited();
    hybridEdited();
    // Writing the settings file takes a few ms: not in the same turn as starting the run.
    QTimer::singleShot(0, this, [params, hybrid] {
        saveLastTrainingParams(params);
        saveLastHybridParams(hybrid);
    });
    const int threads = m_form->threads();
    // The hybrid learns from every listener of the simulation, when there is one of this catalog.
    std::shared_ptr<const sim::SimulationResult> simulation;
    if (!audioOnly && m_state.simulationCatalog() == catalog)
        simulation = m_state.simulation();
    const model::TrainingParams recipe =
        audioOnly ? params : model::hybridRecipe(params, hybrid, catalog->size());
    const int pretrainedLayers = int(audioOnly ? params.layers.size() : hybrid.audioLayers.size() + 1);

    auto buffer = std::make_shared<EpochBuffer>();
    auto gate = std::make_shared<PauseGate>();
    auto diverged = std::make_shared<std::atomic<bool>>(false);
    m_buffer = buffer;
    m_gate = gate;
    m_diverged = diverged;
    m_run = RunInFlight{params, audioOnly ? audioOnlyChoice(hybrid) : hybrid, catalog, simulation,
                        QDateTime::currentDateTime()};
    m_plannedPretrainEpochs = pretrainedLayers * recipe.pretrainEpochs;
    m_plannedEpochs = m_plannedPretrainEpochs + recipe.finetuneEpochs;
    m_pretrainSeconds = 0.0;
    m_chart->clear();
    m_chart->plan(recipe.pretrainEpochs, recipe.finetuneEpochs);
    m_chart->describeModel(!audioOnly, jointWouldBeConditional(hybrid), recipe.finetuneEpochs);
    m_status->clear();
    m_progress->setRange(0, std::max(1, m_plannedEpochs));
    m_progress->setValue(0);
    m_progress->setFormat("%p%");
    m_progressLabel->setText(tr("Standardizing %L1 songs...").arg(catalog->size()));

    const bool started = m_jobs->start(
        tr("Training the model"),
        [catalog, params, hybrid, audioOnly, simulation, threads, buffer, gate, diverged,
         total = std::size_t(m_plannedEpochs)](const ProgressCallback& progress, const CancelFlag& cancel) {
            // Runs on the job thread: the observer hands each epoch over and never waits. The
            // runner's progress (the window's status bar) is throttled by the runner itself.
            std::size_t done = 0;
            const model::EpochObserver observer = [&](const model::EpochStats& s) {
                buffer->push(s);
                progress({s.phase == model::Phase::Pretraining
                              ? "Pretraining layer " + std::to_string(s.layer + 1) + " of " +
                                    std::to_string(s.layers)
                              : std::string("Fine-tuning"),
                          ++done, total});
                return false;
            };
            model::TrainModelResult result;
            try {
                runWithThreads(threads, [&] {
                    if (audioOnly) {
                        result = model::trainModel(
                            *catalog, params, {.observer = observer, .cancel = &cancel, .pause = gate.get()});
                        return;
                    }
                    rec::NamedInteractions listening{{catalog->size(), {}}, {}};
                    if (simulation)
                        listening = rec::simulationListening(*simulation, catalog->size());
                    result = rec::trainHybrid(*catalog, listening.interactions, params, hybrid,
                                              std::move(listening.userNames),
                                              {.observer = observer, .cancel = &cancel, .pause = gate.get()});
                });
            } catch (const model::TrainingDiverged&) {
                diverged->store(true);
                throw; // its message names the phase, layer and epoch, and what to try
            }
            if (result.stopped)
                return std::any(); // cancelled: the runner drops it
            return std::any(std::make_shared<const model::Model>(std::move(result.model)));
        },
        [this](std::any result) {
            drain(); // the chart then holds the model's curves already, and keeps them
            if (result.has_value() && m_run)
                m_state.addRun(project::finishedRun(
                                   std::any_cast<std::shared_ptr<const model::Model>>(std::move(result)),
                                   m_run->hybrid, 0, startedText(m_run->started)),
                               m_run->catalog, m_run->simulation);
        });
    if (!started)
        return;
    setRunning(true);
    m_drainTimer->start();
}

void TrainingPage::keepCancelledRun()
{
    if (!m_run)
        return;
    project::TrainingRun run;
    run.started = startedText(m_run->started);
    run.end = project::TrainingRun::End::Cancelled;
    run.params = m_run->params;
    run.hybrid = m_run->hybrid;
    run.curves = m_chart->curves();
    run.seconds = run.curves.empty() ? 0.0 : run.curves.back().elapsedSeconds;
    m_state.addRun(std::move(run), m_run->catalog, m_run->simulation);
}

void TrainingPage::pauseOrResume()
{
    if (!m_gate || !m_jobs->isRunning() || m_cancelling)
        return;
    m_jobs->setPaused(!m_gate->paused());
    if (m_gate->paused()) {
        m_gate->resume();
        m_pause->setText(tr("Pause"));
        m_progress->setFormat("%p%");
    } else {
        m_gate->pause();
        m_pause->setText(tr("Resume"));
        m_progress->setFormat(tr("Paused at %p%"));
    }
    if (m_lastEpoch)
        showProgress(*m_lastEpoch);
}

void TrainingPage::cancel()
{
    if (!m_jobs->isRunning() || m_cancelling)
        return;
    // A paused run notices the flag within a few ms too: the gate polls it.
    m_jobs->cancel();
    m_cancelling = true;
    m_progress->setFormat(tr("Cancelling at %p%"));
    m_progressLabel->setText(tr("Cancelling..."));
    updateButtons();
}

void TrainingPage::drain()
{
    if (!m_buffer)
        return;
    const std::vector<model::EpochStats> epochs = m_buffer->take();
    if (epochs.empty())
        return;
    for (const model::EpochStats& s : epochs) {
        if (s.phase == model::Phase::Pretraining)
            m_pretrainSeconds = s.elapsedSeconds;
    }
    m_chart->append(epochs);
    showProgress(epochs.back());
    updateButtons();
}

} // namespace gdbm::ui
