// The main window's running work, driven offscreen: a simulation run and exported (and exported
// again into the same folder), one cancelled, the status bar with two jobs, the File menu's
// items that have nothing to act on, and a model save in the status bar.
#include "MainWindow.h"
#include "MainWindowFixture.h"
#include "jobs/JobRunner.h"
#include "pages/SimulationPage.h"
#include "pages/TrainingPage.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"
#include "util/SavedNotice.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTest>
#include <QToolButton>

using namespace gdbm;
using namespace gdbm::ui;

class TestWindowJobs : public QObject, public testing::MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestCase(); }
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }
    void simulateAndExportTheCsvFiles();
    void cancelledSimulationKeepsThePreviousOne();
    void statusBarReturnsToAJobStillRunning();
    void fileMenuGreysWhatHasNothingToActOn();
    void modelSaveShowsWithoutCancel();
    void aFailedJobsMessageShowsWithoutTheJob();
    void archetypesWithAProblemStartNoSimulation();
};

void TestWindowJobs::statusBarReturnsToAJobStillRunning()
{
    // A long training, then a simulation that starts and ends while it runs.
    JobRunner* training = startEndlessTraining();
    QVERIFY(training->isRunning());
    child<QSpinBox>("simUsers")->setValue(50);
    trigger("actionRunSimulation");
    auto* status = child<QLabel>("jobStatus");
    QVERIFY2(status->text().startsWith("Simulat"), qPrintable(status->text()));
    QVERIFY(m_window->findChild<SimulationPage*>()->jobs()->waitForFinished(60000));

    // The training, still running, has the status bar and its Cancel again.
    QVERIFY(training->isRunning());
    // Its title, or already its next stage ("Pretraining layer 1 of 2"): not the simulation's.
    QVERIFY2(!status->text().isEmpty() && !status->text().startsWith("Simulat"), qPrintable(status->text()));
    QVERIFY(!child<QToolButton>("jobCancel")->isHidden());
    // Paused, the status bar says so (the page does too), and stops saying it on resume.
    trigger("actionPauseTraining");
    QVERIFY(training->isPaused());
    QVERIFY2(status->text().startsWith("Paused: "), qPrintable(status->text()));
    trigger("actionPauseTraining");
    QVERIFY(!training->isPaused());
    QVERIFY2(!status->text().startsWith("Paused"), qPrintable(status->text()));
    trigger("actionPauseTraining");
    trigger("actionCancelJob");
    QVERIFY(training->waitForFinished(60000));
    QVERIFY(!training->isPaused()); // a job that ended is not paused
    QTRY_VERIFY(child<QToolButton>("jobCancel")->isHidden());
}

void TestWindowJobs::fileMenuGreysWhatHasNothingToActOn()
{
    QMenu* file = m_window->menuBar()->actions().value(0)->menu();
    QVERIFY(file);
    // A fresh window: no model, simulation, recommendations or evaluation yet.
    Q_EMIT file->aboutToShow();
    for (const char* name : {"actionSaveModel", "actionExportSimulation", "actionExportRecommendations",
                             "actionExportEvaluation"})
        QVERIFY2(!child<QAction>(name)->isEnabled(), name);
    QVERIFY(child<QAction>("actionLoadModel")->isEnabled());
    QVERIFY(child<QAction>("actionSaveProject")->isEnabled());
    // Closed, every item is on again for its shortcut.
    Q_EMIT file->aboutToHide();
    QVERIFY(child<QAction>("actionExportSimulation")->isEnabled());
    trigger("actionRunSimulation");
    QVERIFY(m_window->findChild<SimulationPage*>()->jobs()->waitForFinished(60000));
    Q_EMIT file->aboutToShow();
    QVERIFY(child<QAction>("actionExportSimulation")->isEnabled());
    QVERIFY(!child<QAction>("actionSaveModel")->isEnabled());
    Q_EMIT file->aboutToHide();
}

