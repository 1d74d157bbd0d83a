#pragma once

#include <QString>

class QWidget;

namespace gdbm::ui {

// Tells that an export is written, without a dialog to dismiss: "Saved to FILE  Open folder" in
// the window's status bar for a while (the link opens the folder in the file manager). One notice
// per window, replaced by the next; every export of the app says it the same way. `path` is the
// file written, or the folder for an export of several files.
void announceSaved(QWidget* from, const QString& path);

// The notice's text now (empty when none is shown), for tests.
QString savedNoticeText(QWidget* window);

} // namespace gdbm::ui
