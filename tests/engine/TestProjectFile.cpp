// Project files that round-trip exactly: every part of a full project, dataset-file projects,
// nothing optional, special values (NaN, -0.0, denormals), the training runs, files of format 2
// (without runs), an unusable hybrid setting named by its key, and the catalog and simulation
// fingerprints.
#include "ProjectFileFixture.h"
#include "core/Error.h"
#include "data/DemoCatalog.h"
#include "project/ProjectFile.h"
#include "project/ProjectJson.h"
#include "project/SqliteDb.h"
#include "rec/Comparison.h"

#include <QFile>
#include <QTest>
#include <cmath>
#include <limits>

using namespace gdbm;
using namespace gdbm::project;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

} // namespace

class TestProjectFile : public QObject, public testing::ProjectFileFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fullRoundTrip();
    void datasetFilesRoundTrip();
    void nothingOptionalRoundTrip();
    void specialValuesRoundTrip();
    void loneEvaluationReadsAsOneProtocol();
    void figuresAcrossSplitsAreChecked();
    void settingsBeforeTheRecipeReadAsPlainSgd();
    void hybridSettingsNameTheirKey();
    void fingerprintFollowsTrackIdentities();
    void formatTwoReadsWithoutRuns();
    void simulationFingerprintFollowsListening();
};

void TestProjectFile::initTestCase()
{
    setUpTestCase();
}

void TestProjectFile::fullRoundTrip()
{
    QVERIFY(!m_full.simulation->interactions.empty());
    QCOMPARE(m_full.evaluation->results.size(), std::size_t(2));
    QVERIFY(m_full.evaluation->find(rec::Protocol::NewTracks) != nullptr);
    QVERIFY(!m_full.evaluation->results.front().methods.empty());
    // The hybrid's paired differences and every ranked method's standard error are saved.
    const rec::MethodEvaluation& hybrid = m_full.evaluation->results.front().methods.front();
    QCOMPARE(hybrid.method, std::string("dbm-hybrid"));
    QVERIFY(!hybrid.ndcgAgainst.empty() && std::isfinite(hybrid.ndcgStandardError));
    QVERIFY(!m_full.evaluation->results.front().usersPerArchetype.empty());
    QCOMPARE(m_full.evaluation->acrossSplits.size(), std::size_t(2)); // saved and compared too
    const Project back = loadProject(m_goodPath.toStdString());
    compareProjects(m_full, back);
    if (QTest::currentTestFailed())
        return;

    // What was loaded saves and loads again to the same project.
    const QString again = m_dir.filePath("again.gdbmproj");
    saveProject(back, again.toStdString());
    compareProjects(m_full, loadProject(again.toStdString()));
    QVERIFY(!leftTemporaryFiles(m_dir.path()));
}

void TestProjectFile::datasetFilesRoundTrip()
{
    Project p = m_full;
    p.datasetFiles = {"/data/Top 10000 Songs.csv", "/data/Ünïcode genres.csv"};
    p.evaluation = nullptr;
    const QString path = m_dir.filePath("files.gdbmproj");
    saveProject(p, path.toStdString());
    compareProjects(p, loadProject(path.toStdString()));

    // Without the catalog a dataset-files project holds only paths and settings.
    p.catalog = nullptr;
    saveProject(p, path.toStdString());
    compareProjects(p, loadProject(path.toStdString()));
}

void TestProjectFile::nothingOptionalRoundTrip()
{
    const QString path = m_dir.filePath("small.gdbmproj");
    saveProject(m_small, path.toStdString());
    const Project back = loadProject(path.toStdString());
    compareProjects(m_small, back);
    QVERIFY(!back.simulation && !back.model && !back.evaluation);
}

