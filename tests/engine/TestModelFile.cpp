#include "core/Error.h"
#include "data/DemoCatalog.h"
#include "model/ModelFile.h"
#include "rec/HybridModel.h"

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
    void secondFormatStillLoads();
    void hybridRoundTripIsExact();
    void hybridEmbedsAlikeAfterLoading();
    void lowRankHybridRoundTripIsExact();
    void olderFormatHybridsStillLoad();
    void rejectsDamagedHybrids_data();
    void rejectsDamagedHybrids();
    void modelNeedsItsFeatures();

private:
    // The payload an older writer would have written for m_model: without version 3's visible
    // layout (an audio-only model's empty modality list) and, for version 1, without the recipe.
    std::string olderPayload(std::uint32_t version) const;
    static std::string fileOf(std::uint32_t version, const std::string& payload);

    Model m_model;
    std::string m_bytes;
    data::Catalog m_catalog;
    Model m_hybrid;
    Model m_lowRank; // m_hybrid's listening in its low-rank coding
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
    m_catalog = data::generateDemoCatalog({400, 1});
    m_model = trainModel(m_catalog, p).model;
    m_bytes = serializeModel(m_model);

    // A small hybrid: 20 listeners of a few tracks each; tracks from 300 on nobody heard.
    rec::TrainingInteractions listening{m_catalog.size(), {}};
    for (std::uint32_t u = 0; u < 20; ++u)
        listening.tracksOfUser.push_back({u, u + 7, (u * 13) % 300, 299});
    for (auto& tracks : listening.tracksOfUser) {
        std::sort(tracks.begin(), tracks.end());
        tracks.erase(std::unique(tracks.begin(), tracks.end()), tracks.end());
    }
    HybridParams shape;
    shape.audioLayers = {4};
    shape.tagLayers = {3};
    shape.tagUnitsFollowVocabulary = false;
    shape.listeningLayers = {5};
    shape.jointUnits = 6;
    shape.learnVariances = true; // off its default: the file must keep it
    TrainingParams quick;
    quick.pretrainEpochs = 2;
    m_hybrid = rec::trainHybrid(m_catalog, listening, quick, shape).model;
    shape.listeningRank = 3;
    m_lowRank = rec::trainHybrid(m_catalog, listening, quick, shape).model;
}

std::string TestModelFile::olderPayload(std::uint32_t version) const
{
    const std::size_t header = 8 + 4 + 8;
    std::string payload = m_bytes.substr(header, m_bytes.size() - header - 8);
    // The modality count follows the features (count, then length-prefixed keys) and the
    // standardizer (two length-prefixed lists of doubles).
    std::size_t at = 4;
    for (data::Feature f : m_model.features)
        at += 4 + data::featureKey(f).size();
    at += 2 * (4 + 8 * m_model.features.size());
    payload.erase(at, 4);
    if (version == 1) {
        // 4 doubles (init scale, hidden rate, momentum start and end), 3 int32 (switch, warm-up,
        // patience) and a flag; then int32 kept epoch, flag stopped early, int32 per curve point.
        const std::size_t recipe = 4 * 8 + 3 * 4 + 1 + 4 + 1 + 4 * m_model.curves.size();
        payload.resize(payload.size() - recipe);
    }
    return payload;
}

std::string TestModelFile::fileOf(std::uint32_t version, const std::string& payload)
{
    std::string bytes = "GDBMMODL";
    const std::uint64_t size = payload.size();
    bytes.append(reinterpret_cast<const char*>(&version), 4);
    bytes.append(reinterpret_cast<const char*>(&size), 8);
    bytes += payload;
    std::uint64_t hash = 0xcbf29ce484222325ull; // FNV-1a, as the file format
    for (char c : payload) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull;
    }
    bytes.append(reinterpret_cast<const char*>(&hash), 8);
    return bytes;
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
    const std::string bytes = fileOf(1, olderPayload(1));
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

void TestModelFile::secondFormatStillLoads()
{
    const Model back = deserializeModel(fileOf(2, olderPayload(2)), "v2.gdbm");
    QVERIFY(back == m_model);
    QVERIFY(!back.isHybrid());
    QCOMPARE(serializeModel(back), m_bytes); // and is written in today's format
}

