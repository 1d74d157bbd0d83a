#include "core/Error.h"
#include "data/DemoCatalog.h"
#include "model/ModelFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace gdbm;
using namespace gdbm::model;

class TestModelFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTripIsExact();
    void saveIsAtomic();
    void rejectsDamagedFiles_data();
    void rejectsDamagedFiles();
    void rejectsMissingFile();
    void modelNeedsItsFeatures();

private:
    Model m_model;
    std::string m_bytes;
    QTemporaryDir m_dir;
};

void TestModelFile::initTestCase()
{
    TrainingParams p;
    p.layers = {8, 4};
    p.pretrainEpochs = 2;
    p.finetuneEpochs = 2;
    p.weightDoubling = true;
    p.chains = ChainMode::Restart;
    m_model = trainModel(data::generateDemoCatalog({400, 1}), p).model;
    m_bytes = serializeModel(m_model);
}

void TestModelFile::roundTripIsExact()
{
    const std::string path = m_dir.filePath("m.gdbm").toStdString();
    saveModel(m_model, path);
    const Model back = loadModel(path);
    QVERIFY(back == m_model);
    QVERIFY(back.dbm == m_model.dbm);
    QCOMPARE(back.features, m_model.features);
    QVERIFY(back.params == m_model.params);
    QCOMPARE(back.curves.size(), m_model.curves.size());
    QCOMPARE(back.curves.back().elapsedSeconds, m_model.curves.back().elapsedSeconds);
    QCOMPARE(back.mseValidation, m_model.mseValidation);
    QCOMPARE(modelFileVersion(path), kModelFormatVersion);
    QCOMPARE(serializeModel(back), m_bytes); // byte-identical when written again
}

void TestModelFile::saveIsAtomic()
{
    const QString path = m_dir.filePath("atomic.gdbm");
    saveModel(m_model, path.toStdString());
    // A failing save (folder does not exist) leaves nothing behind and throws a clear error.
    QVERIFY_THROWS_EXCEPTION(InputError,
                             saveModel(m_model, m_dir.filePath("no/such/dir.gdbm").toStdString()));
    QVERIFY(loadModel(path.toStdString()) == m_model);
}

void TestModelFile::rejectsDamagedFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const QByteArray good = QByteArray::fromStdString(m_bytes);

    QTest::newRow("empty") << QByteArray() << "not a GDBM Studio model file";
    QTest::newRow("foreign") << QByteArray("PK\x03\x04 this is a zip file, not a model")
                             << "not a GDBM Studio model file";
    QTest::newRow("truncated header") << good.left(10) << "truncated";
    QTest::newRow("truncated payload") << good.left(good.size() / 2) << "truncated";
    QTest::newRow("missing checksum") << good.left(good.size() - 3) << "truncated";
    QByteArray flipped = good;
    flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x10);
    QTest::newRow("flipped byte") << flipped << "checksum";
    QByteArray newer = good;
    newer[8] = char(kModelFormatVersion + 1);
    QTest::newRow("newer version") << newer << "newer version";
    QTest::newRow("trailing bytes") << good + "xyz"
                                    << "unexpected bytes";
}

void TestModelFile::rejectsDamagedFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const QString path = m_dir.filePath("bad.gdbm");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
    f.close();
    try {
        loadModel(path.toStdString());
        QFAIL("accepted");
    } catch (const InputError& e) {
        QCOMPARE(QString::fromStdString(e.location().file), path);
        QVERIFY2(QString(e.what()).contains(message), e.what());
    }
}

void TestModelFile::rejectsMissingFile()
{
    QVERIFY_THROWS_EXCEPTION(InputError, loadModel(m_dir.filePath("nothing.gdbm").toStdString()));
}

void TestModelFile::modelNeedsItsFeatures()
{
    data::Catalog fewer = data::generateDemoCatalog({50, 2});
    data::FeatureSet features = fewer.availableFeatures();
    features.erase(data::Feature::Tempo);
    fewer.setAvailableFeatures(features);
    try {
        standardizedFeatures(m_model, fewer);
        QFAIL("accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.location().field, std::string("Tempo"));
    }
}

QTEST_APPLESS_MAIN(TestModelFile)
#include "TestModelFile.moc"
