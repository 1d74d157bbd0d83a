// The atomic writer replaces regular files only: a link is written through (the link stays, its
// target gets the new content), and a folder, a device, a FIFO or a socket is refused before
// anything is written, with an InputError naming the path.
#include "core/AtomicFile.h"
#include "core/Error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace gdbm;
namespace fs = std::filesystem;

class TestAtomicFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesAndReplacesARegularFile();
    void failedWriteKeepsTheOldFile();
    void aSetOfFilesIsReplacedWholeOrNotAtAll();
    void writesThroughSymbolicLinks();
    void refusesWhatIsNotARegularFile_data();
    void refusesWhatIsNotARegularFile();
    void checkOutputPathReportsWithoutWriting();
    void temporaryFileAndReplaceFollowLinks();

private:
    static void write(const std::string& path, const std::string& text);
    static std::string read(const std::string& path);
    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }
    // Files in the folder besides the given ones: a temporary file left behind.
    bool onlyFiles(const QStringList& names) const;

    QTemporaryDir m_dir;
};

void TestAtomicFile::write(const std::string& path, const std::string& text)
{
    writeFileAtomically(path, [&](std::ostream& out) { out << text; });
}

std::string TestAtomicFile::read(const std::string& path)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        return "<cannot open>";
    return f.readAll().toStdString();
}

bool TestAtomicFile::onlyFiles(const QStringList& names) const
{
    QStringList present =
        QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System);
    present.sort();
    QStringList expected = names;
    expected.sort();
    if (present != expected)
        qWarning("present: %s", qPrintable(present.join(", ")));
    return present == expected;
}

void TestAtomicFile::writesAndReplacesARegularFile()
{
    const std::string file = path("plain.txt");
    write(file, "first");
    QCOMPARE(read(file), std::string("first"));
    write(file, "second");
    QCOMPARE(read(file), std::string("second"));
    QVERIFY(onlyFiles({"plain.txt"}));
    QFile::remove(QString::fromStdString(file));
}

void TestAtomicFile::failedWriteKeepsTheOldFile()
{
    const std::string file = path("kept.txt");
    write(file, "old");
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeFileAtomically(file, [](std::ostream& out) {
                                 out << "half";
                                 throw std::runtime_error("the writer failed");
                             }));
    QCOMPARE(read(file), std::string("old"));
    QVERIFY(onlyFiles({"kept.txt"}));
    QFile::remove(QString::fromStdString(file));
}

void TestAtomicFile::aSetOfFilesIsReplacedWholeOrNotAtAll()
{
    const std::string first = path("first.csv"), second = path("second.csv");
    write(first, "old 1");
    write(second, "old 2");
    // The second writer fails after the first file was written: neither is replaced.
    QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                             writeFilesAtomically({{first, [](std::ostream& out) { out << "new 1"; }},
                                                   {second, [](std::ostream&) {
                                                        throw std::runtime_error("the writer failed");
                                                    }}}));
    QCOMPARE(read(first), std::string("old 1"));
    QCOMPARE(read(second), std::string("old 2"));
    QVERIFY(onlyFiles({"first.csv", "second.csv"}));
    writeFilesAtomically({{first, [](std::ostream& out) { out << "new 1"; }},
                          {second, [](std::ostream& out) { out << "new 2"; }}});
    QCOMPARE(read(first), std::string("new 1"));
    QCOMPARE(read(second), std::string("new 2"));
    QVERIFY(onlyFiles({"first.csv", "second.csv"}));
    // Cancelled once written, before the renames: the files stay as they were.
    const CancelFlag cancel{true};
    QVERIFY_THROWS_EXCEPTION(Cancelled,
                             writeFilesAtomically({{first, [](std::ostream& out) { out << "3"; }},
                                                   {second, [](std::ostream& out) { out << "3"; }}},
                                                  &cancel));
    QCOMPARE(read(first), std::string("new 1"));
    QVERIFY(onlyFiles({"first.csv", "second.csv"}));

    // The last rename fails (its target became a folder once every file was written): the files
    // renamed before it are put back, and one that had no old file is removed.
    const std::string added = path("added.csv");
    QVERIFY_THROWS_EXCEPTION(InputError, writeFilesAtomically({{first, [](std::ostream& out) { out << "4"; }},
                                                               {added, [](std::ostream& out) { out << "4"; }},
                                                               {second, [&](std::ostream& out) {
                                                                    out << "4";
                                                                    fs::remove(second);
                                                                    fs::create_directory(second);
                                                                }}}));
    QCOMPARE(read(first), std::string("new 1"));
    QVERIFY(!fs::exists(added));
    QVERIFY(onlyFiles({"first.csv", "second.csv"})); // no temporary or kept file; second.csv the folder
    fs::remove(second);
    QFile::remove(QString::fromStdString(first));
}

void TestAtomicFile::writesThroughSymbolicLinks()
{
    // A link to a file in another folder, through a relative link to that link: the final file
    // is replaced, both links stay links, and the temporary file was made beside the target.
    QVERIFY(QDir(m_dir.path()).mkpath("real"));
    const std::string target = path("real/doc.txt");
    write(target, "old");
    fs::create_symlink("real/doc.txt", path("link.txt"));
    fs::create_symlink("link.txt", path("link2.txt"));
    write(path("link2.txt"), "new");
    QVERIFY(fs::is_symlink(fs::symlink_status(path("link.txt"))));
    QVERIFY(fs::is_symlink(fs::symlink_status(path("link2.txt"))));
    QCOMPARE(read(target), std::string("new"));
    QCOMPARE(read(path("link2.txt")), std::string("new"));
    QCOMPARE(QDir(m_dir.filePath("real")).entryList(QDir::Files | QDir::Hidden), QStringList{"doc.txt"});

    // A dangling link creates the file it names.
    fs::create_symlink("real/new.txt", path("dangling.txt"));
    write(path("dangling.txt"), "created");
    QVERIFY(fs::is_symlink(fs::symlink_status(path("dangling.txt"))));
    QCOMPARE(read(path("real/new.txt")), std::string("created"));

    // A loop of links is an InputError, not a hang.
    fs::create_symlink("loop-b", path("loop-a"));
    fs::create_symlink("loop-a", path("loop-b"));
    QVERIFY_THROWS_EXCEPTION(InputError, write(path("loop-a"), "x"));
    fs::remove_all(path("real"));
    for (const char* name : {"link.txt", "link2.txt", "dangling.txt", "loop-a", "loop-b"})
        fs::remove(path(name));
}