void TestProjectFile::specialValuesRoundTrip()
{
    // A hand-made catalog: an unavailable feature (NaN), -0.0, the smallest denormal, a track
    // without URI, genres whose first appearance is not in alphabetical order.
    auto catalog = std::make_shared<data::Catalog>();
    data::FeatureRow row;
    row.fill(0.5);
    row[data::index(data::Feature::Tempo)] = kNaN;
    row[data::index(data::Feature::Loudness)] = -0.0;
    catalog->addTrack(
        {"spotify:track:1", "Zed", "B, A", {"B", "A"}, "Album", "1999-02", 1999, true, {"zouk", "ambient"}},
        row);
    row[data::index(data::Feature::Loudness)] = 5e-324;
    catalog->addTrack({"", "Local", "A", {"A"}, "", "2001", 2001, false, {"ambient", "bebop"}}, row);
    data::FeatureSet features;
    for (data::Feature f : data::kAllFeatures)
        features.insert(f);
    features.erase(data::Feature::Tempo);
    catalog->setAvailableFeatures(features);
    catalog->setLabel("hand-made, \"quoted\" label");
    data::LoadReport report;
    report.files = {"a.csv"};
    report.rowsRead = 3;
    report.rowsMerged = 3;
    report.rowsKept = 2;
    report.drop("missing genres", {"a.csv", 3});
    report.conversions = {"a.csv: 'nrgy' (Energy): values up to 97: read as 0-100, divided by 100"};
    report.notes = {"tempo: no file has it"};
    catalog->setReport(report);

    auto simulation = std::make_shared<sim::SimulationResult>();
    simulation->archetypeNames = {"A", "B"};
    simulation->seed = std::numeric_limits<std::uint64_t>::max();
    simulation->referenceDate = std::chrono::year{1969} / 12 / 31;
    sim::UserPreference range{
        sim::UserPreference::Kind::Range, sim::Attribute::ReleaseYear, -kInf, kNaN, {}, 0};
    sim::UserPreference genres{
        sim::UserPreference::Kind::Genres, sim::Attribute::ReleaseYear, 0, 0, {0, 2}, 0};
    sim::UserPreference artist{sim::UserPreference::Kind::Artist, sim::Attribute::ReleaseYear, 0, 0, {}, 1};
    simulation->users = {{1, 0, {range}, false}, {2, 1, {genres, artist}, true}, {3, 1, {}, false}};
    simulation->interactions = {
        {0, 1, std::chrono::year{2023} / 5 / 1, 4.5f, sim::InteractionSource::Preference},
        {1, 0, std::chrono::year{1900} / 1 / 1, 1.0f, sim::InteractionSource::Fallback}};
    simulation->summary = sim::summarize(*simulation, 2);

    auto evaluation = std::make_shared<rec::EvaluationSet>();
    rec::EvaluationResult& newTracks = evaluation->results.emplace_back();
    newTracks.k = 3;
    rec::MethodEvaluation& m = newTracks.methods.emplace_back();
    m.method = "m";
    m.overall = {{"a", kNaN}, {"b", -0.0}, {"c", kInf}, {"d", -kInf}};
    m.perArchetype = {{"A", {{"a", 1.5}}}};
    rec::MethodEvaluation& knn = newTracks.methods.emplace_back();
    knn.method = "item-knn";
    knn.ranked = false;
    knn.settings = {{"neighbours", "200"}};
    newTracks.protocol = rec::Protocol::NewTracks;
    newTracks.tracksRanked = 1;

    Project p;
    p.catalog = catalog;
    p.catalogFingerprint = std::numeric_limits<std::uint64_t>::max() - 5;
    p.simulation = simulation;
    p.evaluation = evaluation;
    p.trainingParams.seed = std::numeric_limits<std::uint64_t>::max();
    p.trainingParams.logVarianceMin = -0.0;
    p.simulationSettings.discoveryShare = 1e-300;
    p.simulationSettings.referenceDate = std::chrono::year{1969} / 12 / 31;
    // A set the user is still editing: no name, a share and a size out of range, min > max, and
    // members the preference's kind does not use.
    sim::Preference unfinished;
    unfinished.kind = sim::PreferenceKind::Genres;
    unfinished.genres = {"dance pop", "\"quoted\""};
    unfinished.min = 5;
    unfinished.max = -kInf;
    unfinished.among = -2;
    p.archetypes.archetypes = {{"", -0.5, -3, {unfinished}}, {"Second", 2.0, 0, {}}};
    const QString path = m_dir.filePath("special.gdbmproj");
    saveProject(p, path.toStdString());
    const Project back = loadProject(path.toStdString());
    compareProjects(p, back);
    QVERIFY(std::signbit(back.catalog->feature(0, data::Feature::Loudness)));
    QVERIFY(std::isnan(back.catalog->feature(1, data::Feature::Tempo)));
}

