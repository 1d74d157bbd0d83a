// Project files that fail cleanly: saves that fail (no room for the name, a full disk, a read-only
// folder, a process killed mid-save) keep the previous file, and bad or damaged files are InputErrors naming
// the file and field.
#include "ProjectFileFixture.h"
#include "core/Error.h"
#include "project/ProjectFile.h"
#include "project/SqliteDb.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>
#include <csignal>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace gdbm;
using namespace gdbm::project;

namespace {

// Runs SQL on a copy of a project file, as a damaged or hand-edited file would be.
void execSql(const QString& path, const std::string& sql)
{
    SqliteDb db(path.toStdString(), path.toStdString(), SqliteDb::Mode::Write);
    db.exec(sql, {});
    db.close();
}

} // namespace

class TestProjectFileErrors : public QObject, public testing::ProjectFileFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void failedSaveKeepsPreviousFile();
    void failedWriteKeepsPreviousFile();
    void readOnlyFolderKeepsPreviousFile();
    void killedSaveLeavesAWholeFile();
    void rejectsBadFiles_data();
    void rejectsBadFiles();
    void flippedBytesNeverCrash();

private:
    QString copyOfGood(const QString& name) const;
};

void TestProjectFileErrors::initTestCase()
{
    setUpTestCase();
}

QString TestProjectFileErrors::copyOfGood(const QString& name) const
{
    const QString path = m_dir.filePath(name);
    QFile::remove(path);
    if (!QFile::copy(m_goodPath, path))
        qFatal("cannot copy the project file");
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

void TestProjectFileErrors::failedSaveKeepsPreviousFile()
{
    // A destination whose name leaves no room for the temporary file's suffix: the save fails
    // before writing anything, even as root.
    const QString folder = m_dir.filePath("longname");
    QVERIFY(QDir().mkpath(folder));
    const QString longPath = folder + "/" + QString(240, 'p') + ".gdbmproj";
    const QString shortPath = folder + "/short.gdbmproj";
    saveProject(m_small, shortPath.toStdString());
    QVERIFY(QFile::rename(shortPath, longPath));
    try {
        saveProject(m_full, longPath.toStdString());
        QFAIL("the save should have failed");
    } catch (const InputError& e) {
        QVERIFY2(std::string(e.what()).find(longPath.toStdString()) != std::string::npos, e.what());
    }
    compareProjects(m_small, loadProject(longPath.toStdString()));
    QVERIFY(!leftTemporaryFiles(folder));
}

void TestProjectFileErrors::failedWriteKeepsPreviousFile()
{
    // The disk fills up in the middle of the save: a file size limit makes writes past it fail.
    const QString folder = m_dir.filePath("full");
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + "/p.gdbmproj";
    saveProject(m_small, path.toStdString());
    QVERIFY(QFileInfo(m_goodPath).size() > 256 * 1024);

    rlimit old{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    rlimit limited = old;
    limited.rlim_cur = 128 * 1024;
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN); // else the kernel ends the process
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    bool failed = false;
    std::string message;
    try {
        saveProject(m_full, path.toStdString());
    } catch (const InputError& e) {
        failed = true;
        message = e.what();
    }
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);
    QVERIFY(failed);
    QVERIFY2(message.find(path.toStdString()) != std::string::npos, message.c_str());
    compareProjects(m_small, loadProject(path.toStdString()));
    QVERIFY(!leftTemporaryFiles(folder));
}

void TestProjectFileErrors::readOnlyFolderKeepsPreviousFile()
{
    if (geteuid() == 0)
        QSKIP("root writes into read-only folders");
    const QString folder = m_dir.filePath("readonly");
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + "/p.gdbmproj";
    saveProject(m_small, path.toStdString());
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner);
    QVERIFY_THROWS_EXCEPTION(InputError, saveProject(m_full, path.toStdString()));
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    compareProjects(m_small, loadProject(path.toStdString()));
    QVERIFY(!leftTemporaryFiles(folder));
}

