#include "core/Error.h"
#include "data/DemoCatalog.h"
#include "project/ProjectFile.h"
#include "project/SqliteDb.h"
#include "rec/Comparison.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <csignal>
#include <cstring>
#include <limits>
#include <sys/resource.h>
#include <unistd.h>

using namespace gdbm;
using namespace gdbm::project;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Equal bits, or both NaN: what "round-trips exactly" means for a double.
bool same(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

bool same(const rec::MetricValues& a, const rec::MetricValues& b)
{
    if (a.size() != b.size())
        return false;
    for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
        if (i->first != j->first || !same(i->second, j->second))
            return false;
    }
    return true;
}

void compareCatalogs(const data::Catalog& a, const data::Catalog& b)
{
    QCOMPARE(b.size(), a.size());
    QCOMPARE(b.genreNames(), a.genreNames());
    QCOMPARE(b.artistNames(), a.artistNames());
    QVERIFY(b.availableFeatures() == a.availableFeatures());
    QCOMPARE(b.label(), a.label());
    QCOMPARE(b.isSynthetic(), a.isSynthetic());
    QCOMPARE(b.report().files, a.report().files);
    QCOMPARE(b.report().rowsRead, a.report().rowsRead);
    QCOMPARE(b.report().rowsMerged, a.report().rowsMerged);
    QCOMPARE(b.report().rowsKept, a.report().rowsKept);
    QCOMPARE(b.report().dropped.size(), a.report().dropped.size());
    for (std::size_t i = 0; i < a.report().dropped.size(); ++i) {
        QCOMPARE(b.report().dropped[i].reason, a.report().dropped[i].reason);
        QCOMPARE(b.report().dropped[i].rows, a.report().dropped[i].rows);
    }
    QCOMPARE(b.report().notes, a.report().notes);
    for (std::size_t i = 0; i < a.size(); ++i) {
        const data::Track &x = a.track(i), &y = b.track(i);
        QCOMPARE(y.uri, x.uri);
        QCOMPARE(y.name, x.name);
        QCOMPARE(y.artistsText, x.artistsText);
        QCOMPARE(y.artists, x.artists);
        QCOMPARE(y.album, x.album);
        QCOMPARE(y.releaseDate, x.releaseDate);
        QCOMPARE(y.year, x.year);
        QCOMPARE(y.isExplicit, x.isExplicit);
        QCOMPARE(y.genres, x.genres);
        QCOMPARE(b.identity(i), a.identity(i));
        for (std::size_t f = 0; f < data::kFeatureCount; ++f)
            QVERIFY2(same(b.featureRow(i)[f], a.featureRow(i)[f]), qPrintable(QString("track %1").arg(i)));
    }
    QCOMPARE(catalogFingerprint(b), catalogFingerprint(a));
}

void compareSimulations(const sim::SimulationResult& a, const sim::SimulationResult& b)
{
    QCOMPARE(b.archetypeNames, a.archetypeNames);
    QCOMPARE(b.referenceDate, a.referenceDate);
    QCOMPARE(b.seed, a.seed);
    QCOMPARE(b.summary.usersPerArchetype, a.summary.usersPerArchetype);
    QCOMPARE(b.summary.fellBack, a.summary.fellBack);
    QCOMPARE(b.summary.discoverers, a.summary.discoverers);
    QCOMPARE(b.summary.interactions, a.summary.interactions);
    QVERIFY(b.summary.ratingHistogram == a.summary.ratingHistogram);
    QCOMPARE(b.users.size(), a.users.size());
    for (std::size_t u = 0; u < a.users.size(); ++u) {
        const sim::User &x = a.users[u], &y = b.users[u];
        QCOMPARE(y.id, x.id);
        QCOMPARE(y.archetype, x.archetype);
        QCOMPARE(y.fellBack, x.fellBack);
        QCOMPARE(y.preferences.size(), x.preferences.size());
        for (std::size_t p = 0; p < x.preferences.size(); ++p) {
            // Every member, not UserPreference::operator== (which ignores the unused ones).
            const sim::UserPreference &px = x.preferences[p], &py = y.preferences[p];
            QVERIFY(py.kind == px.kind);
            QVERIFY(py.attribute == px.attribute);
            QVERIFY(same(py.min, px.min));
            QVERIFY(same(py.max, px.max));
            QCOMPARE(py.genres, px.genres);
            QCOMPARE(py.artist, px.artist);
        }
    }
    QVERIFY(b.interactions == a.interactions);
}