void TestProjectFile::loneEvaluationReadsAsOneProtocol()
{
    // Projects saved before the protocols were recorded hold one returning-listeners result.
    const project::JsonReader reader("old.gdbmproj", "evaluation");
    const rec::EvaluationSet set = project::evaluationSetFromJson(
        reader.parse(R"({"k": 10, "users_evaluated": 7, "users_skipped": 1, "methods": [
            {"method": "features", "overall": {"ndcg": 0.25}, "per_archetype": {}}]})"),
        reader);
    QCOMPARE(set.results.size(), std::size_t(1));
    QVERIFY(set.find(rec::Protocol::Warm) != nullptr);
    QVERIFY(set.find(rec::Protocol::NewTracks) == nullptr);
    QCOMPARE(set.results[0].methods.at(0).overall.at("ndcg"), 0.25);

    // The same protocol twice is damage, named.
    const std::string one = R"({"protocol": "warm", "tracks_ranked": 5, "k": 10, "users_evaluated": 7,
        "users_skipped": 1, "methods": []})";
    try {
        project::evaluationSetFromJson(reader.parse("{\"protocols\": [" + one + ", " + one + "]}"), reader);
        QFAIL("a protocol twice was accepted");
    } catch (const InputError& e) {
        QVERIFY2(std::string(e.what()).find("protocols[1]") != std::string::npos, e.what());
    }

    // The paired statistics are read when present (older projects have none), and checked.
    QVERIFY(std::isnan(set.results[0].methods[0].ndcgStandardError));
    QVERIFY(set.results[0].methods[0].ndcgAgainst.empty());
    QVERIFY(set.results[0].usersPerArchetype.empty());
    const auto withPairs = [&](const std::string& against) {
        return project::evaluationSetFromJson(
            reader.parse(R"({"k": 10, "users_evaluated": 2, "users_skipped": 0, "methods": [
                {"method": "dbm-hybrid", "overall": {"ndcg": 0.25}, "per_archetype": {},
                 "ndcg_standard_error": 0.125, "ndcg_against": )" +
                         against + "}]}"),
            reader);
    };
    const rec::MethodEvaluation read =
        withPairs(R"({"item-knn": {"mean": -0.25, "standard_error": 0.5, "users": 2}})")
            .results[0]
            .methods[0];
    QCOMPARE(read.ndcgStandardError, 0.125);
    QVERIFY((read.ndcgAgainst == std::map<std::string, rec::NdcgDifference>{{"item-knn", {-0.25, 0.5, 2}}}));
    try {
        withPairs(R"({"item-knn": {"mean": 1.5, "standard_error": 0.5, "users": 2}})");
        QFAIL("a difference of 1.5 in NDCG was accepted");
    } catch (const InputError& e) {
        QVERIFY2(e.location().field.find("methods[0].ndcg_against.item-knn") != std::string::npos, e.what());
    }
    try {
        project::evaluationSetFromJson(reader.parse(R"({"k": 10, "users_evaluated": 2, "users_skipped": 0,
            "users_per_archetype": {"Loud": 1, "Quiet": 2}, "methods": []})"),
                                       reader);
        QFAIL("three users of two evaluated were accepted");
    } catch (const InputError& e) {
        QVERIFY2(std::string(e.what()).find("add up to 3, not users_evaluated (2)") != std::string::npos,
                 e.what());
    }
}

