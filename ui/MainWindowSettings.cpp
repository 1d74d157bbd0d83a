// The main window's remembered settings (geometry, state, the page shown, the compact sidebar, the
// last project and dataset), and its size on a first start.
#include "MainWindow.h"

#include <QAction>
#include <QListWidget>
#include <QScreen>
#include <QSettings>
#include <algorithm>

namespace gdbm::ui {

void MainWindow::restoreSettings()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value("window/geometry").toByteArray()))
        fitFirstWindowToScreen();
    restoreState(settings.value("window/state").toByteArray());
    showPage(settings.value("window/page", 0).toInt());
    m_compactSidebarAction->setChecked(settings.value("window/compactSidebar", false).toBool());
}

void MainWindow::fitFirstWindowToScreen()
{
    // 1,280 x 800 shows every page without scrolling; a laptop's 1,366 x 768 screen, less its
    // panel and this window's title bar, has less height than that. The frame is not known before
    // the window is shown, so a title bar's worth of room is kept for it.
    const QSize preferred(1280, 800);
    const QSize frame(16, 48);
    const QScreen* display = screen();
    if (!display) { // no screen at all: nothing to fit
        resize(preferred);
        return;
    }
    const QRect room = display->availableGeometry();
    const QSize size = preferred.boundedTo(room.size() - frame).expandedTo(minimumSizeHint());
    resize(size);
    move(room.topLeft() + QPoint(std::max(0, (room.width() - size.width() - frame.width()) / 2),
                                 std::max(0, (room.height() - size.height() - frame.height()) / 2)));
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    settings.setValue("window/page", m_sidebar->currentRow());
    settings.setValue("window/compactSidebar", m_compactSidebar);
    settings.setValue("lastDataset", m_state.catalogFiles());
    // The project the window showed, as last saved: the next start reopens it. Empty after New
    // project, so that the dataset alone is reopened.
    settings.setValue("lastProject", m_projectPath);
}

} // namespace gdbm::ui
