#pragma once

#include "AppState.h"

#include <QMainWindow>
#include <QStringList>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QToolButton;

namespace gdbm::ui {

class ArchetypesPage;
class HelpWindow;
class RecentList;
class DataPage;
class EvaluationPage;
class JobRunner;
class RecommendationsPage;
class SimulationPage;
class TrainingPage;

// The window: a sidebar of pages, one per step of the work (Data, Archetypes, Simulation), the
// menus with their shortcuts, and a status bar with the running job's progress and Cancel.
// It owns the AppState and loads catalogs (off the GUI thread); pages do the rest.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Opens initialFiles (one or two dataset files, or a project) if given, else the last
    // session's project or dataset, else the demo catalog.
    explicit MainWindow(const QStringList& initialFiles = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    AppState& state() { return m_state; }
    JobRunner* catalogJobs() const { return m_loader; }

    // Loads one or two dataset files (merged); on failure shows the engine's message and keeps
    // the catalog that was open. A load still running is cancelled first. The new catalog is a
    // change of the project.
    bool openDataset(const QStringList& files) { return loadDataset(files, true); }
    bool openDemoCatalog() { return loadDemoCatalog(true); }

    // Projects (.gdbmproj): everything the window holds, saved atomically and reopened as it was.
    // Opening and saving run as jobs on projectJobs(); Save without a path asks for one.
    // openProject does not ask about unsaved changes (its callers do); the running jobs are
    // stopped only once the project was read, so that a project that fails to open leaves
    // everything as it was.
    bool openProject(const QString& path);
    bool saveProject();
    bool saveProjectAs();
    bool saveProjectTo(const QString& path);
    void newProject();
    QString projectPath() const { return m_projectPath; }
    JobRunner* projectJobs() const { return m_projectJobs; }
    void showPage(int index);
    int pageCount() const;
    QWidget* page(int index) const;
    QString pageKey(int index) const; // "data", "archetypes", "simulation", "training", ...
    // The pages in sidebar order (Ctrl+1 to Ctrl+6).
    enum PageIndex : int {
        DataIndex,
        ArchetypesIndex,
        SimulationIndex,
        TrainingIndex,
        RecommendationsIndex,
        EvaluationIndex
    };
    // Where a step of catalog -> simulation -> model -> recommendations -> evaluation stands.
    enum class StepState { Inputs, NotRun, Done, OutOfDate };
    StepState stepState(int index) const;
    QString pageTitle(int index) const; // "Data", "Archetypes", ... (translated)
    // Runs, in order, every step that is out of date: the simulation and the training (also when
    // they never ran), then an evaluation that ran before. Each step's page runs it as its own
    // action would; a step that fails or is cancelled stops the chain. False when nothing is.
    bool runEverythingOutOfDate();
    bool chainRunning() const { return m_chainStep >= 0; }
    // The user guide at a section (a page key, "metrics", "model", ...); null until first shown.
    void showHelp(const QString& section);
    HelpWindow* helpWindow() const { return m_help; }
    // The sidebar with page numbers only (names in tooltips), for narrow screens; remembered.
    void setCompactSidebar(bool compact);
    bool compactSidebar() const { return m_compactSidebar; }
    // The job runners of the pages (each page runs its long work on its own runner).
    QList<JobRunner*> pageJobs() const;

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void openStartCatalog(const QStringList& initialFiles);
    // isChange false: the catalog a session starts with (at start-up, or for a new project), which
    // leaves the modified flag as it was.
    bool loadDataset(const QStringList& files, bool isChange);
    bool loadDemoCatalog(bool isChange);
    // Drops the catalog a load or a project being opened would bring: a newer request replaces it.
    void dropPendingCatalogs();
    void chooseProject();
    // Asks about unsaved changes first (drop, recent projects).
    void openProjectAsking(const QString& path);
    // Before `action` ("quit", "start a new project"): asks whether to stop the work running,
    // then whether to save, and only then stops every job; false (nothing stopped) when the
    // user keeps the work or cancels.
    bool maybeStopAndSave(const QString& action);
    // Asks whether to save unsaved changes (or the cancelled run a training stopped now leaves);
    // false when the user cancels (or the save failed). A save still running finishes first, so
    // that its failure counts; Save stops the running work before it saves.
    bool maybeSaveChanges(bool stoppedTrainingToKeep = false);
    // Asks whether to stop the simulation, training or evaluation still running before `action`
    // ends it; false when the user keeps it running. Stops nothing itself. Loading a catalog and
    // embedding songs are not asked about: they are quick, and asked for by the page.
    bool maybeStopRunningWork(const QString& action);
    // Waits for a save in progress, the window disabled meanwhile.
    void waitForSave();
    // Cancels and waits for every job: catalog, project (a save still running completes) and pages.
    void stopAllJobs();
    void setProjectPath(const QString& path);
    void createPages();
    void createActions();
    void createStatusBar();
    void watchJobs(JobRunner* runner);
    // Shows `runner` in the status bar (its progress, its Cancel) with `text` until its next report.
    void showJobInStatusBar(JobRunner* runner, const QString& text);
    void cancelRunningJob(); // the status bar's Cancel and Ctrl+.
    // The status bar job's stage, "Paused: " before it while the job is paused.
    void showStatusStage(const QString& stage);
    void updateCatalogStatus();
    void updateStepMarks(); // the sidebar's done / out-of-date mark of each step
    void fitSidebar();
    void updateTitle();
    void showAbout();
    void chooseDataset();
    void restoreSettings();
    // The first start's size and place: 1,280 x 800 where the screen has room, else the room it has.
    void fitFirstWindowToScreen();
    void saveSettings() const;

    AppState m_state;
    JobRunner* m_loader;
    JobRunner* m_projectJobs;
    QString m_projectPath;
    bool m_projectJobIsSave = false;
    QListWidget* m_sidebar = nullptr;
    QStackedWidget* m_pages;
    DataPage* m_dataPage;
    ArchetypesPage* m_archetypesPage;
    SimulationPage* m_simulationPage;
    TrainingPage* m_trainingPage;
    RecommendationsPage* m_recommendationsPage;
    EvaluationPage* m_evaluationPage;
    RecentList* m_recentFiles = nullptr;    // File > Open recent
    RecentList* m_recentProjects = nullptr; // File > Open recent project
    QLabel* m_catalogLabel;
    QLabel* m_jobLabel;
    QProgressBar* m_jobProgress;
    QToolButton* m_jobCancel;
    JobRunner* m_statusJob = nullptr; // the job the status bar shows, and Cancel stops
    QList<JobRunner*> m_runningJobs;  // the watched jobs running, in the order they started
    QString m_statusStage;            // what the status bar's job last said it was doing
    HelpWindow* m_help = nullptr;
    bool m_compactSidebar = false;
    QAction* m_compactSidebarAction = nullptr;
    // Run everything out of date: the step under way (-1: none), and how the status bar names it.
    int m_chainStep = -1;
    int m_chainStepsRun = 0; // of the chain running, this one included
    QString m_chainPrefix;
    void runChainFrom(int position);
};

} // namespace gdbm::ui