void TestProjectFile::figuresAcrossSplitsAreChecked()
{
    const project::JsonReader reader("split.gdbmproj", "evaluation");
    const auto withSplits = [&](const std::string& acrossSplits) {
        return project::evaluationSetFromJson(
            reader.parse(R"({"protocols": [{"protocol": "warm", "tracks_ranked": 5, "k": 10,
                "users_evaluated": 2, "users_skipped": 0, "methods": []}], "across_splits": )" +
                         acrossSplits + "}"),
            reader);
    };
    const std::string statistic = R"({"mean": 0.25, "standard_error": 0.5, "splits": 2, "above": 1})";
    const auto protocol = [&](const std::string& key, const std::string& s) {
        return R"({"seeds": [3, 4], "protocols": [{"protocol": ")" + key +
               R"(", "k": 10, "methods": [{"method": "dbm-hybrid", "metrics": {"ndcg": )" + s +
               R"(}, "ndcg_against": {"features": )" + s + "}}]}]}";
    };
    const rec::EvaluationSet set = withSplits(protocol("warm", statistic));
    QCOMPARE(set.splitSeeds, (std::vector<std::uint64_t>{3, 4}));
    const rec::ProtocolAcrossSplits* warm = set.findAcrossSplits(rec::Protocol::Warm);
    QVERIFY(warm && warm->methods.size() == 1);
    QVERIFY((warm->methods[0].ndcgAgainst.at("features") == rec::SplitStatistic{0.25, 0.5, 2, 1}));
    const auto fails = [&](const std::string& json, const std::string& field) {
        try {
            withSplits(json);
            QFAIL(("accepted: " + json).c_str());
        } catch (const InputError& e) {
            QVERIFY2(e.location().field.find(field) != std::string::npos, e.what());
        }
    };
    fails(protocol("new-tracks", statistic), "across_splits.protocols[0].protocol"); // no such result
    fails(protocol("warm", R"({"mean": 0.25, "standard_error": 0.5, "splits": 3, "above": 1})"),
          "metrics.ndcg.splits");
    fails(protocol("warm", R"({"mean": 0.25, "standard_error": 0.5, "splits": 2, "above": 3})"),
          "metrics.ndcg.above");
    fails(protocol("warm", R"({"mean": 0.25, "standard_error": -1, "splits": 2, "above": 1})"),
          "metrics.ndcg.standard_error");
    fails(R"({"seeds": [3], "protocols": []})", "across_splits.seeds");
    fails(R"({"seeds": [3, 5], "protocols": []})", "across_splits.seeds[1]");  // not the next seed
    fails(R"({"seeds": [3, 4], "protocols": []})", "across_splits.protocols"); // none for the result
    std::string otherK = protocol("warm", statistic);
    otherK.replace(otherK.find("\"k\": 10"), 7, "\"k\": 5");
    fails(otherK, "across_splits.protocols[0].k");
    std::string unknown = protocol("warm", statistic);
    unknown.replace(unknown.find("dbm-hybrid"), 10, "dbm-madeup");
    fails(unknown, "across_splits.protocols[0].methods[0].method");
}

void TestProjectFile::settingsBeforeTheRecipeReadAsPlainSgd()
{
    // A project saved before the recipe's settings existed was trained with plain SGD, one
    // pretraining rate, Glorot's initial weights and no early stopping: it reads back as that.
    model::TrainingParams saved;
    saved.pretrainLearningRate = 0.007;
    json old = toJson(saved);
    for (const char* key : {"initial_weight_scale", "pretrain_hidden_learning_rate",
                            "pretrain_momentum_start", "pretrain_momentum", "pretrain_momentum_switch_epoch",
                            "log_variance_warmup_epochs", "early_stopping", "patience"})
        QCOMPARE(old.erase(key), std::size_t(1));
    const JsonReader reader("old.gdbmproj", "settings");
    const model::TrainingParams back = trainingParamsFromJson(old, reader);
    QCOMPARE(back.pretrainHiddenLearningRate, 0.007);
    QCOMPARE(back.initialWeightScale, 1.0);
    QCOMPARE(back.pretrainMomentum, 0.0);
    QVERIFY(!back.earlyStopping);
    // And today's settings round-trip.
    QVERIFY(trainingParamsFromJson(toJson(saved), reader) == saved);
}

