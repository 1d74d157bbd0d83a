#include "MainWindow.h"
#include "Screenshots.h"
#include "core/Isa.h"
#include "util/Theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <cstdio>

int main(int argc, char** argv)
{
    gdbm::relaunchForRequestedIsa(argv); // GDBM_ISA: before any work starts
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
    parser.addOption({"screenshot-size", "The window's size for --screenshots (default 1280x800).", "WxH"});
    parser.addOption({"theme",
                      "Use this theme for this session: system, light or dark (View > Theme keeps one).",
                      "THEME"});
    parser.addPositionalArgument("files", "One or two dataset CSV files to open (merged).", "[FILE...]");
    parser.process(app);

    gdbm::ui::Theme theme = gdbm::ui::savedTheme();
    if (parser.isSet("theme")) {
        const QString key = parser.value("theme");
        bool known = false;
        for (gdbm::ui::Theme t : {gdbm::ui::Theme::System, gdbm::ui::Theme::Light, gdbm::ui::Theme::Dark}) {
            if (key == gdbm::ui::themeKey(t)) {
                theme = t;
                known = true;
            }
        }
        if (!known) {
            std::fprintf(stderr, "gdbm-studio: --theme: expected system, light or dark, not '%s'\n",
                         qPrintable(key));
            return 2;
        }
    }
    gdbm::ui::applyTheme(theme);

    if (parser.isSet("screenshots")) {
        QSize size(1280, 800);
        if (parser.isSet("screenshot-size")) {
            const QStringList parts = parser.value("screenshot-size").split('x');
            size = parts.size() == 2 ? QSize(parts[0].toInt(), parts[1].toInt()) : QSize();
            if (size.width() < 640 || size.height() < 480) {
                std::fprintf(stderr,
                             "gdbm-studio: --screenshot-size: expected WxH of at least 640x480, not '%s'\n",
                             qPrintable(parser.value("screenshot-size")));
                return 2;
            }
        }
        return gdbm::ui::renderScreenshots(parser.value("screenshots"), size) ? 0 : 1;
    }

    gdbm::ui::MainWindow window(parser.positionalArguments());
    window.show();
    return app.exec();
}