// A model file is saved off the window's thread: the status bar names it and offers no Cancel
// (the file is replaced whole or not at all); Ctrl+. reaches the training still running beside
// it, and a new project waits for the save to end instead of calling it cancelled.
void TestWindowJobs::modelSaveShowsWithoutCancel()
{
    JobRunner* training = startEndlessTraining();
    model::TrainingParams quick;
    quick.layers = {4};
    quick.pretrainEpochs = 1;
    quick.finetuneEpochs = 1;
    AppState& state = m_window->state();
    state.setModel(std::make_shared<const model::Model>(model::trainModel(*state.catalog(), quick).model));
    const QString path = m_dir.filePath("status.gdbm");
    FileDialog::setNextFileName(path);
    trigger("actionSaveModel");
    JobRunner* files = m_window->findChild<TrainingPage*>()->fileJobs();
    QVERIFY(files->isRunning());
    QCOMPARE(child<QLabel>("jobStatus")->text(), QString("Saving status.gdbm"));
    QVERIFY(child<QToolButton>("jobCancel")->isHidden());
    // While it runs the File menu greys both model items.
    QMenu* file = m_window->menuBar()->actions().value(0)->menu();
    Q_EMIT file->aboutToShow();
    QVERIFY(!child<QAction>("actionSaveModel")->isEnabled());
    QVERIFY(!child<QAction>("actionLoadModel")->isEnabled());
    Q_EMIT file->aboutToHide();
    QSignalSpy trainingCancelled(training, &JobRunner::cancelled);
    trigger("actionCancelJob");
    QVERIFY(training->waitForFinished(60000));
    QCOMPARE(trainingCancelled.count(), 1);
    QVERIFY(files->waitForFinished());
    QVERIFY(QFile::exists(path));
    QVERIFY2(!m_window->statusBar()->currentMessage().contains("Saving status.gdbm: cancelled"),
             qPrintable(m_window->statusBar()->currentMessage()));

    QVERIFY(QFile::remove(path));
    FileDialog::setNextFileName(path);
    trigger("actionSaveModel");
    QVERIFY(files->isRunning());
    QSignalSpy saved(files, &JobRunner::succeeded);
    MessageBox::setNextAnswer(QMessageBox::Discard);
    trigger("actionNewProject");
    QVERIFY(!files->isRunning());
    QCOMPARE(saved.count(), 1);
    QVERIFY(QFile::exists(path));
}

void TestWindowJobs::aFailedJobsMessageShowsWithoutTheJob()
{
    const QString path = m_dir.filePath("broken.gdbm");
    QFile broken(path);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("not a model\n");
    broken.close();
    JobRunner* files = m_window->findChild<TrainingPage*>()->fileJobs();
    // What the status bar shows while the page's "Cannot load the model" is open: the page's
    // handler, which shows it, runs before this one.
    int messagesBefore = MessageBox::shownCount();
    int messagesSeen = -1;
    bool jobShown = true;
    QObject watch; // the connection ends with the test
    connect(files, &JobRunner::failed, &watch, [&] {
        messagesSeen = MessageBox::shownCount() - messagesBefore;
        jobShown =
            !child<QToolButton>("jobCancel")->isHidden() || !child<QLabel>("jobStatus")->text().isEmpty();
    });
    FileDialog::setNextFileName(path);
    trigger("actionLoadModel");
    QVERIFY(files->isRunning());
    QCOMPARE(child<QLabel>("jobStatus")->text(), QString("Loading broken.gdbm"));
    QVERIFY(files->waitForFinished());
    QCOMPARE(messagesSeen, 1);
    QVERIFY2(MessageBox::lastTitle() == "Cannot load the model", qPrintable(MessageBox::lastTitle()));
    QVERIFY(!jobShown);
}

void TestWindowJobs::archetypesWithAProblemStartNoSimulation()
{
    sim::ArchetypeSet unnamed = m_window->state().archetypes();
    unnamed.archetypes[0].name.clear();
    m_window->state().editArchetypes(unnamed, "test edit");
    const int messages = MessageBox::shownCount();
    trigger("actionRunSimulation");
    QVERIFY(!m_window->findChild<SimulationPage*>()->jobs()->isRunning());
    QCOMPARE(MessageBox::shownCount(), messages + 1);
    QVERIFY2(MessageBox::lastText().contains("archetype 1 (no name): name: the name is empty"),
             qPrintable(MessageBox::lastText()));
    QVERIFY(!m_window->state().simulation());
}

