#include "MainWindow.h"
#include "MainWindowFixture.h"
#include "jobs/JobRunner.h"
#include "pages/SimulationPage.h"
#include "pages/TrainingPage.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>
#include <QSpinBox>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace gdbm;
using namespace gdbm::ui;

// Projects in the real main window: new, open, save and close asking about unsaved changes,
// recent projects, broken or missing files, changes during a save, undo back to the saved state.
class TestProjects : public QObject, public testing::MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void closingWithUnsavedChangesAsks();
    void closingWhileTrainingAsks();
    void aFailedSaveKeepsTheChangesUnsaved();
    void aBrokenProjectKeepsWhatWasOpen();
    void newProjectAsksAndStartsClean();
    void openingAProjectWithUnsavedChangesAsks();
    void aDatasetOpenedWhileAProjectOpensWins();
    void aProjectWhoseDatasetIsMissingNamesItAndKeepsWhatWasOpen();
    void undoingBackToTheSavedStateIsNotAChange();
    void aChangeDuringASaveStaysUnsaved();
    void remembersRecentProjects();

private:
    bool save(const QString& path) const
    {
        return m_window->saveProjectTo(path) && m_window->projectJobs()->waitForFinished(60000) &&
               !m_window->state().isModified();
    }
};

void TestProjects::initTestCase()
{
    setUpTestCase();
}

void TestProjects::init()
{
    setUpWindow();
}

void TestProjects::cleanup()
{
    tearDownWindow();
}

void TestProjects::closingWithUnsavedChangesAsks()
{
    QVERIFY(!m_window->state().isModified()); // the start-up catalog is not a change
    QVERIFY(!m_window->isWindowModified());
    child<QSpinBox>("simUsers")->setValue(77);
    QVERIFY(m_window->state().isModified());
    QVERIFY(m_window->isWindowModified());
    QVERIFY(m_window->windowTitle().startsWith("Untitled[*]"));

    const int shown = MessageBox::shownCount();
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(!m_window->close());
    QCOMPARE(MessageBox::shownCount(), shown + 1);
    QVERIFY(MessageBox::lastText().contains("not saved"));
    QVERIFY(m_window->isVisible());

    // Save: asks for a file, writes the project, then closes.
    const QString path = m_dir.filePath("closing.gdbmproj");
    MessageBox::setNextAnswer(QMessageBox::Save);
    FileDialog::setNextFileName(path);
    // While closing waits for the save, the window takes no input.
    bool enabledDuringSave = true;
    QTimer::singleShot(0, m_window, [&] { enabledDuringSave = m_window->isEnabled(); });
    QVERIFY(m_window->close());
    QVERIFY(!enabledDuringSave);
    QVERIFY(QFileInfo::exists(path));
    QVERIFY(!m_window->state().isModified());
}

void TestProjects::closingWhileTrainingAsks()
{
    JobRunner* training = startEndlessTraining();
    QVERIFY(training->isRunning());

    // No (the default): the window stays, and so does the training.
    const int shown = MessageBox::shownCount();
    QVERIFY(!m_window->close());
    QCOMPARE(MessageBox::shownCount(), shown + 1);
    QCOMPARE(MessageBox::lastTitle(), QString("Work still running"));
    QVERIFY2(MessageBox::lastText().contains("Stop it and quit?"), qPrintable(MessageBox::lastText()));
    QVERIFY(training->isRunning());

    // The same for a new project; then stop it and quit, discarding the changes.
    trigger("actionNewProject");
    QCOMPARE(MessageBox::shownCount(), shown + 2);
    QVERIFY(MessageBox::lastText().contains("Stop it and start a new project?"));
    QVERIFY(training->isRunning());
    // Yes, then Cancel to saving: nothing stopped, as both were asked before anything stops.
    MessageBox::setNextAnswers({QMessageBox::Yes, QMessageBox::Cancel});
    QVERIFY(!m_window->close());
    QCOMPARE(MessageBox::lastTitle(), QString("Unsaved changes"));
    QVERIFY(training->isRunning());
    MessageBox::setNextAnswers({QMessageBox::Yes, QMessageBox::Discard});
    QVERIFY(m_window->close());
    QVERIFY(!training->isRunning());
}

void TestProjects::aFailedSaveKeepsTheChangesUnsaved()
{
    child<QSpinBox>("simSeed")->setValue(42);
    QVERIFY(m_window->saveProjectTo(m_dir.filePath("no-such-folder/x.gdbmproj")));
    QVERIFY(m_window->projectJobs()->waitForFinished());
    QVERIFY(m_window->state().isModified());
    QCOMPARE(MessageBox::lastTitle(), QString("Could not save the project"));
    QVERIFY(m_window->projectPath().isEmpty());
}

