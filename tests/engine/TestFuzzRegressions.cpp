// Replays every input the fuzzers found a crash with (tests/data/fuzz-regressions/<harness>/),
// and every seed of their corpora (fuzz/corpus/<harness>/), through the same entry points the
// harnesses call (fuzz/FuzzTargets.h): each must be read, or rejected with gdbm::InputError;
// anything else is a failure here (and a report under the sanitizers).
#include "FuzzTargets.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>
#include <exception>

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void inputIsReadOrRejected_data();
    void inputIsReadOrRejected();
};

void TestFuzzRegressions::inputIsReadOrRejected_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<QString>("path");
    const QString roots[] = {QStringLiteral(GDBM_TEST_DATA_DIR "/fuzz-regressions"),
                             QStringLiteral(GDBM_FUZZ_CORPUS_DIR)};
    int rows = 0;
    for (int t = 0; t < int(gdbm::fuzz::kTargets.size()); ++t) {
        const QString key = QString::fromUtf8(gdbm::fuzz::kTargets[t].key.data(),
                                              qsizetype(gdbm::fuzz::kTargets[t].key.size()));
        for (const QString& root : roots) {
            QDirIterator files(root + "/" + key, QDir::Files, QDirIterator::Subdirectories);
            while (files.hasNext()) {
                const QString path = files.next();
                QTest::addRow("%s", qPrintable(QDir(root).relativeFilePath(path))) << t << path;
                ++rows;
            }
        }
    }
    QVERIFY2(rows > 0, "no seed corpus found");
}

void TestFuzzRegressions::inputIsReadOrRejected()
{
    QFETCH(int, target);
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray bytes = file.readAll();
    try {
        gdbm::fuzz::kTargets[std::size_t(target)].run(std::string_view(bytes.constData(), bytes.size()));
    } catch (const std::exception& e) {
        QFAIL(qPrintable(QStringLiteral("escaped: ") + QString::fromUtf8(e.what())));
    } catch (...) {
        QFAIL("escaped: an exception that is not a std::exception");
    }
}

QTEST_APPLESS_MAIN(TestFuzzRegressions)
#include "TestFuzzRegressions.moc"
