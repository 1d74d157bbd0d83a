// Where the file dialogs open: the folder last chosen for the purpose, unless it is gone or one
// of the kernel's own (a dialog listing /proc froze the window on a read of /proc/kmsg).
#include "util/FileDialog.h"

#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace gdbm::ui;

class TestFileDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Settings in a folder of their own; the test seam answers every dialog.
        QVERIFY(m_settings.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
        FileDialog::setTestMode(true);
    }
    void opensWhereTheLastFileWasChosen();
    void neverOpensInAKernelFileSystem();
    void aFolderThatIsGoneOpensHome();

private:
    QTemporaryDir m_settings;
};

void TestFileDialog::opensWhereTheLastFileWasChosen()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Chosen through the test seam, as a dialog's answer is: its folder is remembered.
    FileDialog::setNextFileName(QDir(dir.path()).filePath("model.gdbm"));
    QCOMPARE(FileDialog::saveFile(nullptr, "models", "Save model", "Models (*.gdbm)", "model.gdbm"),
             QDir(dir.path()).filePath("model.gdbm"));
    QCOMPARE(FileDialog::startFolder("models"), QFileInfo(dir.path()).absoluteFilePath());
    QCOMPARE(FileDialog::startFolder("datasets"), QDir::homePath()); // per purpose
}

void TestFileDialog::neverOpensInAKernelFileSystem()
{
    for (const QString& folder :
         {QStringLiteral("/proc"), QStringLiteral("/proc/self"), QStringLiteral("/sys")}) {
        if (!QFileInfo(folder).isDir())
            QSKIP("This system has no /proc or /sys");
        // A save into /proc fails, but its folder was chosen and remembered.
        FileDialog::setNextFileName(QDir(folder).filePath("model.gdbm"));
        QVERIFY(!FileDialog::saveFile(nullptr, "models", "Save model", "Models (*.gdbm)", "model.gdbm")
                     .isEmpty());
        QCOMPARE(FileDialog::startFolder("models"), QDir::homePath());
    }
}

void TestFileDialog::aFolderThatIsGoneOpensHome()
{
    QString gone;
    {
        QTemporaryDir dir;
        gone = dir.path();
        FileDialog::setNextFileName(gone);
        QCOMPARE(FileDialog::folder(nullptr, "exports", "Export"), gone);
        QCOMPARE(FileDialog::startFolder("exports"), QFileInfo(gone).absoluteFilePath());
    }
    QVERIFY(!QFileInfo::exists(gone));
    QCOMPARE(FileDialog::startFolder("exports"), QDir::homePath());
}

QTEST_MAIN(TestFileDialog)
#include "TestFileDialog.moc"