void TestAtomicFile::refusesWhatIsNotARegularFile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("folder") << "folder"
                            << "this is a folder, not a file that can be written";
    QTest::newRow("FIFO") << "fifo"
                          << "this is a FIFO (named pipe)";
    QTest::newRow("socket") << "socket"
                            << "this is a socket";
    QTest::newRow("device") << "device"
                            << "this is a device";
    QTest::newRow("link to a device") << "link to device"
                                      << "this is a device";
    QTest::newRow("link to a folder") << "link to folder"
                                      << "this is a folder";
    QTest::newRow("folder name") << "trailing slash"
                                 << "names a folder";
    QTest::newRow("missing folder") << "missing folder"
                                    << "the folder";
    QTest::newRow("file as folder") << "file as folder"
                                    << "is not a folder";
    QTest::newRow("empty name") << "empty"
                                << "no file name";
}

void TestAtomicFile::refusesWhatIsNotARegularFile()
{
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::string out = dir.filePath("out").toStdString();
    int socketFd = -1;
    if (kind == "folder") {
        fs::create_directory(out);
    } else if (kind == "fifo") {
        QCOMPARE(::mkfifo(out.c_str(), 0600), 0);
    } else if (kind == "socket") {
        socketFd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        if (out.size() >= sizeof address.sun_path)
            QSKIP("the temporary folder's path is too long for a socket");
        std::copy(out.begin(), out.end(), address.sun_path);
        QCOMPARE(::bind(socketFd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    } else if (kind == "device") {
        out = "/dev/null"; // refused before anything is made in /dev, even as root
    } else if (kind == "link to device") {
        fs::create_symlink("/dev/null", out);
    } else if (kind == "link to folder") {
        fs::create_directory(dir.filePath("sub").toStdString());
        fs::create_symlink("sub", out);
    } else if (kind == "trailing slash") {
        out += "/";
    } else if (kind == "missing folder") {
        out = dir.filePath("no/such/folder/out.csv").toStdString();
    } else if (kind == "file as folder") {
        write(out, "a file");
        out += "/inside.csv";
    } else if (kind == "empty") {
        out.clear();
    }
    const fs::file_type before = fs::symlink_status(out).type();
    bool called = false;
    try {
        writeFileAtomically(out, [&](std::ostream&) { called = true; });
        QFAIL("accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.location().file, out);
        QVERIFY2(e.reason().find(reason.toStdString()) != std::string::npos, e.what());
        QVERIFY(std::string(e.what()).find('\n') == std::string::npos);
    }
    QVERIFY(!called);
    QCOMPARE(fs::symlink_status(out).type(), before); // still what it was
    if (kind != "device") {
        const QStringList left =
            QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System);
        QVERIFY2(left.filter(".tmp-").isEmpty(), qPrintable(left.join(", ")));
    }
    if (socketFd >= 0)
        ::close(socketFd);
}

void TestAtomicFile::checkOutputPathReportsWithoutWriting()
{
    checkOutputPath(path("fine.txt"));
    QVERIFY(!QFile::exists(m_dir.filePath("fine.txt")));
    QVERIFY(onlyFiles({}));
    QVERIFY_THROWS_EXCEPTION(InputError, checkOutputPath(m_dir.path().toStdString()));
    QVERIFY_THROWS_EXCEPTION(InputError, checkOutputPath("/dev/null"));
    QVERIFY_THROWS_EXCEPTION(InputError, checkOutputPath(path("missing/fine.txt")));
    if (geteuid() != 0) {
        QVERIFY(QDir(m_dir.path()).mkpath("readonly"));
        QFile::setPermissions(m_dir.filePath("readonly"), QFile::ReadOwner | QFile::ExeOwner);
        QVERIFY_THROWS_EXCEPTION(InputError, checkOutputPath(path("readonly/fine.txt")));
        QFile::setPermissions(m_dir.filePath("readonly"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QDir(m_dir.path()).rmdir("readonly");
    }
}

void TestAtomicFile::temporaryFileAndReplaceFollowLinks()
{
    // The two pieces the project file uses agree on where the file really is.
    QVERIFY(QDir(m_dir.path()).mkpath("data"));
    write(path("data/p.db"), "old");
    fs::create_symlink("data/p.db", path("p.db"));
    const std::string temp = createTemporaryFile(path("p.db"), ".saving-");
    QVERIFY2(temp.rfind(path("data/p.db.saving-"), 0) == 0, temp.c_str());
    {
        std::ofstream out(temp);
        out << "new";
    }
    replaceFile(temp, path("p.db"));
    QVERIFY(fs::is_symlink(fs::symlink_status(path("p.db"))));
    QCOMPARE(read(path("data/p.db")), std::string("new"));
    QVERIFY(!fs::exists(temp));
    fs::remove(path("p.db"));
    fs::remove_all(path("data"));
}

QTEST_APPLESS_MAIN(TestAtomicFile)
#include "TestAtomicFile.moc"