void TestProjects::aBrokenProjectKeepsWhatWasOpen()
{
    const QString path = m_dir.filePath("broken.gdbmproj");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a project at all\n");
    file.close();
    const auto catalog = m_window->state().catalog();
    QVERIFY(m_window->openProject(path));
    QVERIFY(m_window->projectJobs()->waitForFinished());
    QCOMPARE(MessageBox::lastTitle(), QString("Could not open the project"));
    QVERIFY(MessageBox::lastText().contains("broken.gdbmproj"));
    QCOMPARE(m_window->state().catalog(), catalog);
    QVERIFY(m_window->projectPath().isEmpty());
}

void TestProjects::newProjectAsksAndStartsClean()
{
    auto* seed = child<QSpinBox>("simSeed");
    seed->setValue(42);
    sim::ArchetypeSet changed = m_window->state().archetypes();
    changed.archetypes[0].tracksPerUser = 7;
    m_window->state().editArchetypes(changed, "test edit");
    QVERIFY(m_window->state().isModified());

    const int shown = MessageBox::shownCount();
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    trigger("actionNewProject");
    QCOMPARE(MessageBox::shownCount(), shown + 1);
    QCOMPARE(MessageBox::lastTitle(), QString("Unsaved changes"));
    QCOMPARE(seed->value(), 42);
    QVERIFY(m_window->state().isModified());

    // Users other than the new project's: restoring them must not bring the old seed back.
    child<QSpinBox>("simUsers")->setValue(77);
    MessageBox::setNextAnswer(QMessageBox::Discard);
    trigger("actionNewProject");
    QVERIFY(waitForCatalog());
    QCOMPARE(MessageBox::shownCount(), shown + 2);
    QCOMPARE(child<QSpinBox>("simUsers")->value(), 1000);
    QCOMPARE(seed->value(), 1);
    QVERIFY(m_window->state().archetypes() == sim::defaultArchetypes());
    QCOMPARE(m_window->state().undoStack()->count(), 0);
    QVERIFY(!m_window->state().isModified()); // the new demo catalog is not a change
    QVERIFY(!m_window->isWindowModified());
    QVERIFY(m_window->projectPath().isEmpty());
    QVERIFY(m_window->windowTitle().startsWith("Untitled[*]"));
}

void TestProjects::aDatasetOpenedWhileAProjectOpensWins()
{
    const QString path = m_dir.filePath("demo.gdbmproj");
    QVERIFY(save(path));
    // The project is still being read when the user opens a dataset: the newer request wins,
    // and the project does not land on top of it afterwards.
    QVERIFY(m_window->openProject(path));
    QVERIFY(m_window->openDataset({realFile("top10s.csv")}));
    QVERIFY(!m_window->projectJobs()->isRunning());
    QVERIFY(waitForCatalog());
    QVERIFY(m_window->projectJobs()->waitForFinished());
    QCoreApplication::processEvents();
    QCOMPARE(QString::fromStdString(m_window->state().catalog()->label()), QString("top10s.csv"));
}

void TestProjects::openingAProjectWithUnsavedChangesAsks()
{
    const QString path = m_dir.filePath("asks.gdbmproj");
    auto* seed = child<QSpinBox>("simSeed");
    seed->setValue(11);
    QVERIFY(save(path));
    QCOMPARE(m_window->projectPath(), path);
    QVERIFY(m_window->windowTitle().startsWith("asks.gdbmproj[*] - "));
    seed->setValue(12);
    QVERIFY(m_window->state().isModified());

    // Cancel: nothing opens, the change stays.
    const int shown = MessageBox::shownCount();
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    FileDialog::setNextFileName(path);
    trigger("actionOpenProject");
    QCOMPARE(MessageBox::shownCount(), shown + 1);
    QVERIFY(!m_window->projectJobs()->isRunning());
    QCOMPARE(seed->value(), 12);
    QVERIFY(m_window->state().isModified());

    // Discard: the project opens as it was saved, with nothing to save.
    MessageBox::setNextAnswer(QMessageBox::Discard);
    FileDialog::setNextFileName(path);
    trigger("actionOpenProject");
    QVERIFY(m_window->projectJobs()->waitForFinished(60000));
    QCOMPARE(seed->value(), 11);
    QVERIFY(!m_window->state().isModified());
    QVERIFY(!m_window->isWindowModified());
}

void TestProjects::aProjectWhoseDatasetIsMissingNamesItAndKeepsWhatWasOpen()
{
    const QString dataset = m_dir.filePath("moved-away.csv");
    QFile::remove(dataset);
    QVERIFY(QFile::copy(realFile("top10s.csv"), dataset));
    QVERIFY(m_window->openDataset({dataset}));
    QVERIFY(waitForCatalog());
    const QString path = m_dir.filePath("missing-dataset.gdbmproj");
    QVERIFY(save(path));
    QVERIFY(QFile::remove(dataset));

    child<QSpinBox>("simSeed")->setValue(5); // an unsaved change that must survive
    const auto catalog = m_window->state().catalog();
    QVERIFY(m_window->openProject(path));
    QVERIFY(m_window->projectJobs()->waitForFinished(60000));
    QCOMPARE(MessageBox::lastTitle(), QString("Could not open the project"));
    QVERIFY2(MessageBox::lastText().contains("missing-dataset.gdbmproj"), qPrintable(MessageBox::lastText()));
    QVERIFY2(MessageBox::lastText().contains("moved-away.csv"), qPrintable(MessageBox::lastText()));
    QCOMPARE(m_window->state().catalog(), catalog);
    QCOMPARE(child<QSpinBox>("simSeed")->value(), 5);
    QVERIFY(m_window->state().isModified());
}