void TestWindowJobs::simulateAndExportTheCsvFiles()
{
    auto* page = m_window->findChild<SimulationPage*>();
    child<QSpinBox>("simUsers")->setValue(200);
    child<QSpinBox>("simSeed")->setValue(7);
    trigger("actionRunSimulation");
    QVERIFY(page->jobs()->waitForFinished(60000));
    const auto result = m_window->state().simulation();
    QVERIFY(result);
    QCOMPARE(result->users.size(), std::size_t(210)); // shares sum to 1.05
    QVERIFY(child<QLabel>("simSummary")->text().contains("210 users"));
    QVERIFY(!child<QLabel>("simOutOfDate")->text().contains("Out of date"));
    // The users exist now: the banner says what the run has, not what a run would give.
    const QString shares = child<QLabel>("simOutOfDate")->text();
    QVERIFY2(shares.contains("this simulation has 210 users") && !shares.contains("will be simulated"),
             qPrintable(shares));

    // Any edit marks it out of date, visibly.
    sim::ArchetypeSet changed = m_window->state().archetypes();
    changed.archetypes[1].tracksPerUser = 5;
    m_window->state().editArchetypes(changed, "test edit");
    QVERIFY(m_window->state().simulationOutOfDate());
    QVERIFY(child<QLabel>("simOutOfDate")->text().contains("Out of date"));

    const QString folder = m_dir.filePath("export");
    QDir().mkpath(folder);
    FileDialog::setNextFileName(folder);
    const int dialogs = MessageBox::shownCount();
    trigger("actionExportSimulation");
    QVERIFY(page->jobs()->waitForFinished(60000));
    // Said once the job is done, in the status bar, with no dialog to dismiss.
    QTRY_VERIFY(savedNoticeText(m_window).contains("Saved to " + QDir::toNativeSeparators(folder)));
    QVERIFY(savedNoticeText(m_window).contains("Open folder"));
    QCOMPARE(MessageBox::shownCount(), dialogs);
    QFile interactions(folder + "/interaction_data.csv");
    QVERIFY(interactions.open(QIODevice::ReadOnly));
    QVERIFY(interactions.readLine().startsWith(
        "user_id,track_id,track_name,artist_name,timestamp,archetype,rating"));
    int lines = 0;
    while (!interactions.atEnd()) {
        interactions.readLine();
        ++lines;
    }
    QCOMPARE(std::size_t(lines), result->interactions.size());
    QVERIFY(QFile::exists(folder + "/user_profiles.csv"));
    interactions.close();

    // Exporting into the same folder asks first; No (the default) leaves the files as they are.
    QFile profiles(folder + "/user_profiles.csv");
    QVERIFY(profiles.open(QIODevice::WriteOnly | QIODevice::Truncate));
    profiles.write("mine\n");
    profiles.close();
    FileDialog::setNextFileName(folder);
    trigger("actionExportSimulation");
    QCOMPARE(MessageBox::shownCount(), dialogs + 1);
    QVERIFY2(MessageBox::lastText().contains("interaction_data.csv and user_profiles.csv"),
             qPrintable(MessageBox::lastText()));
    QVERIFY(!page->jobs()->isRunning());
    QVERIFY(profiles.open(QIODevice::ReadOnly));
    QCOMPARE(profiles.readAll(), QByteArray("mine\n"));
    profiles.close();
    MessageBox::setNextAnswer(QMessageBox::Yes);
    FileDialog::setNextFileName(folder);
    trigger("actionExportSimulation");
    QVERIFY(page->jobs()->waitForFinished(60000));
    QVERIFY(profiles.open(QIODevice::ReadOnly));
    QVERIFY(profiles.readLine().startsWith("user_id,archetype"));
}

void TestWindowJobs::cancelledSimulationKeepsThePreviousOne()
{
    auto* page = m_window->findChild<SimulationPage*>();
    child<QSpinBox>("simUsers")->setValue(100);
    trigger("actionRunSimulation");
    QVERIFY(page->jobs()->waitForFinished(60000));
    const auto first = m_window->state().simulation();
    QVERIFY(first);

    child<QSpinBox>("simUsers")->setValue(1'000'000);
    QSignalSpy cancelled(page->jobs(), &JobRunner::cancelled);
    trigger("actionRunSimulation");
    QVERIFY(page->jobs()->isRunning());
    QTest::mouseClick(child<QPushButton>("simCancel"), Qt::LeftButton);
    QVERIFY(page->jobs()->waitForFinished(60000));
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(m_window->state().simulation(), first);
    QVERIFY(child<QPushButton>("simRun")->isEnabled());
}

QTEST_MAIN(TestWindowJobs)
#include "TestWindowJobs.moc"
