#pragma once

#include "AppState.h"

#include <QDateTime>
#include <QWidget>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QCheckBox;
class QLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QStackedWidget;
class QTabWidget;
class QTimer;

namespace gdbm {
class PauseGate;
}

namespace gdbm::ui {

class EpochBuffer;
class JobRunner;
class LossChart;
class ModelChoiceBox;
class RunsPanel;
class TrainingSettingsForm;

// The Training page: train a model and watch its reconstruction error fall. The settings edit
// the project's training parameters; Start trains on the page's job thread, with Pause/Resume
// between mini-batches and Cancel; the charts grow epoch by epoch. A finished run becomes the
// current model; a cancelled or failed one leaves the previous model in place. Every finished
// or cancelled run is kept in the Runs tab (RunsPanel), to compare runs and make one current
// again. Save and load model files; export the curves as CSV or the charts as PNG.
class TrainingPage : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingPage(AppState& state, QWidget* parent = nullptr);
    ~TrainingPage() override;

    JobRunner* jobs() const { return m_jobs; }
    // Saving and loading model files: a model with a listener per unit grows with the listeners
    // (a million of them make a gigabyte), so the files are read and written off the GUI thread.
    JobRunner* fileJobs() const { return m_files; }
    LossChart* chart() const { return m_chart; }
    RunsPanel* runs() const { return m_runs; }
    QTabWidget* tabs() const { return m_tabs; }
    bool isPaused() const;

public Q_SLOTS:
    void start();
    void pauseOrResume();
    void cancel();
    void saveModel();
    void loadModel();
    void exportCurves();
    void exportChartImage();

private:
    // The page's parts, built once by the constructor; then every connection in one place.
    QLayout* buildSettingsColumn(); // the model choice and settings, and the run buttons
    QWidget* buildLiveTab();        // the chart, its options, the run's progress
    QWidget* buildModelBox();       // the current model: summary, save, load
    QWidget* buildTabs(QWidget* live);
    void connectSignals();
    void countRuns(); // the Runs tab's title
    void paramsEdited();
    void showParams();
    void hybridEdited();
    void showHybrid();
    // Tells the model choice what the open dataset and its simulation provide.
    void showAvailableModalities();
    // Whether the open dataset has a simulation of its own to feed the listening modality.
    bool listeningAvailable() const;
    // Whether a hybrid trained with these settings would have a conditional joint layer.
    bool jointWouldBeConditional(const model::HybridParams& hybrid) const;
    // The chart's titles and explanation for the current model (or, without one, the choice).
    void describeChart();
    // Every problem that stops a run: the model choice's, then the settings'.
    QStringList problems() const;
    void showModel();
    void showModelFreshness(); // the out-of-date banner of the current model
    void updateButtons();
    void setRunning(bool running);
    void drain();
    void showProgress(const model::EpochStats& last);
    // The verdict of the current model, or of the run that just ended (which a catalog opened
    // while it trained keeps from becoming current: then said).
    void showFinished();
    static QString hybridShapeText(const model::Model& model);
    void showRunFinished();
    void showVerdict(const model::Model& model, const QString& note);
    // A cancelled run goes into the Runs list with the curves it drew.
    void keepCancelledRun();
    // What the current-model panel says of the epoch kept (early stopping).
    static QString keptText(const model::Model& model);

    // A model read from `path`, checked against the open dataset, becomes the current one.
    void useLoadedModel(std::shared_ptr<const model::Model> loaded, const QString& path);

    AppState& m_state;
    JobRunner* m_jobs;
    JobRunner* m_files;
    std::function<void(const QString&)> m_fileFailed;    // what the running file job's failure says
    std::weak_ptr<const model::Model> m_modelBeforeLoad; // current when the load started
    ModelChoiceBox* m_modelChoice;
    TrainingSettingsForm* m_form;
    LossChart* m_chart;
    QTabWidget* m_tabs;
    RunsPanel* m_runs;
    QSlider* m_smoothing;
    QLabel* m_smoothingValue;
    QCheckBox* m_logScale;
    QPushButton* m_exportCsv;
    QPushButton* m_exportPng;
    QPushButton* m_start;
    QPushButton* m_pause;
    QPushButton* m_cancel;
    QPushButton* m_save;
    QPushButton* m_load;
    QProgressBar* m_progress;
    QLabel* m_progressLabel;
    std::optional<model::EpochStats> m_lastEpoch; // the run's latest epoch, to redraw the label
    QLabel* m_status;
    QStackedWidget* m_outcome = nullptr; // the verdict (m_status), or the progress while a run trains
    QLabel* m_modelSummary;
    QLabel* m_modelOutOfDate; // says why the current model no longer fits the open data
    QTimer* m_drainTimer;

    // The run in progress: what it trains on and with (for its entry in the Runs list), its
    // epochs on their way to the GUI, and its pause gate.
    struct RunInFlight
    {
        model::TrainingParams params;
        model::HybridParams hybrid;
        std::shared_ptr<const data::Catalog> catalog;
        std::shared_ptr<const sim::SimulationResult> simulation;
        QDateTime started;
    };
    std::optional<RunInFlight> m_run;
    std::shared_ptr<EpochBuffer> m_buffer;
    std::shared_ptr<PauseGate> m_gate;
    std::shared_ptr<std::atomic<bool>> m_diverged; // set when the run diverged
    int m_plannedEpochs = 0;
    int m_plannedPretrainEpochs = 0;
    double m_pretrainSeconds = 0.0; // the run's clock when pretraining ended
    bool m_echoing = false;         // the page itself is updating the state
    bool m_cancelling = false;      // Cancel was pressed; the run stops at its next mini-batch
};

} // namespace gdbm::ui
