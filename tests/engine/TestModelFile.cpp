#include "core/Error.h"
#include "data/DemoCatalog.h"
#include "model/ModelFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <limits>

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
    void firstFormatReadsWithItsRecipe();
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
    // Every recipe setting off its default, each different: a swapped field shows.
    p.initialWeightScale = 0.7;
    p.pretrainHiddenLearningRate = 0.03;
    p.pretrainMomentumStart = 0.4;
    p.pretrainMomentum = 0.8;
    p.pretrainMomentumSwitchEpoch = 1;
    p.logVarianceWarmupEpochs = 1;
    p.patience = 3;
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

void TestModelFile::firstFormatReadsWithItsRecipe()
{
    // A version 1 file is a version 2 payload without its tail.
    const std::size_t header = 8 + 4 + 8;
    const std::string payload = m_bytes.substr(header, m_bytes.size() - header - 8);
    // 4 doubles (init scale, hidden rate, momentum start and end), 3 int32 (switch, warm-up,
    // patience) and a flag; then int32 kept epoch, flag stopped early, int32 per curve point.
    const std::size_t recipe = 4 * 8 + 3 * 4 + 1 + 4 + 1 + 4 * m_model.curves.size();
    const std::string old = payload.substr(0, payload.size() - recipe);
    std::string bytes = m_bytes.substr(0, 8);
    const std::uint32_t version = 1;
    const std::uint64_t size = old.size();
    bytes.append(reinterpret_cast<const char*>(&version), 4);
    bytes.append(reinterpret_cast<const char*>(&size), 8);
    bytes += old;
    std::uint64_t hash = 0xcbf29ce484222325ull; // FNV-1a, as the file format
    for (char c : old) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull;
    }
    bytes.append(reinterpret_cast<const char*>(&hash), 8);

    const Model back = deserializeModel(bytes, "old.gdbm");
    QVERIFY(back.dbm == m_model.dbm);
    QCOMPARE(back.params.pretrainHiddenLearningRate, m_model.params.pretrainLearningRate);
    QCOMPARE(back.params.pretrainMomentum, 0.0);
    QCOMPARE(back.params.logVarianceWarmupEpochs, 0);
    QVERIFY(!back.params.earlyStopping);
    QCOMPARE(back.keptEpoch, m_model.params.finetuneEpochs); // the last epoch
    // Each point's best epoch is the validation curve's running best (from its first epoch: a
    // version 1 file does not know the pretrained model's).
    double best = std::numeric_limits<double>::infinity();
    int bestEpoch = 0;
    for (const EpochStats& s : back.curves) {
        if (s.phase != Phase::FineTuning)
            continue;
        if (s.mseValidation < best) {
            best = s.mseValidation;
            bestEpoch = s.epoch;
        }
        QCOMPARE(s.bestEpoch, bestEpoch);
    }
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

    // Valid checksums over values no trained model has: they would embed every song as NaN.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const auto withStandardizer = [&](std::size_t column, double mean, double stddev) {
        Model m = m_model;
        std::vector<double> means = m.standardizer.mean(), stddevs = m.standardizer.stddev();
        means[column] = mean;
        stddevs[column] = stddev;
        m.standardizer = Standardizer(means, stddevs);
        return QByteArray::fromStdString(serializeModel(m));
    };
    QTest::newRow("NaN mean") << withStandardizer(0, nan, 1.0) << "unusable standardizer for Danceability";
    QTest::newRow("infinite mean") << withStandardizer(1, -inf, 1.0) << "(mean -inf";
    QTest::newRow("NaN standard deviation") << withStandardizer(2, 0.5, nan) << "unusable standardizer";
    QTest::newRow("zero standard deviation") << withStandardizer(2, 0.5, 0.0) << "standard deviation 0)";
    QTest::newRow("negative standard deviation")
        << withStandardizer(2, 0.5, -1.0) << "standard deviation -1)";
    Model nanWeight = m_model;
    nanWeight.dbm.weights[1](0, 0) = std::numeric_limits<float>::quiet_NaN();
    QTest::newRow("NaN weight") << QByteArray::fromStdString(serializeModel(nanWeight))
                                << "non-finite parameters";
    Model nanRate = m_model;
    nanRate.params.pretrainLearningRate = nan;
    QTest::newRow("NaN learning rate")
        << QByteArray::fromStdString(serializeModel(nanRate)) << "unusable settings";
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
    // A folder, or a device that never ends, is refused before anything is read.
    for (const std::string& path : {m_dir.path().toStdString(), std::string("/dev/zero")}) {
        try {
            loadModel(path);
            QFAIL("accepted");
        } catch (const InputError& e) {
            QCOMPARE(e.location().file, path);
            QVERIFY2(e.reason().find("not a model file") != std::string::npos, e.what());
        }
    }
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
