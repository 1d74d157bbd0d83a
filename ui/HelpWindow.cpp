#include "HelpWindow.h"

#include <QScreen>
#include <QShortcut>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

// The guide is a resource of this static library: registered by hand, as the linker would drop
// an unreferenced static initializer.
static void registerHelpResource()
{
    Q_INIT_RESOURCE(help);
}

namespace gdbm::ui {

HelpWindow::HelpWindow(QWidget* parent) : QWidget(parent, Qt::Window)
{
    registerHelpResource();
    setObjectName("helpWindow");
    setWindowTitle(tr("GDBM Studio user guide"));
    m_browser = new QTextBrowser;
    m_browser->setObjectName("helpBrowser");
    m_browser->setOpenExternalLinks(true);
    m_browser->setSource(QUrl("qrc:/help/guide.html"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    resize(720, 640); // showSection() fits it to the screen it opens on
    // A window of its own: Esc and the platform's Close (Ctrl+W) close it, as in a browser.
    for (const QKeySequence& keys : {QKeySequence(Qt::Key_Escape), QKeySequence(QKeySequence::Close)}) {
        auto* close = new QShortcut(keys, this);
        connect(close, &QShortcut::activated, this, &QWidget::close);
    }
}

void HelpWindow::showSection(const QString& key)
{
    m_section = key;
    // A 768-pixel screen has less than 640 pixels under its panels and the window's frame.
    if (!isVisible()) {
        if (const QScreen* screen = parentWidget() ? parentWidget()->screen() : this->screen()) {
            const QRect room = screen->availableGeometry();
            resize(std::min(width(), room.width() - 40), std::min(height(), room.height() - 80));
            // Centred on the screen: placed below the main window's top, it ran off the bottom.
            move(room.center() - QPoint(width() / 2, height() / 2));
        }
    }
    show();
    raise();
    activateWindow();
    m_browser->scrollToAnchor(key);
}

} // namespace gdbm::ui
