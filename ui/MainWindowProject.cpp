// The main window's projects: New, Open, Save, Save As, and asking before unsaved work is lost.
#include "MainWindow.h"
#include "ProjectSession.h"
#include "RecentList.h"
#include "jobs/JobRunner.h"
#include "pages/EvaluationPage.h"
#include "pages/SimulationPage.h"
#include "pages/TrainingPage.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"

#include <QCloseEvent>
#include <QFileInfo>
#include <QStatusBar>

namespace gdbm::ui {
namespace {

const QString kProjectFilter = QObject::tr("GDBM Studio projects (*.gdbmproj);;All files (*)");

} // namespace

void MainWindow::stopAllJobs()
{
    m_projectJobs->cancelAndWait(); // a save ignores the flag: it completes, or leaves no trace
    m_loader->cancelAndWait();
    // A job that cannot stop half-way (a model file being written) ends as it would have, and
    // says so; the window takes no input meanwhile, as while a project is saved.
    for (JobRunner* jobs : pageJobs()) {
        if (jobs->isRunning() && !jobs->isCancellable()) {
            setEnabled(false);
            jobs->waitForFinished(600000);
            setEnabled(true);
        }
    }
    for (JobRunner* jobs : pageJobs())
        jobs->cancelAndWait();
}

void MainWindow::waitForSave()
{
    if (!m_projectJobIsSave || !m_projectJobs->isRunning())
        return;
    // The wait runs the event loop (the save reports through it): nothing else may start
    // meanwhile, so the window takes no input until the save has ended.
    setEnabled(false);
    m_projectJobs->waitForFinished(600000);
    setEnabled(true);
}

bool MainWindow::maybeStopAndSave(const QString& action)
{
    // Both questions before anything stops, so that Cancel to the second keeps the work running.
    // A training stopped now stays in the project as a cancelled run: a change to save.
    if (!maybeStopRunningWork(action) || !maybeSaveChanges(m_trainingPage->jobs()->isRunning()))
        return false;
    stopAllJobs();
    return true;
}

bool MainWindow::maybeSaveChanges(bool stoppedTrainingToKeep)
{
    // A save on its way has cleared the flag already: wait for it, as its failure sets it again.
    waitForSave();
    if (!m_state.isModified() && !stoppedTrainingToKeep)
        return true;
    const QString name =
        m_projectPath.isEmpty() ? tr("The untitled project") : QFileInfo(m_projectPath).fileName();
    const auto answer = MessageBox::question(
        this, tr("Unsaved changes"),
        m_state.isModified()
            ? tr("%1 has changes that are not saved. Save them?").arg(name)
            : tr("The training stopped now stays in %1 as a cancelled run, a change that is not saved. Save "
                 "it?")
                  .arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Discard)
        return true;
    // The work stops first, so that what it leaves (a cancelled run) is saved with the rest.
    stopAllJobs();
    if (!saveProject())
        return false;
    // What comes next (closing, another project) waits for the save: the window must not go
    // away with the file half-written, and a failed save keeps the changes.
    waitForSave();
    return !m_state.isModified() && !m_projectJobs->isRunning();
}

bool MainWindow::maybeStopRunningWork(const QString& action)
{
    QStringList running;
    for (JobRunner* jobs : {m_simulationPage->jobs(), m_trainingPage->jobs(), m_evaluationPage->jobs()}) {
        if (jobs->isRunning())
            running << jobs->title();
    }
    if (running.isEmpty())
        return true;
    const auto answer = MessageBox::question(
        this, tr("Work still running"),
        (running.size() == 1
             ? tr("%1 is still running, and stops if you %2: what it has done so far is lost. Stop it and "
                  "%2?")
             : tr("%1 are still running, and stop if you %2: what they have done so far is lost. Stop them "
                  "and %2?"))
            .arg(running.join(tr(" and ")), action),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    return answer == QMessageBox::Yes;
}

void MainWindow::newProject()
{
    if (!maybeStopAndSave(tr("start a new project"))) // stops every job when it goes on
        return;
    m_state.resetArchetypes(sim::defaultArchetypes());
    m_state.setSimulationSettings({});
    m_state.restoreSimulation(nullptr, false);
    m_state.setTrainingParams({});
    m_state.setModel(nullptr);
    m_state.restoreRuns({}, 0);
    m_state.setEvaluation(nullptr);
    setProjectPath({});
    m_state.setModified(false);
    // The fresh demo catalog is part of the new project, not a change to it.
    loadDemoCatalog(false);
    showPage(DataIndex);
    statusBar()->showMessage(tr("New project"), 5000);
}

void MainWindow::chooseProject()
{
    // The file first: a dialog cancelled stops nothing.
    const QString path = FileDialog::openFile(this, "project", tr("Open project"), kProjectFilter);
    if (!path.isEmpty() && maybeStopAndSave(tr("open another project")))
        openProject(path);
}

void MainWindow::openProjectAsking(const QString& path)
{
    if (maybeStopAndSave(tr("open another project")))
        openProject(path);
}

bool MainWindow::openProject(const QString& path)
{
    // A save still running completes (and says how it went); an open still running is dropped.
    waitForSave();
    m_projectJobs->cancelAndWait();
    m_projectJobIsSave = false;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const std::string file = absolute.toStdString();
    return m_projectJobs->start(
        tr("Opening %1").arg(QFileInfo(path).fileName()),
        [file](const ProgressCallback& progress, const CancelFlag& cancel) {
            return std::any(std::make_shared<OpenedProject>(readProject(file, progress, cancel)));
        },
        [this, absolute](std::any result) {
            const auto opened = std::any_cast<std::shared_ptr<OpenedProject>>(result);
            // Only now that the project is read: a running load, simulation or training would
            // otherwise deliver its result on top of the project.
            stopAllJobs();
            applyProject(m_state, *opened);
            setProjectPath(absolute);
            m_recentProjects->add({absolute});
            statusBar()->showMessage(tr("Opened %1").arg(QFileInfo(absolute).fileName()), 5000);
            if (opened->datasetChanged)
                MessageBox::warning(this, tr("The dataset changed"),
                                    tr("The dataset files of this project no longer hold the tracks "
                                       "its simulation was made on, so the simulation and the "
                                       "evaluation were not restored, and the model is out of date. "
                                       "Run them again (F5)."));
        });
}

bool MainWindow::saveProject()
{
    if (m_projectPath.isEmpty())
        return saveProjectAs();
    return saveProjectTo(m_projectPath);
}

bool MainWindow::saveProjectAs()
{
    const QString suggested =
        m_projectPath.isEmpty() ? tr("Untitled.gdbmproj") : QFileInfo(m_projectPath).fileName();
    const QString path =
        FileDialog::saveFile(this, "project", tr("Save project as"), kProjectFilter, suggested);
    return !path.isEmpty() && saveProjectTo(path);
}

bool MainWindow::saveProjectTo(const QString& path)
{
    if (m_projectJobs->isRunning() || !m_state.catalog()) {
        // Say why nothing happens (from the unsaved-changes question too, which then stays open).
        MessageBox::information(this, tr("Save project"),
                                m_projectJobs->isRunning()
                                    ? tr("A project is being opened or saved. Save again when it is done.")
                                    : tr("There is nothing to save until a catalog has loaded."));
        return false;
    }
    ProjectSnapshot snapshot = captureProject(m_state);
    const std::string file = QFileInfo(path).absoluteFilePath().toStdString();
    // Changes made while the file is written still count as unsaved: the flag is cleared now,
    // and whatever sets it again before the save ends stays set.
    m_state.setModified(false);
    m_projectJobIsSave = true;
    return m_projectJobs->start(
        tr("Saving %1").arg(QFileInfo(path).fileName()),
        [snapshot = std::move(snapshot), file](const ProgressCallback&, const CancelFlag&) mutable {
            writeProject(std::move(snapshot), file);
            return std::any();
        },
        [this, path](std::any) {
            setProjectPath(QFileInfo(path).absoluteFilePath());
            m_recentProjects->add({m_projectPath});
            statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 5000);
        });
}

void MainWindow::setProjectPath(const QString& path)
{
    m_projectPath = path;
    updateTitle();
}

} // namespace gdbm::ui