void TestModelFile::hybridRoundTripIsExact()
{
    QVERIFY(m_hybrid.isHybrid());
    QCOMPARE(m_hybrid.modalities.size(), std::size_t(3));
    const std::string path = m_dir.filePath("h.gdbm").toStdString();
    saveModel(m_hybrid, path);
    const Model back = loadModel(path);
    QVERIFY(back == m_hybrid);
    QCOMPARE(back.modalities, m_hybrid.modalities);
    QVERIFY(back.hybrid == m_hybrid.hybrid);
    QCOMPARE(back.heard, m_hybrid.heard);
    QCOMPARE(back.dbm.gaussianCount, m_catalog.featureList().size());
    QCOMPARE(back.dbm.blocksOf(0).size(), std::size_t(3));
    QVERIFY(back.params == m_hybrid.params); // the recipe asked for, not the hybrid's overrides
    QCOMPARE(serializeModel(back), serializeModel(m_hybrid));
}

void TestModelFile::hybridEmbedsAlikeAfterLoading()
{
    const Model back = deserializeModel(serializeModel(m_hybrid), "h.gdbm");
    const Matrix before = rec::embedHybrid(m_hybrid, m_catalog, rec::EmbeddingKind::AllLayers);
    QVERIFY(rec::embedHybrid(back, m_catalog, rec::EmbeddingKind::AllLayers) == before);
    // The listening is kept by track identity, and read back onto the catalog's tracks.
    const std::vector<bool> unheard = rec::unheardTracks(back, m_catalog);
    QVERIFY(!unheard[0] && unheard[350]);
}

void TestModelFile::lowRankHybridRoundTripIsExact()
{
    QCOMPARE(m_lowRank.listeningFactors.rank(), std::size_t(3));
    const Model back = deserializeModel(serializeModel(m_lowRank), "lr.gdbm");
    QVERIFY(back == m_lowRank);
    QVERIFY(back.listeningFactors == m_lowRank.listeningFactors);
    QCOMPARE(back.hybrid.listeningRank, std::size_t(3));
    QCOMPARE(back.dbm.gaussianCount, m_catalog.featureList().size() + 3);
    const auto kind = rec::EmbeddingKind::AllLayers;
    QVERIFY(rec::embedHybrid(back, m_catalog, kind) == rec::embedHybrid(m_lowRank, m_catalog, kind));
}

// A version 8 hybrid is version 9's bytes without the mean-field iterations for embedding, and
// reads as embedding with the recipe's. A version 7 hybrid also lacks the limit on pretraining
// updates, and reads as pretrained for every epoch; a version 6 one also lacks the tag pathway's rate factor,
// and reads it as 1. A version 5 hybrid is version 6's bytes without the mean-reconstructions flag, and reads
// as pretrained with sampled reconstructions (as every hybrid before version 6 was). A version 4 hybrid also
// lacks the conditional-joint flag, and reads as pretrained with the joint distribution. A version 3 hybrid
// (per-listener coding) also lacks the listening rank and the empty factor list.
void TestModelFile::olderFormatHybridsStillLoad()
{
    // The defaults, so that dropping them shows.
    QVERIFY(m_hybrid.hybrid.conditionalJoint && m_hybrid.hybrid.meanReconstructions);
    QVERIFY(m_hybrid.hybrid.tagRateFactor != 1.0);
    QVERIFY(m_hybrid.hybrid.maxPretrainUpdates != 0);
    QVERIFY(m_hybrid.hybrid.embeddingIterations != m_hybrid.params.meanFieldIterations);
    const std::size_t header = 8 + 4 + 8;
    const std::string bytes = serializeModel(m_hybrid);
    std::string payload = bytes.substr(header, bytes.size() - header - 8);
    std::size_t heard = 4;
    for (const HeardTrack& t : m_hybrid.heard)
        heard += 4 + t.track.size() + 4 + 4 * t.listeners.size();
    std::size_t groups = 0;
    for (const EpochStats& point : m_hybrid.curves)
        groups += 1 + 16 * point.groups.size();
    const std::size_t factors = payload.size() - heard - 4;
    const std::size_t embedding = factors - groups - (4 + 4 * m_hybrid.params.layers.size()) - 4;
    const std::size_t maxUpdates = embedding - 8;
    const std::size_t tagRate = maxUpdates - 8;
    const std::size_t meanFlag = tagRate - 1;
    const std::size_t conditionalFlag = meanFlag - 1;
    QCOMPARE(payload[meanFlag], char(1));
    QCOMPARE(payload[conditionalFlag], char(1));
    payload.erase(embedding, 4);
    Model expected = m_hybrid;
    expected.hybrid.embeddingIterations = m_hybrid.params.meanFieldIterations;
    const Model eighth = deserializeModel(fileOf(8, payload), "v8.gdbm");
    QVERIFY(eighth == expected);

    payload.erase(maxUpdates, 8);
    expected.hybrid.maxPretrainUpdates = 0;
    const Model seventh = deserializeModel(fileOf(7, payload), "v7.gdbm");
    QVERIFY(seventh == expected);

    payload.erase(tagRate, 8);
    expected.hybrid.tagRateFactor = 1.0;
    const Model sixth = deserializeModel(fileOf(6, payload), "v6.gdbm");
    QVERIFY(sixth == expected);

    payload.erase(meanFlag, 1);
    expected.hybrid.meanReconstructions = false;
    const Model fifth = deserializeModel(fileOf(5, payload), "v5.gdbm");
    QVERIFY(fifth == expected);

    payload.erase(conditionalFlag, 1);
    expected.hybrid.conditionalJoint = false;
    const Model fourth = deserializeModel(fileOf(4, payload), "v4.gdbm");
    QVERIFY(fourth == expected);

    // The iterations, the limit, the rate and the two flags are gone before it.
    payload.erase(factors - 4 - 16 - 2, 4);
    payload.erase(conditionalFlag - 4, 4);
    const Model third = deserializeModel(fileOf(3, payload), "v3.gdbm");
    QVERIFY(third == expected);
    QCOMPARE(third.hybrid.listeningRank, std::size_t(0));
}

