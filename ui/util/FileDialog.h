#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace gdbm::ui {

// Every file dialog of the app goes through here. It remembers the last folder per purpose
// (QSettings "folders/<purpose>"), and has a test seam: setNextFileNames() answers the next
// dialog without showing it (an empty list answers "cancelled").
class FileDialog
{
public:
    static QStringList openFiles(QWidget* parent, const QString& purpose, const QString& title,
                                 const QString& filter);
    static QString openFile(QWidget* parent, const QString& purpose, const QString& title,
                            const QString& filter);
    // A chosen name without an extension gets suggestedName's.
    static QString saveFile(QWidget* parent, const QString& purpose, const QString& title,
                            const QString& filter, const QString& suggestedName);
    static QString folder(QWidget* parent, const QString& purpose, const QString& title);

    // Where the next dialog for this purpose opens: the folder last chosen for it, or the home
    // folder when that one is gone or belongs to the kernel (/proc, /sys, /dev).
    static QString startFolder(const QString& purpose);

    static void setNextFileNames(const QStringList& names);
    static void setNextFileName(const QString& name) { setNextFileNames({name}); }
    static void setTestMode(bool on);

private:
    static void rememberFolder(const QString& purpose, const QString& path);
};

} // namespace gdbm::ui
