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
    // Opens initialFiles (one or two dataset files) if given, else the last session's dataset,
    // else the demo catalog.
    explicit MainWindow(const QStringList& initialFiles = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    AppState& state() { return m_state; }
    JobRunner* catalogJobs() const { return m_loader; }

    // Loads one or two dataset files (merged); on failure shows the engine's message and keeps
    // the catalog that was open. A load still running is cancelled first.
    bool openDataset(const QStringList& files);
    bool openDemoCatalog();
    void showPage(int index);
    int pageCount() const;
    QWidget* page(int index) const;
    QString pageKey(int index) const; // "data", "archetypes", "simulation", "training", ...
    // The job runners of the pages (each page runs its long work on its own runner).
    QList<JobRunner*> pageJobs() const;

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void openStartCatalog(const QStringList& initialFiles);
    void createPages();
    void createActions();
    void createStatusBar();
    void watchJobs(JobRunner* runner);
    void addRecentFiles(const QStringList& files);
    void rebuildRecentMenu();
    void updateCatalogStatus();
    void updateTitle();
    void showAbout();
    void chooseDataset();
    void restoreSettings();
    void saveSettings() const;

    AppState m_state;
    JobRunner* m_loader;
    QListWidget* m_sidebar;
    QStackedWidget* m_pages;
    DataPage* m_dataPage;
    ArchetypesPage* m_archetypesPage;
    SimulationPage* m_simulationPage;
    TrainingPage* m_trainingPage;
    RecommendationsPage* m_recommendationsPage;
    EvaluationPage* m_evaluationPage;
    QMenu* m_recentMenu = nullptr;
    QLabel* m_catalogLabel;
    QLabel* m_jobLabel;
    QProgressBar* m_jobProgress;
    QToolButton* m_jobCancel;
    JobRunner* m_statusJob = nullptr;
};

} // namespace gdbm::ui
