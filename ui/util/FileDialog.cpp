#include "util/FileDialog.h"

#include "util/MessageBox.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStorageInfo>
#include <algorithm>
#include <array>
#include <optional>

namespace gdbm::ui {
namespace {

std::optional<QStringList> g_next;
bool g_testMode = false;

// In test mode a dialog nobody answered is a cancel, never a blocking window.
std::optional<QStringList> takeNext()
{
    if (g_next) {
        std::optional<QStringList> next = g_next;
        g_next.reset();
        return next;
    }
    if (g_testMode)
        return QStringList();
    return std::nullopt;
}

// The kernel's own file systems: nothing of the app's is kept there, and a dialog listing them
// reads files such as /proc/kmsg, whose read waits for the kernel's next message: the window
// froze. A save that failed there is still remembered as the folder chosen.
bool isKernelFileSystem(const QString& folder)
{
    static const std::array<QByteArray, 11> kKernelTypes = {"proc",       "sysfs",    "devtmpfs", "devpts",
                                                            "debugfs",    "tracefs",  "cgroup",   "cgroup2",
                                                            "securityfs", "configfs", "pstore"};
    const QByteArray type = QStorageInfo(folder).fileSystemType();
    return std::find(kKernelTypes.begin(), kKernelTypes.end(), type) != kKernelTypes.end();
}

} // namespace

QString FileDialog::startFolder(const QString& purpose)
{
    const QString folder = QSettings().value("folders/" + purpose).toString();
    if (folder.isEmpty() || !QFileInfo(folder).isDir() || isKernelFileSystem(folder))
        return QDir::homePath();
    return folder;
}

void FileDialog::rememberFolder(const QString& purpose, const QString& path)
{
    if (path.isEmpty())
        return;
    const QFileInfo info(path);
    QSettings().setValue("folders/" + purpose, info.isDir() ? info.absoluteFilePath() : info.absolutePath());
}

QStringList FileDialog::openFiles(QWidget* parent, const QString& purpose, const QString& title,
                                  const QString& filter)
{
    QStringList names;
    if (const auto next = takeNext())
        names = *next;
    else
        names = QFileDialog::getOpenFileNames(parent, title, startFolder(purpose), filter);
    if (!names.isEmpty())
        rememberFolder(purpose, names.first());
    return names;
}

QString FileDialog::openFile(QWidget* parent, const QString& purpose, const QString& title,
                             const QString& filter)
{
    QString name;
    if (const auto next = takeNext())
        name = next->value(0);
    else
        name = QFileDialog::getOpenFileName(parent, title, startFolder(purpose), filter);
    rememberFolder(purpose, name);
    return name;
}

QString FileDialog::saveFile(QWidget* parent, const QString& purpose, const QString& title,
                             const QString& filter, const QString& suggestedName)
{
    // A name typed without an extension gets the suggested one: the file must still open
    // with the app (and its own file filters) later. A platform's own dialog adds it only once
    // it has closed, after asking about the name as typed; so the dialog never asks, and the
    // app asks about the name that will be written.
    const QString suffix = QFileInfo(suggestedName).suffix();
    QString name;
    bool asked = false; // the one who chose the name has seen it exists (a test answering for a dialog)
    if (const auto next = takeNext()) {
        name = next->value(0);
        asked = true;
    } else {
        QFileDialog dialog(parent, title, QDir(startFolder(purpose)).filePath(suggestedName), filter);
        dialog.setAcceptMode(QFileDialog::AcceptSave);
        dialog.setOption(QFileDialog::DontConfirmOverwrite);
        dialog.setDefaultSuffix(suffix);
        if (dialog.exec() == QDialog::Accepted)
            name = dialog.selectedFiles().value(0);
    }
    if (!name.isEmpty() && QFileInfo(name).suffix().isEmpty() && !suffix.isEmpty()) {
        name += '.' + suffix;
        asked = false;
    }
    if (!name.isEmpty() && !asked && QFileInfo::exists(name) &&
        MessageBox::question(
            parent, title,
            QObject::tr("%1 already exists. Do you want to replace it?").arg(QFileInfo(name).fileName()),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return {};
    rememberFolder(purpose, name);
    return name;
}

QString FileDialog::folder(QWidget* parent, const QString& purpose, const QString& title)
{
    QString name;
    if (const auto next = takeNext())
        name = next->value(0);
    else
        name = QFileDialog::getExistingDirectory(parent, title, startFolder(purpose));
    rememberFolder(purpose, name);
    return name;
}

void FileDialog::setNextFileNames(const QStringList& names)
{
    g_next = names;
}

void FileDialog::setTestMode(bool on)
{
    g_testMode = on;
}

} // namespace gdbm::ui
