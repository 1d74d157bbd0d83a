#include "Screenshots.h"

#include "MainWindow.h"
#include "jobs/JobRunner.h"
#include "pages/SimulationPage.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QPixmap>
#include <QSettings>
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
    while (runner->isRunning() && clock.elapsed() < 60000)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    QApplication::processEvents();
    return !runner->isRunning();
}

} // namespace

bool renderScreenshots(const QString& folder)
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
    window.resize(1280, 800);
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
    // The archetype with the most varied preferences shows the editor best.
    if (auto* table = window.findChild<QTableView*>("archetypeTable"))
        table->selectRow(9);
    for (int i = 0; i < window.pageCount(); ++i) {
        window.showPage(i);
        QApplication::processEvents();
        const QString path = QDir(folder).filePath(window.pageKey(i) + ".png");
        if (!window.grab().save(path)) {
            std::fprintf(stderr, "gdbm-studio: cannot write %s\n", qPrintable(path));
            return false;
        }
        std::printf("%s\n", qPrintable(path));
    }
    return true;
}

} // namespace gdbm::ui
