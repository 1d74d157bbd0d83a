#include "MainWindow.h"
#include "Screenshots.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    // The name doubles as X11's WM_CLASS (the .desktop file's StartupWMClass) and the settings
    // folder (~/.config/gdbm-studio); people see the display name.
    QApplication::setApplicationName("gdbm-studio");
    QApplication::setOrganizationName("gdbm-studio");
    QApplication::setApplicationDisplayName("GDBM Studio");
    QApplication::setApplicationVersion(GDBM_VERSION);
    QApplication::setDesktopFileName("org.gdbmstudio.GdbmStudio");
    QIcon icon(":/icons/gdbm-studio.svg");
    icon.addFile(":/icons/gdbm-studio-256.png");
    icon.addFile(":/icons/gdbm-studio-48.png");
    QApplication::setWindowIcon(icon);

    QCommandLineParser parser;
    parser.setApplicationDescription("A music recommender you can watch learn.");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({"screenshots",
                      "Render every page to DIR/<page>.png (demo catalog, a simulation run) and exit.",
                      "DIR"});
    parser.addPositionalArgument("files", "One or two dataset CSV files to open (merged).", "[FILE...]");
    parser.process(app);

    if (parser.isSet("screenshots"))
        return gdbm::ui::renderScreenshots(parser.value("screenshots")) ? 0 : 1;

    gdbm::ui::MainWindow window(parser.positionalArguments());
    window.show();
    return app.exec();
}
