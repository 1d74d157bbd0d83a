#pragma once

#include <QWidget>

class QTextBrowser;

namespace gdbm::ui {

// The user guide (ui/help/guide.html, built into the app): one window, not modal, that opens at
// the section of the page the user is on (F1) and stays open beside the main window.
class HelpWindow : public QWidget
{
    Q_OBJECT

public:
    explicit HelpWindow(QWidget* parent = nullptr);

    // Shows the window at a section: a page key ("data", "training", ...), "start", "metrics",
    // "model" or "keys". An unknown key opens the top.
    void showSection(const QString& key);
    QString currentSection() const { return m_section; }
    QTextBrowser* browser() const { return m_browser; }

private:
    QTextBrowser* m_browser;
    QString m_section;
};

} // namespace gdbm::ui