void compareEvaluations(const rec::EvaluationResult& a, const rec::EvaluationResult& b)
{
    QCOMPARE(b.k, a.k);
    QCOMPARE(b.usersEvaluated, a.usersEvaluated);
    QCOMPARE(b.usersSkipped, a.usersSkipped);
    QCOMPARE(b.methods.size(), a.methods.size());
    for (std::size_t m = 0; m < a.methods.size(); ++m) {
        QCOMPARE(b.methods[m].method, a.methods[m].method);
        QVERIFY(same(b.methods[m].overall, a.methods[m].overall));
        QCOMPARE(b.methods[m].perArchetype.size(), a.methods[m].perArchetype.size());
        for (const auto& [name, values] : a.methods[m].perArchetype) {
            QVERIFY(b.methods[m].perArchetype.count(name) == 1);
            QVERIFY(same(b.methods[m].perArchetype.at(name), values));
        }
    }
}

// Every field of two projects, the catalog only when the project holds it.
void compareProjects(const Project& a, const Project& b)
{
    QCOMPARE(b.datasetFiles, a.datasetFiles);
    QCOMPARE(b.catalogFingerprint, a.catalogFingerprint);
    QVERIFY(b.thresholds == a.thresholds);
    QVERIFY(b.archetypes == a.archetypes);
    const sim::SimulationParams &s = a.simulationSettings, &t = b.simulationSettings;
    QCOMPARE(t.users, s.users);
    QCOMPARE(t.seed, s.seed);
    QCOMPARE(t.referenceDate, s.referenceDate);
    QVERIFY(t.thresholds == s.thresholds);
    QVERIFY(same(t.discoveryShare, s.discoveryShare));
    QCOMPARE(t.discoveryTracks, s.discoveryTracks);
    QCOMPARE(t.fallbackTracks, s.fallbackTracks);
    QCOMPARE(b.simulationOutOfDate, a.simulationOutOfDate);
    QVERIFY(b.trainingParams == a.trainingParams);
    QVERIFY(same(b.trainingParams.logVarianceMin, a.trainingParams.logVarianceMin)); // -0.0 stays -0.0

    if (a.datasetFiles.empty()) {
        QVERIFY(b.catalog);
        compareCatalogs(*a.catalog, *b.catalog);
        if (QTest::currentTestFailed())
            return;
    } else {
        QVERIFY(!b.catalog); // the caller reads the dataset files again
    }
    QCOMPARE(bool(b.simulation), bool(a.simulation));
    if (a.simulation) {
        compareSimulations(*a.simulation, *b.simulation);
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(bool(b.model), bool(a.model));
    if (a.model)
        QVERIFY(*b.model == *a.model);
    QCOMPARE(bool(b.evaluation), bool(a.evaluation));
    if (a.evaluation)
        compareEvaluations(*a.evaluation, *b.evaluation);
}

// Runs SQL on a copy of a project file, as a damaged or hand-edited file would be.
void execSql(const QString& path, const std::string& sql)
{
    SqliteDb db(path.toStdString(), path.toStdString(), SqliteDb::Mode::Write);
    db.exec(sql, {});
    db.close();
}

bool leftTemporaryFiles(const QString& folder)
{
    return !QDir(folder).entryList({"*.saving-*"}, QDir::Files | QDir::Hidden).isEmpty();
}

} // namespace

class TestProjectFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fullRoundTrip();
    void datasetFilesRoundTrip();
    void nothingOptionalRoundTrip();
    void specialValuesRoundTrip();
    void fingerprintFollowsTrackIdentities();
    void failedSaveKeepsPreviousFile();
    void failedWriteKeepsPreviousFile();
    void readOnlyFolderKeepsPreviousFile();
    void rejectsBadFiles_data();
    void rejectsBadFiles();
    void flippedBytesNeverCrash();

private:
    QString copyOfGood(const QString& name) const;

    QTemporaryDir m_dir;
    Project m_full;
    Project m_small; // nothing optional
    QString m_goodPath;
};