// An older project's hybrid has no tag rate (its tag pathway learned at the others' rate), no
// update limit and no embedding iterations of its own (it embedded with the recipe's); an
// unusable one is reported under its own key.
void TestProjectFile::hybridSettingsNameTheirKey()
{
    const JsonReader reader("p.gdbmproj", "settings.hybrid");
    model::TrainingParams recipe;
    recipe.meanFieldIterations = 7;
    json old = toJson(model::HybridParams{});
    QCOMPARE(hybridParamsFromJson(old, reader, recipe).embeddingIterations, 1);
    QCOMPARE(old.erase("embedding_iterations"), std::size_t(1));
    QCOMPARE(hybridParamsFromJson(old, reader, recipe).embeddingIterations, 7);
    QCOMPARE(old.erase("tag_rate_factor"), std::size_t(1));
    QCOMPARE(hybridParamsFromJson(old, reader, recipe).tagRateFactor, 1.0);
    // Likewise the update limit: an older project's hybrid pretrained every epoch.
    QCOMPARE(old.erase("max_pretrain_updates"), std::size_t(1));
    QCOMPARE(hybridParamsFromJson(old, reader, recipe).maxPretrainUpdates, std::size_t(0));

    old["tag_rate_factor"] = 0.0;
    try {
        hybridParamsFromJson(old, reader, recipe);
        QFAIL("a tag rate factor of 0 should be refused");
    } catch (const InputError& e) {
        QCOMPARE(e.location().field, std::string("settings.hybrid.tag_rate_factor"));
        QVERIFY2(std::string(e.what()).find("tag rate factor: above 0") != std::string::npos, e.what());
    }

    old["tag_rate_factor"] = 1.5;
    old["max_pretrain_updates"] = 2'000'000'000;
    try {
        hybridParamsFromJson(old, reader, recipe);
        QFAIL("a limit of 2,000,000,000 updates should be refused");
    } catch (const InputError& e) {
        QCOMPARE(e.location().field, std::string("settings.hybrid.max_pretrain_updates"));
    }

    old["max_pretrain_updates"] = 3500;
    old["embedding_iterations"] = -1;
    try {
        hybridParamsFromJson(old, reader, recipe);
        QFAIL("-1 embedding iterations should be refused");
    } catch (const InputError& e) {
        QCOMPARE(e.location().field, std::string("settings.hybrid.embedding_iterations"));
    }
}

void TestProjectFile::fingerprintFollowsTrackIdentities()
{
    const data::Catalog a = data::generateDemoCatalog({200, 1});
    QCOMPARE(catalogFingerprint(data::generateDemoCatalog({200, 1})), catalogFingerprint(a));
    QVERIFY(catalogFingerprint(data::generateDemoCatalog({201, 1})) != catalogFingerprint(a));
    QVERIFY(catalogFingerprint(data::generateDemoCatalog({200, 2})) != catalogFingerprint(a));
    QVERIFY(catalogFingerprint(data::Catalog{}) != catalogFingerprint(a));
}

void TestProjectFile::formatTwoReadsWithoutRuns()
{
    // A project saved before runs were kept: the same file without the runs table, version 2.
    const QString path = m_dir.filePath("format2.gdbmproj");
    QFile::remove(path);
    QVERIFY(QFile::copy(m_goodPath, path));
    {
        SqliteDb db(path.toStdString(), path.toStdString(), SqliteDb::Mode::Write);
        db.exec("DROP TABLE runs; DELETE FROM checksums WHERE name = 'runs';"
                "UPDATE meta SET value = '2' WHERE key = 'version'",
                {});
        db.close();
    }
    const Project back = loadProject(path.toStdString());
    QVERIFY(back.runs.empty());
    QCOMPARE(back.currentRun, 0);
    QVERIFY(back.model && *back.model == *m_full.model);
}

void TestProjectFile::simulationFingerprintFollowsListening()
{
    const sim::SimulationResult& simulation = *m_full.simulation;
    QCOMPARE(simulationFingerprint(sim::SimulationResult(simulation)), simulationFingerprint(simulation));
    sim::SimulationResult other = simulation;
    other.interactions[5].track = (other.interactions[5].track + 1) % 1500;
    QVERIFY(simulationFingerprint(other) != simulationFingerprint(simulation));
    other = simulation;
    other.seed += 1;
    QVERIFY(simulationFingerprint(other) != simulationFingerprint(simulation));
}

QTEST_APPLESS_MAIN(TestProjectFile)
#include "TestProjectFile.moc"