void TestModelFile::rejectsDamagedHybrids_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const auto bytesOf = [](const Model& m) { return QByteArray::fromStdString(serializeModel(m)); };
    Model listener = m_hybrid;
    listener.heard.front().listeners.back() = std::uint32_t(m_hybrid.find(Modality::Listening)->count);
    QTest::newRow("listener out of range") << bytesOf(listener) << "listener out of range";
    Model order = m_hybrid;
    order.heard.front().listeners = {3, 1};
    QTest::newRow("listeners out of order") << bytesOf(order) << "out of order";
    Model block = m_hybrid;
    block.dbm.blocks[0][2].cols += 100;
    QTest::newRow("block outside its matrix") << bytesOf(block) << "weight block outside its matrix";
    Model gap = m_hybrid;
    gap.dbm.blocks[0][1].cols -= 1;
    QTest::newRow("blocks that leave a gap") << bytesOf(gap) << "do not tile their matrix";
    Model outside = m_hybrid;
    outside.dbm.weights[0](0, Eigen::Index(outside.dbm.blocks[0][1].col)) = 0.5f;
    QTest::newRow("weight outside the blocks") << bytesOf(outside) << "weights outside the pathway blocks";
    Model silent = m_hybrid;
    silent.heard.front().listeners.clear();
    QTest::newRow("heard track without a listener") << bytesOf(silent) << "without a listener";
    Model shape = m_hybrid;
    shape.hybrid.jointUnits = 0;
    QTest::newRow("unusable shape") << bytesOf(shape) << "unusable hybrid settings";
    Model audio = m_hybrid;
    audio.modalities.front().names.pop_back();
    audio.modalities.front().count -= 1;
    QTest::newRow("audio units unlike the features") << bytesOf(audio) << "audio units do not match";
    Model factors = m_lowRank;
    factors.listeningFactors.factors(1, 1) = std::numeric_limits<float>::quiet_NaN();
    QTest::newRow("listening factors not finite")
        << bytesOf(factors) << "listening factors that are not finite";
    Model rows = m_lowRank;
    rows.heard.front().listeners.back() = std::uint32_t(m_lowRank.listeningFactors.listeners.size());
    QTest::newRow("listener beyond the factors") << bytesOf(rows) << "listener out of range";
    Model swapped = m_lowRank;
    std::swap(swapped.modalities[1], swapped.modalities[2]);
    swapped.modalities[1].first = swapped.modalities[0].count;
    swapped.modalities[2].first = swapped.modalities[1].first + swapped.modalities[1].count;
    QTest::newRow("low-rank listening after the tags")
        << bytesOf(swapped) << "listening units after the audio ones";
}

void TestModelFile::rejectsDamagedHybrids()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    try {
        deserializeModel(bytes.toStdString(), "h.gdbm");
        QFAIL("accepted");
    } catch (const InputError& e) {
        QCOMPARE(QString::fromStdString(e.location().file), QString("h.gdbm"));
        QVERIFY2(QString(e.what()).contains(message), e.what());
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
    // A damaged header's version is not a file from the future.
    QByteArray damaged = good;
    damaged[11] = char(0xff);
    QTest::newRow("damaged version") << damaged << "corrupted (format version";
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
