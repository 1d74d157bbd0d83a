#include "Screenshots.h"

#include "MainWindow.h"
#include "jobs/JobRunner.h"
#include "pages/EvaluationPage.h"
#include "pages/RecommendationsPage.h"
#include "pages/RunsPanel.h"
#include "pages/SimulationPage.h"
#include "pages/TrainingPage.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QPixmap>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <cstdio>

namespace gdbm::ui {
namespace {

// Runs the event loop until the runner is idle (or a minute passed).
bool settle(JobRunner* runner)
{
    QElapsedTimer clock;
    clock.start();
    // Generous: the evaluation trains the hybrid DBM once per protocol.
    while (runner->isRunning() && clock.elapsed() < 300000)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    QApplication::processEvents();
    return !runner->isRunning();
}

} // namespace

bool renderScreenshots(const QString& folder, QSize size)
{
    if (!QDir().mkpath(folder)) {
        std::fprintf(stderr, "gdbm-studio: cannot create %s\n", qPrintable(folder));
        return false;
    }
    // Screenshots never touch the user's settings, nor show a dialog.
    static QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    MessageBox::setTestMode(true);
    FileDialog::setTestMode(true);
    MainWindow window;
    window.setCompactSidebar(size.width() < 1100);
    window.resize(size);
    window.show();
    if (!settle(window.catalogJobs()) || !window.state().catalog()) {
        std::fprintf(stderr, "gdbm-studio: the demo catalog did not load\n");
        return false;
    }
    auto* simulation = window.findChild<SimulationPage*>();
    simulation->run();
    if (!settle(simulation->jobs()) || !window.state().simulation()) {
        std::fprintf(stderr, "gdbm-studio: the simulation did not finish\n");
        return false;
    }
    // A short run of the default model (the hybrid of every modality): enough epochs for the
    // curves to show their shape.
    model::TrainingParams params = window.state().trainingParams();
    params.pretrainEpochs = 30;
    params.finetuneEpochs = 20;
    window.state().setTrainingParams(params);
    auto* training = window.findChild<TrainingPage*>();
    training->start();
    if (!settle(training->jobs()) || !window.state().model()) {
        std::fprintf(stderr, "gdbm-studio: the training did not finish\n");
        return false;
    }
    auto* recommendations = window.findChild<RecommendationsPage*>();
    // The default embedding, every hidden layer, is the one the hybrid ranks best with.
    recommendations->waitForIdle();
    recommendations->selectUser(3);
    recommendations->waitForIdle();
    auto* evaluation = window.findChild<EvaluationPage*>();
    evaluation->run();
    if (!settle(evaluation->jobs()) || !window.state().evaluation()) {
        std::fprintf(stderr, "gdbm-studio: the evaluation did not finish\n");
        return false;
    }
    // The archetype with the most varied preferences shows the editor best.
    if (auto* table = window.findChild<QTableView*>("archetypeTable"))
        table->selectRow(9);
    const auto save = [&](const QString& name) {
        QApplication::processEvents();
        const QString path = QDir(folder).filePath(name + ".png");
        if (!window.grab().save(path)) {
            std::fprintf(stderr, "gdbm-studio: cannot write %s\n", qPrintable(path));
            return false;
        }
        std::printf("%s\n", qPrintable(path));
        return true;
    };
    for (int i = 0; i < window.pageCount(); ++i) {
        window.showPage(i);
        if (!save(window.pageKey(i)))
            return false;
        // The Recommendations page's map is on its own tab: a picture of that too.
        auto* tabs = window.page(i)->findChild<QTabWidget*>("recommendationTabs");
        if (tabs && tabs->count() > 2) {
            tabs->setCurrentIndex(2);
            const bool saved = save(window.pageKey(i) + "-map");
            tabs->setCurrentIndex(0);
            if (!saved)
                return false;
        }
    }
    // A second run, of the original study's model, to compare with the first in the Runs tab.
    model::HybridParams audioOnly = window.state().hybridParams();
    audioOnly.modalities = {model::Modality::Audio};
    window.state().setHybridParams(audioOnly);
    training->start();
    if (!settle(training->jobs()) || window.state().runs().size() != 2) {
        std::fprintf(stderr, "gdbm-studio: the second training run did not finish\n");
        return false;
    }
    window.showPage(MainWindow::TrainingIndex);
    training->tabs()->setCurrentIndex(1);
    training->runs()->selectRuns({1, 2});
    if (!save("training-runs"))
        return false;
    // The settings of the two runs side by side, on the comparison's second tab.
    if (auto* compare = training->runs()->findChild<QTabWidget*>("runsCompareTabs"))
        compare->setCurrentIndex(1);
    return save("training-runs-settings");
}

} // namespace gdbm::ui