void TestProjects::undoingBackToTheSavedStateIsNotAChange()
{
    auto* page = m_window->findChild<SimulationPage*>();
    child<QSpinBox>("simUsers")->setValue(100);
    trigger("actionRunSimulation");
    QVERIFY(page->jobs()->waitForFinished(60000));
    QVERIFY(save(m_dir.filePath("undo.gdbmproj")));
    QVERIFY(!m_window->state().simulationOutOfDate());

    sim::ArchetypeSet changed = m_window->state().archetypes();
    changed.archetypes[0].tracksPerUser = 9;
    m_window->state().editArchetypes(changed, "test edit");
    QVERIFY(m_window->state().isModified());
    QVERIFY(m_window->isWindowModified());
    QVERIFY(m_window->state().simulationOutOfDate());

    trigger("actionUndo");
    QVERIFY(!m_window->state().isModified());
    QVERIFY(!m_window->isWindowModified());
    QVERIFY(!m_window->state().simulationOutOfDate()); // the inputs are the run's again
    trigger("actionRedo");
    QVERIFY(m_window->state().isModified());
    QVERIFY(m_window->state().simulationOutOfDate());

    // A change beside the undo stack keeps the project modified whatever the stack does.
    trigger("actionUndo");
    child<QSpinBox>("simSeed")->setValue(99);
    trigger("actionRedo");
    trigger("actionUndo");
    QVERIFY(m_window->state().isModified());
}

void TestProjects::aChangeDuringASaveStaysUnsaved()
{
    QVERIFY(m_window->saveProjectTo(m_dir.filePath("during.gdbmproj")));
    // The save job runs on its thread; its end is delivered by the event loop, after this.
    child<QSpinBox>("simSeed")->setValue(77);
    // A second save while the first runs is refused, and says why.
    QVERIFY(!m_window->saveProjectTo(m_dir.filePath("second.gdbmproj")));
    QVERIFY(MessageBox::lastText().contains("being opened or saved"));
    QVERIFY(m_window->projectJobs()->waitForFinished(60000));
    QVERIFY(m_window->state().isModified());
    QVERIFY(m_window->isWindowModified());
    QVERIFY(!QFileInfo::exists(m_dir.filePath("second.gdbmproj")));
}

void TestProjects::remembersRecentProjects()
{
    const QString path = m_dir.filePath("recent.gdbmproj");
    QVERIFY(save(path));
    QCOMPARE(QSettings().value("recentProjects").toStringList().value(0), path);
    auto* menu = child<QMenu>("menuRecentProjects");
    QVERIFY(menu->isEnabled());
    QAction* entry = menu->actions().first();
    QCOMPARE(entry->text(), QString("recent.gdbmproj"));

    // Opening it from the menu asks about unsaved changes first.
    child<QSpinBox>("simSeed")->setValue(3);
    const int shown = MessageBox::shownCount();
    MessageBox::setNextAnswer(QMessageBox::Discard);
    entry->trigger();
    QCOMPARE(MessageBox::shownCount(), shown + 1);
    QVERIFY(m_window->projectJobs()->waitForFinished(60000));
    QCOMPARE(m_window->projectPath(), path);
    QVERIFY(!m_window->state().isModified());

    // A project whose file is gone: choosing it says so, and it leaves the list.
    const QString gone = m_dir.filePath("gone.gdbmproj");
    QVERIFY(save(gone));
    QVERIFY(save(path));
    QCOMPARE(QSettings().value("recentProjects").toStringList().mid(0, 2), QStringList({path, gone}));
    QVERIFY(QFile::remove(gone));
    QAction* goneEntry = menu->actions().value(1);
    QCOMPARE(goneEntry->text(), QString("gone.gdbmproj"));
    const int before = MessageBox::shownCount();
    goneEntry->trigger();
    QVERIFY(m_window->projectJobs()->waitForFinished(60000));
    QTRY_VERIFY(!QSettings().value("recentProjects").toStringList().contains(gone));
    QCOMPARE(QSettings().value("recentProjects").toStringList().value(0), path);
    QCOMPARE(MessageBox::shownCount(), before + 1);
    QVERIFY2(MessageBox::lastText().contains("gone.gdbmproj"), qPrintable(MessageBox::lastText()));
    QCOMPARE(menu->actions().first()->text(), QString("recent.gdbmproj"));
    QCOMPARE(m_window->projectPath(), path); // what was open stays
}

QTEST_MAIN(TestProjects)
#include "TestProjects.moc"