void TestProjectFileErrors::killedSaveLeavesAWholeFile()
{
    // A process that saves over and over is killed at three different moments: whenever it
    // dies, the file is a whole project, the old one or the new one, never a mix.
    const QString folder = m_dir.filePath("killed");
    QVERIFY(QDir().mkpath(folder));
    const std::string path = (folder + "/p.gdbmproj").toStdString();
    saveProject(m_small, path);
    for (const int delayMs : {5, 40, 150}) {
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            // The child never returns into the test runner, whatever happens.
            try {
                for (;;)
                    saveProject(m_full, path);
            } catch (...) {
            }
            _exit(1);
        }
        usleep(useconds_t(delayMs) * 1000);
        QCOMPARE(kill(child, SIGKILL), 0);
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status));
        const Project loaded = loadProject(path);
        qInfo("killed after %d ms: the %s file", delayMs, loaded.model ? "new" : "old");
        if (loaded.model)
            compareProjects(m_full, loaded);
        else
            compareProjects(m_small, loaded);
    }
}

void TestProjectFileErrors::rejectsBadFiles_data()
{
    QTest::addColumn<QString>("damage"); // SQL to run on a copy of a good file, or a special case
    QTest::addColumn<QString>("field");  // what the message must name besides the file
    QTest::addColumn<QString>("reason");

    QTest::newRow("missing file") << "missing"
                                  << ""
                                  << "no such file";
    QTest::newRow("text file") << "text"
                               << ""
                               << "not a GDBM Studio project";
    QTest::newRow("empty file") << "empty"
                                << "meta"
                                << "not a GDBM Studio project";
    QTest::newRow("SQLite without meta") << "other database"
                                         << "meta"
                                         << "not a GDBM Studio project";
    QTest::newRow("truncated") << "truncated"
                               << ""
                               << "damaged";
    QTest::newRow("other format") << "UPDATE meta SET value = 'something-else' WHERE key = 'format'"
                                  << "meta.format"
                                  << "not a GDBM Studio project";
    QTest::newRow("newer version") << "UPDATE meta SET value = '99' WHERE key = 'version'"
                                   << "meta.version"
                                   << "newer";
    QTest::newRow("no meta") << "DROP TABLE meta"
                             << "meta"
                             << "not a GDBM Studio project";
    QTest::newRow("missing table") << "DROP TABLE preferences"
                                   << "preferences"
                                   << "no such table";
    QTest::newRow("missing column") << "ALTER TABLE users DROP COLUMN fell_back"
                                    << "users"
                                    << "no such column";
    QTest::newRow("bad settings JSON")
        << "UPDATE settings SET value = '{\"layers\": [8,' WHERE key = 'training'"
        << "settings.training"
        << "not valid JSON";
    QTest::newRow("overflowing number in settings JSON")
        << "UPDATE settings SET value = '{\"batch_size\": 9e999}' WHERE key = 'training'"
        << "settings.training"
        << "not valid JSON: number overflow parsing '9e999'";
    QTest::newRow("bad archetype") << "UPDATE archetype_preferences SET kind = 'often' WHERE rowid = 2"
                                   << "archetype_preferences.kind"
                                   << "row 2: unknown preference type 'often'";
    QTest::newRow("bad archetype genres") << "UPDATE archetype_preferences SET genres = '[1]' WHERE rowid = 1"
                                          << "archetype_preferences.genres"
                                          << "row 1: expected a JSON list";
    QTest::newRow("overflowing archetype genres")
        << "UPDATE archetype_preferences SET genres = '[9e999]' WHERE rowid = 1"
        << "archetype_preferences.genres"
        << "row 1: expected a JSON list";
    QTest::newRow("track beyond catalog") << "UPDATE interactions SET track = 1500 WHERE rowid = 3"
                                          << "interactions.track"
                                          << "row 3: track 1500 is beyond";
    QTest::newRow("user beyond users") << "UPDATE interactions SET user = 1000 WHERE rowid = 7"
                                       << "interactions.user"
                                       << "row 7: user 1000 is beyond";
    QTest::newRow("archetype beyond") << "UPDATE users SET archetype = 12 WHERE position = 4"
                                      << "users.archetype"
                                      << "row 5: archetype 12 is beyond";
    QTest::newRow("genre beyond") << "UPDATE tracks SET genres = '0 99999' WHERE id = 9"
                                  << "tracks.genres"
                                  << "row 10: genre 99999 is beyond the 302 genres";
    QTest::newRow("text for a number") << "UPDATE interactions SET day = 'monday' WHERE rowid = 2"
                                       << "interactions.day"
                                       << "row 2: expected an integer";
    QTest::newRow("negative source") << "UPDATE interactions SET source = -1 WHERE rowid = 2"
                                     << "interactions.source"
                                     << "outside 0..2";
    QTest::newRow("changed rating") << "UPDATE interactions SET rating = rating + 0.5 WHERE rowid = 10"
                                    << "interactions"
                                    << "checksum";
    QTest::newRow("lost rows") << "DELETE FROM interactions WHERE rowid > 20"
                               << "interactions"
                               << "rows instead of";
    QTest::newRow("damaged model") << "UPDATE model SET bytes = substr(bytes, 1, 100)"
                                   << "model"
                                   << "damaged (checksum mismatch)";
    QTest::newRow("two models") << "INSERT INTO model SELECT bytes FROM model"
                                << "model"
                                << "more than one row";
    QTest::newRow("bad run JSON") << "UPDATE runs SET json = '{\"number\": 2,' WHERE position = 1"
                                  << "runs[1]"
                                  << "not valid JSON";
    QTest::newRow("run without its model") << "UPDATE runs SET model = x'' WHERE position = 0"
                                           << "runs.model"
                                           << "a finished run without its model";
    QTest::newRow("runs out of order")
        << "UPDATE runs SET json = replace(json, '\"number\":4', '\"number\":2') WHERE position = 2"
        << "runs.json"
        << "run numbers do not increase (2 after 3)";
    QTest::newRow("two current runs") << "UPDATE runs SET current = 1, model = x'' WHERE position = 0"
                                      << "runs.current"
                                      << "two current runs";
    QTest::newRow("cancelled run made current") << "UPDATE runs SET current = 1 WHERE position = 1"
                                                << "runs.current"
                                                << "a current run without the current model";
    QTest::newRow("damaged run model") << "UPDATE runs SET model = substr(model, 1, 100) WHERE position = 0"
                                       << "runs[0]"
                                       << "";
    QTest::newRow("no catalog") << "DELETE FROM catalog"
                                << "catalog"
                                << "damaged";
}