void TestProjectFile::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto catalog = std::make_shared<const data::Catalog>(data::generateDemoCatalog({1500, 4}));
    m_full.catalog = catalog;
    m_full.catalogFingerprint = catalogFingerprint(*catalog);
    m_full.thresholds = {17, 3};
    m_full.archetypes = sim::defaultArchetypes();
    sim::Archetype& edited = m_full.archetypes.archetypes[1];
    edited.name = "Edited Listener";
    edited.tracksPerUser = 33;
    sim::Preference energy;
    energy.attribute = sim::attributeOf(data::Feature::Energy);
    energy.min = 0.25;
    edited.preferences.push_back(energy);
    m_full.simulationSettings.users = 100;
    m_full.simulationSettings.seed = 7;
    m_full.simulationSettings.thresholds = m_full.thresholds;
    m_full.simulationSettings.referenceDate = std::chrono::year{2023} / 6 / 15;
    m_full.simulation = std::make_shared<const sim::SimulationResult>(
        sim::simulate(*catalog, m_full.archetypes, m_full.simulationSettings));
    m_full.simulationOutOfDate = true;

    m_full.trainingParams.layers = {8, 4};
    m_full.trainingParams.pretrainEpochs = 2;
    m_full.trainingParams.finetuneEpochs = 2;
    m_full.trainingParams.batchSize = 64;
    m_full.trainingParams.seed = 11;
    m_full.trainingParams.chains = model::ChainMode::Restart;
    m_full.trainingParams.weightDoubling = true;
    m_full.trainingParams.finetuneLearningRate = 0.00025;
    m_full.trainingParams.logVarianceMin = -0.0;
    m_full.model =
        std::make_shared<const model::Model>(model::trainModel(*catalog, m_full.trainingParams).model);
    m_full.evaluation = std::make_shared<const rec::EvaluationResult>(
        rec::compareMethods(*catalog, *m_full.simulation, *m_full.model, 5, 3));

    m_small.catalog = std::make_shared<const data::Catalog>(data::generateDemoCatalog({60, 1}));

    m_goodPath = m_dir.filePath("good.gdbmproj");
    saveProject(m_full, m_goodPath.toStdString());
}

QString TestProjectFile::copyOfGood(const QString& name) const
{
    const QString path = m_dir.filePath(name);
    QFile::remove(path);
    if (!QFile::copy(m_goodPath, path))
        qFatal("cannot copy the project file");
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

void TestProjectFile::fullRoundTrip()
{
    QVERIFY(!m_full.simulation->interactions.empty());
    QVERIFY(!m_full.evaluation->methods.empty());
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
    report.drop("missing genres", 1);
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

    auto evaluation = std::make_shared<rec::EvaluationResult>();
    evaluation->k = 3;
    evaluation->methods.push_back(
        {"m", {{"a", kNaN}, {"b", -0.0}, {"c", kInf}, {"d", -kInf}}, {{"A", {{"a", 1.5}}}}});

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

void TestProjectFile::fingerprintFollowsTrackIdentities()
{
    const data::Catalog a = data::generateDemoCatalog({200, 1});
    QCOMPARE(catalogFingerprint(data::generateDemoCatalog({200, 1})), catalogFingerprint(a));
    QVERIFY(catalogFingerprint(data::generateDemoCatalog({201, 1})) != catalogFingerprint(a));
    QVERIFY(catalogFingerprint(data::generateDemoCatalog({200, 2})) != catalogFingerprint(a));
    QVERIFY(catalogFingerprint(data::Catalog{}) != catalogFingerprint(a));
}

void TestProjectFile::failedSaveKeepsPreviousFile()
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

void TestProjectFile::failedWriteKeepsPreviousFile()
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

void TestProjectFile::readOnlyFolderKeepsPreviousFile()
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

void TestProjectFile::rejectsBadFiles_data()
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
    QTest::newRow("bad archetype") << "UPDATE archetype_preferences SET kind = 'often' WHERE rowid = 2"
                                   << "archetype_preferences.kind"
                                   << "row 2: unknown preference type 'often'";
    QTest::newRow("bad archetype genres") << "UPDATE archetype_preferences SET genres = '[1]' WHERE rowid = 1"
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
    QTest::newRow("no catalog") << "DELETE FROM catalog"
                                << "catalog"
                                << "damaged";
}

void TestProjectFile::rejectsBadFiles()
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

void TestProjectFile::flippedBytesNeverCrash()
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

QTEST_APPLESS_MAIN(TestProjectFile)
#include "TestProjectFile.moc"
