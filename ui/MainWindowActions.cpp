// The main window's menus and actions: File, Edit, View, Run, Help.
#include "HelpWindow.h"
#include "MainWindow.h"
#include "RecentList.h"
#include "core/Isa.h"
#include "jobs/JobRunner.h"
#include "pages/ArchetypesPage.h"
#include "pages/EvaluationPage.h"
#include "pages/RecommendationsPage.h"
#include "pages/SimulationPage.h"
#include "pages/TrainingPage.h"
#include "util/FileDialog.h"
#include "util/Theme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QFileInfo>
#include <QKeySequence>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

namespace gdbm::ui {
namespace {

QAction* makeAction(QWidget* owner, const QString& name, const QString& text,
                    const QKeySequence& shortcut = {})
{
    auto* action = new QAction(text, owner);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    owner->addAction(action);
    return action;
}

} // namespace

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newProjectAction = makeAction(this, "actionNewProject", tr("&New project"), QKeySequence::New);
    newProjectAction->setStatusTip(tr("Start again from the demo catalog and the default archetypes"));
    connect(newProjectAction, &QAction::triggered, this, &MainWindow::newProject);
    file->addAction(newProjectAction);
    QAction* openProjectAction =
        makeAction(this, "actionOpenProject", tr("&Open project..."), QKeySequence::Open);
    connect(openProjectAction, &QAction::triggered, this, &MainWindow::chooseProject);
    file->addAction(openProjectAction);
    QMenu* recentProjects = file->addMenu(tr("Open recent pro&ject"));
    recentProjects->setObjectName("menuRecentProjects");
    m_recentProjects = new RecentList(
        "recentProjects", recentProjects,
        [this](const QStringList& files) { openProjectAsking(files.first()); }, this);
    QAction* saveProjectAction =
        makeAction(this, "actionSaveProject", tr("&Save project"), QKeySequence::Save);
    connect(saveProjectAction, &QAction::triggered, this, &MainWindow::saveProject);
    file->addAction(saveProjectAction);
    QAction* saveProjectAsAction =
        makeAction(this, "actionSaveProjectAs", tr("Save project &as..."),
                   // Spelled out: X11's key scheme has no binding for QKeySequence::SaveAs.
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(saveProjectAsAction, &QAction::triggered, this, &MainWindow::saveProjectAs);
    file->addAction(saveProjectAsAction);
    file->addSeparator();
    QAction* open = makeAction(this, "actionOpenDataset", tr("Open &dataset..."),
                               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    open->setStatusTip(tr("Open one dataset CSV, or the two files of a dataset to merge"));
    connect(open, &QAction::triggered, this, &MainWindow::chooseDataset);
    file->addAction(open);
    QMenu* recentFiles = file->addMenu(tr("Open &recent dataset"));
    recentFiles->setObjectName("menuRecent");
    m_recentFiles = new RecentList(
        "recentFiles", recentFiles, [this](const QStringList& files) { openDataset(files); }, this);
    QAction* demo = makeAction(this, "actionOpenDemo", tr("Use the demo catalo&g (synthetic)"));
    connect(demo, &QAction::triggered, this, &MainWindow::openDemoCatalog);
    file->addAction(demo);
    file->addSeparator();
    QAction* importSet = makeAction(this, "actionImportArchetypes", tr("&Import archetypes..."));
    connect(importSet, &QAction::triggered, this, [this] {
        showPage(ArchetypesIndex);
        m_archetypesPage->importSet();
    });
    file->addAction(importSet);
    QAction* exportSet = makeAction(this, "actionExportArchetypes", tr("Export arc&hetypes..."));
    connect(exportSet, &QAction::triggered, this, [this] { m_archetypesPage->exportSet(); });
    file->addAction(exportSet);
    // Not Ctrl+E: on X11 a focused text field takes it (end of line) and the export never runs.
    QAction* exportSim = makeAction(this, "actionExportSimulation", tr("&Export simulation CSV files..."),
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(exportSim, &QAction::triggered, m_simulationPage, &SimulationPage::exportCsv);
    file->addAction(exportSim);
    QAction* exportRecs = makeAction(this, "actionExportRecommendations", tr("Export re&commendations..."));
    connect(exportRecs, &QAction::triggered, m_recommendationsPage,
            &RecommendationsPage::exportRecommendations);
    file->addAction(exportRecs);
    QAction* exportEvaluation = makeAction(this, "actionExportEvaluation", tr("Export e&valuation..."));
    connect(exportEvaluation, &QAction::triggered, m_evaluationPage, &EvaluationPage::exportCsv);
    file->addAction(exportEvaluation);
    file->addSeparator();
    QAction* loadModel = makeAction(this, "actionLoadModel", tr("&Load model..."));
    connect(loadModel, &QAction::triggered, this, [this] {
        showPage(TrainingIndex);
        m_trainingPage->loadModel();
    });
    file->addAction(loadModel);
    QAction* saveModel = makeAction(this, "actionSaveModel", tr("Save &model as..."));
    connect(saveModel, &QAction::triggered, m_trainingPage, &TrainingPage::saveModel);
    file->addAction(saveModel);
    // Items with nothing to act on are greyed while the menu is open. Closed, every one is on
    // again, so that a shortcut never meets what the menu saw minutes ago (the page then does
    // nothing, as its own greyed button would).
    const QList<QAction*> conditional = {saveModel, loadModel, exportSim, exportRecs, exportEvaluation};
    connect(file, &QMenu::aboutToShow, this, [=, this] {
        const bool modelFileJob = m_trainingPage->fileJobs()->isRunning();
        saveModel->setEnabled(m_state.model() != nullptr && !modelFileJob);
        loadModel->setEnabled(!m_trainingPage->jobs()->isRunning() && !modelFileJob);
        exportSim->setEnabled(m_state.simulation() && !m_simulationPage->jobs()->isRunning());
        exportRecs->setEnabled(m_recommendationsPage->canExport());
        exportEvaluation->setEnabled(m_evaluationPage->shownResult() != nullptr);
    });
    connect(file, &QMenu::aboutToHide, this, [conditional] {
        for (QAction* action : conditional)
            action->setEnabled(true);
    });
    file->addSeparator();
    QAction* quit = makeAction(this, "actionQuit", tr("&Quit"), QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    file->addAction(quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_state.undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName("actionUndo");
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_state.undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName("actionRedo");
    // Spelled out, each once: QKeySequence::Redo is Ctrl+Shift+Z on X11, and the same key bound
    // twice is an "ambiguous shortcut" that triggers nothing.
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    addAction(undo);
    addAction(redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_compactSidebarAction =
        makeAction(this, "actionCompactSidebar", tr("&Compact sidebar"), QKeySequence(Qt::Key_F9));
    m_compactSidebarAction->setCheckable(true);
    m_compactSidebarAction->setToolTip(tr("Page numbers only in the sidebar, for a narrow screen"));
    connect(m_compactSidebarAction, &QAction::toggled, this, &MainWindow::setCompactSidebar);
    view->addAction(m_compactSidebarAction);
    // System follows the desktop's palette (dark or light); the others are the app's own.
    QMenu* themes = view->addMenu(tr("&Theme"));
    auto* themeGroup = new QActionGroup(this);
    const Theme chosen = currentTheme();
    for (const auto& [theme, text] :
         {std::pair{Theme::System, tr("&System")}, std::pair{Theme::Light, tr("&Light")},
          std::pair{Theme::Dark, tr("&Dark")}}) {
        QAction* action = themes->addAction(text);
        action->setObjectName("actionTheme" + themeKey(theme));
        action->setCheckable(true);
        action->setChecked(theme == chosen);
        themeGroup->addAction(action);
        // An init-capture: Clang before 16 cannot capture a structured binding.
        connect(action, &QAction::triggered, this, [chosenTheme = theme] {
            saveTheme(chosenTheme);
            applyTheme(chosenTheme);
        });
    }
    view->addSeparator();
    for (int i = 0; i < pageCount(); ++i) {
        // "&1 Data": the page's number is its key in the menu, as Ctrl+1 is outside it.
        QAction* go =
            makeAction(this, "actionPage" + QString::number(i + 1), tr("&%1 %2").arg(i + 1).arg(pageTitle(i)),
                       QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(go, &QAction::triggered, this, [this, i] { showPage(i); });
        view->addAction(go);
    }

    QMenu* simulation = menuBar()->addMenu(tr("&Run"));
    QAction* run =
        makeAction(this, "actionRunSimulation", tr("Run &simulation"), QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(run, &QAction::triggered, this, [this] {
        showPage(SimulationIndex);
        m_simulationPage->run();
    });
    simulation->addAction(run);
    QAction* train =
        makeAction(this, "actionStartTraining", tr("Start &training"), QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(train, &QAction::triggered, this, [this] {
        showPage(TrainingIndex);
        m_trainingPage->start();
    });
    simulation->addAction(train);
    QAction* pause = makeAction(this, "actionPauseTraining", tr("&Pause or resume training"),
                                QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(pause, &QAction::triggered, m_trainingPage, &TrainingPage::pauseOrResume);
    simulation->addAction(pause);
    QAction* evaluate = makeAction(this, "actionRunEvaluation", tr("Run &evaluation"),
                                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(evaluate, &QAction::triggered, this, [this] {
        showPage(EvaluationIndex);
        m_evaluationPage->run();
    });
    simulation->addAction(evaluate);
    QAction* everything =
        makeAction(this, "actionRunOutOfDate", tr("Run everything &out of date"), QKeySequence(Qt::Key_F5));
    everything->setToolTip(tr("Simulate, train and evaluate again, in order, whatever is out of date"));
    connect(everything, &QAction::triggered, this, [this] {
        if (!runEverythingOutOfDate())
            statusBar()->showMessage(tr("Nothing is out of date."), 4000);
    });
    simulation->addAction(everything);
    simulation->addSeparator();
    QAction* cancel = makeAction(this, "actionCancelJob", tr("&Cancel running task"),
                                 QKeySequence(Qt::CTRL | Qt::Key_Period));
    connect(cancel, &QAction::triggered, this, &MainWindow::cancelRunningJob);
    simulation->addAction(cancel);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* guide = makeAction(this, "actionUserGuide", tr("&User guide"), QKeySequence(Qt::Key_F1));
    guide->setToolTip(tr("The user guide, at the section of this page"));
    connect(guide, &QAction::triggered, this, [this] { showHelp(pageKey(m_pages->currentIndex())); });
    help->addAction(guide);
    help->addSeparator();
    QAction* about = makeAction(this, "actionAbout", tr("&About GDBM Studio"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    help->addAction(about);
    QAction* aboutQt = makeAction(this, "actionAboutQt", tr("About &Qt"));
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    help->addAction(aboutQt);
}

void MainWindow::chooseDataset()
{
    const QStringList files =
        FileDialog::openFiles(this, "dataset", tr("Open dataset (one file, or two to merge)"),
                              tr("CSV files (*.csv);;All files (*)"));
    if (!files.isEmpty())
        openDataset(files);
}

void MainWindow::showHelp(const QString& section)
{
    if (!m_help)
        m_help = new HelpWindow(this);
    m_help->showSection(section);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About GDBM Studio"),
                       tr("<h3>GDBM Studio %1</h3>"
                          "<p>A music recommender you can watch learn: song catalogs, simulated "
                          "listeners from editable archetypes, and a Gaussian-Bernoulli Deep "
                          "Boltzmann Machine trained on the songs' audio features that recommends "
                          "songs to them, measured against simple baselines.</p>"
                          "<p>Built with Qt %2, Eigen and oneTBB; %3.</p>")
                           .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                                QString::fromStdString(std::string(isaDescription()))));
}

} // namespace gdbm::ui