void TestProjectFileErrors::rejectsBadFiles()
{
    QFETCH(QString, damage);
    QFETCH(QString, field);
    QFETCH(QString, reason);

    QString path = m_dir.filePath("bad.gdbmproj");
    QFile::remove(path);
    if (damage == "missing") {
        path = m_dir.filePath("no-such.gdbmproj");
    } else if (damage == "text" || damage == "empty") {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(damage == "text" ? "name,artist\nSong,Someone\n" : "");
    } else if (damage == "other database") {
        execSql(path, "CREATE TABLE songs(name TEXT); INSERT INTO songs VALUES('x');");
    } else if (damage == "truncated") {
        QFile good(m_goodPath);
        QVERIFY(good.open(QIODevice::ReadOnly));
        const QByteArray bytes = good.readAll();
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes.left(bytes.size() / 2));
    } else {
        path = copyOfGood("bad.gdbmproj");
        execSql(path, damage.toStdString());
    }

    try {
        loadProject(path.toStdString());
        QFAIL("the load should have failed");
    } catch (const InputError& e) {
        const std::string message = e.what();
        QVERIFY2(message.find(path.toStdString()) != std::string::npos, e.what());
        QVERIFY2(message.find(reason.toStdString()) != std::string::npos, e.what());
        if (!field.isEmpty())
            QVERIFY2(e.location().field.find(field.toStdString()) == 0, e.what());
    }
}

void TestProjectFileErrors::flippedBytesNeverCrash()
{
    // A flipped byte anywhere is an InputError, or lands where it changes nothing read (free
    // space): then the content is exactly what was saved.
    QFile good(m_goodPath);
    QVERIFY(good.open(QIODevice::ReadOnly));
    const QByteArray bytes = good.readAll();
    const QString path = m_dir.filePath("flipped.gdbmproj");
    int errors = 0, intact = 0;
    for (int i = 1; i < 64; ++i) {
        QByteArray copy = bytes;
        const qsizetype at = copy.size() * i / 64;
        copy[at] = char(copy[at] ^ 0x5A);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(copy);
        f.close();
        try {
            const Project back = loadProject(path.toStdString());
            compareProjects(m_full, back);
            if (QTest::currentTestFailed())
                qWarning("flipped byte at %lld changed the content unnoticed", qlonglong(at));
            ++intact;
        } catch (const InputError& e) {
            QVERIFY2(std::string(e.what()).find(path.toStdString()) != std::string::npos, e.what());
            ++errors;
        }
        if (QTest::currentTestFailed())
            return;
    }
    qInfo("%d flips detected, %d harmless", errors, intact);
    QVERIFY(errors > 0);
}

QTEST_APPLESS_MAIN(TestProjectFileErrors)
#include "TestProjectFileErrors.moc"
