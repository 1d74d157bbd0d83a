// Shared setup for the main window tests (TestMainWindow, TestProjects): the real main window,
// offscreen, with the dialog seams answering, and helpers to find its children and run its actions.
#pragma once

#include "MainWindow.h"
#include "jobs/JobRunner.h"
#include "pages/TrainingPage.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"

#include <QAction>
#include <QSettings>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

namespace gdbm::ui::testing {

// Test classes derive from QObject first and from this second; the members keep the names the
// tests use.
class MainWindowFixture
{
protected:
    // initTestCase: settings in a folder of their own, no dialog ever shown.
    void setUpTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath("settings"));
        MessageBox::setTestMode(true);
        FileDialog::setTestMode(true);
    }

    // init: a new window, shown, with its start-up catalog loaded. A project an earlier test
    // saved and closed is not reopened: each test starts without one.
    void setUpWindow()
    {
        QSettings().remove("lastProject");
        m_window = new MainWindow;
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(waitForCatalog());
        QVERIFY(m_window->state().catalog());
    }

    // cleanup: the window, and all it owns.
    void tearDownWindow()
    {
        MessageBox::setNextAnswers({}); // an answer a test left unused is not the next test's
        FileDialog::setNextFileNames({});
        delete m_window;
        m_window = nullptr;
    }

    template <typename T>
    T* child(const char* name) const
    {
        T* found = m_window->findChild<T*>(name);
        if (!found)
            qWarning("no child %s", name);
        return found;
    }
    void trigger(const char* action) const { child<QAction>(action)->trigger(); }
    // Starts (Run > Start training) an audio-only training far too long to end during a test,
    // and returns its jobs.
    // Starts an audio-only training with these settings, as Start does.
    JobRunner* startAudioOnlyTraining(const model::TrainingParams& params) const
    {
        m_window->state().setTrainingParams(params);
        model::HybridParams audioOnly;
        audioOnly.modalities = {model::Modality::Audio};
        m_window->state().setHybridParams(audioOnly);
        trigger("actionStartTraining");
        return m_window->findChild<TrainingPage*>()->jobs();
    }
    JobRunner* startEndlessTraining() const
    {
        model::TrainingParams params;
        params.layers = {32, 16};
        params.batchSize = 16;
        params.pretrainEpochs = 100000;
        return startAudioOnlyTraining(params);
    }
    bool waitForCatalog() const { return m_window->catalogJobs()->waitForFinished(60000); }
    QString realFile(const char* name) const { return QString(GDBM_TEST_DATA_DIR) + "/real/" + name; }

    QTemporaryDir m_dir;
    MainWindow* m_window = nullptr;
};

} // namespace gdbm::ui::testing
