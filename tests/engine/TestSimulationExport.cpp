#include "core/Error.h"
#include "data/DatasetLoader.h"
#include "data/DemoCatalog.h"
#include "sim/SimulationExport.h"
#include "sim/SimulationImport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <sstream>

using namespace gdbm;
using namespace gdbm::sim;

class TestSimulationExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void headersAsSpecified();
    void sameSeedByteIdenticalExports();
    void otherSeedOtherExports();
    void readingBackGivesTheSameData();
    void readingBackRealDataset();
    void unknownTracksAreSkippedAndCounted();
    void unknownUserIsAnError();
    void namesWithSeparatorsReadBack();

private:
    static SimulationResult run(const data::Catalog& catalog, std::uint64_t seed, std::size_t users);
    static QByteArray readAll(const QString& path);

    data::Catalog m_catalog;
    QTemporaryDir m_dir;
};

void TestSimulationExport::initTestCase()
{
    m_catalog = data::generateDemoCatalog({3000, 2});
    QVERIFY(m_dir.isValid());
}

SimulationResult TestSimulationExport::run(const data::Catalog& catalog, std::uint64_t seed,
                                           std::size_t users)
{
    SimulationParams params;
    params.users = users;
    params.seed = seed;
    params.thresholds = data::GenreThresholds::scaledFor(catalog.size());
    return simulate(catalog, defaultArchetypes(), params);
}

QByteArray TestSimulationExport::readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

void TestSimulationExport::headersAsSpecified()
{
    const SimulationResult r = run(m_catalog, 1, 20);
    std::ostringstream interactions, profiles;
    writeInteractions(r, m_catalog, interactions);
    writeProfiles(r, m_catalog, profiles);
    const std::string itext = interactions.str(), ptext = profiles.str();
    const std::string ih = itext.substr(0, itext.find('\n'));
    QVERIFY2(
        ih.rfind("user_id,track_id,track_name,artist_name,timestamp,archetype,rating,source,release_date,"
                 "explicit,genres,danceability,energy,key,",
                 0) == 0,
        ih.c_str());
    QVERIFY(ih.size() > 0 && ih.substr(ih.size() - 11) == "duration_ms");
    QCOMPARE(ptext.substr(0, ptext.find('\n')), std::string("user_id,archetype,fell_back,preferences"));
    // One line per interaction and per user (no field of the demo catalog holds a line break).
    QCOMPARE(std::count(itext.begin(), itext.end(), '\n'), long(r.interactions.size() + 1));
    QCOMPARE(std::count(ptext.begin(), ptext.end(), '\n'), long(r.users.size() + 1));
    QVERIFY(ptext.find("1,Mainstream Listener,false,popularity 50..") != std::string::npos);
}

void TestSimulationExport::sameSeedByteIdenticalExports()
{
    const QString a = m_dir.filePath("a"), b = m_dir.filePath("b");
    exportSimulation(run(m_catalog, 7, 300), m_catalog, a.toStdString());
    exportSimulation(run(m_catalog, 7, 300), m_catalog, b.toStdString());
    for (const char* file : {kInteractionsFile, kProfilesFile}) {
        const QByteArray first = readAll(a + "/" + file);
        QVERIFY(first.size() > 1000);
        QCOMPARE(first, readAll(b + "/" + file));
    }
}

void TestSimulationExport::otherSeedOtherExports()
{
    const QString a = m_dir.filePath("s1"), b = m_dir.filePath("s2");
    exportSimulation(run(m_catalog, 1, 300), m_catalog, a.toStdString());
    exportSimulation(run(m_catalog, 2, 300), m_catalog, b.toStdString());
    QVERIFY(readAll(a + "/" + kInteractionsFile) != readAll(b + "/" + kInteractionsFile));
    QVERIFY(readAll(a + "/" + kProfilesFile) != readAll(b + "/" + kProfilesFile));
}

void TestSimulationExport::readingBackGivesTheSameData()
{
    const SimulationResult r = run(m_catalog, 3, 400);
    const std::string dir = m_dir.filePath("rt").toStdString();
    exportSimulation(r, m_catalog, dir);
    const ImportedSimulation back =
        importSimulation(dir + "/" + kInteractionsFile, dir + "/" + kProfilesFile, m_catalog);
    QCOMPARE(back.unknownTracks, 0u);
    QCOMPARE(back.result.archetypeNames, r.archetypeNames);
    QVERIFY(back.result.users == r.users);
    QVERIFY(back.result.interactions == r.interactions);
    QCOMPARE(back.result.summary.ratingHistogram, r.summary.ratingHistogram);
}

void TestSimulationExport::readingBackRealDataset()
{
    // Tracks without URIs (local ids), artists with commas, genres with '&'.
    const data::Catalog real =
        data::loadDataset({std::string(GDBM_TEST_DATA_DIR) + "/real/songs_normalize.csv"});
    const SimulationResult r = run(real, 4, 200);
    const std::string dir = m_dir.filePath("real").toStdString();
    exportSimulation(r, real, dir);
    const ImportedSimulation back =
        importSimulation(dir + "/" + kInteractionsFile, dir + "/" + kProfilesFile, real);
    QVERIFY(back.result.users == r.users);
    QVERIFY(back.result.interactions == r.interactions);
}

void TestSimulationExport::unknownTracksAreSkippedAndCounted()
{
    const std::string dir = m_dir.filePath("unknown").toStdString();
    const SimulationResult r = run(m_catalog, 5, 50);
    exportSimulation(r, m_catalog, dir);
    QFile f(QString::fromStdString(dir + "/" + kInteractionsFile));
    QVERIFY(f.open(QIODevice::Append));
    f.write("1,spotify:track:notInTheCatalog,X,Y,2023-05-01,Mainstream Listener,3.0,preference\n");
    f.write("2,local:0000000000000000,X,Y,2023-05-01,Mainstream Listener,3.0,preference\n");
    f.close();
    const ImportedSimulation back =
        importSimulation(dir + "/" + kInteractionsFile, dir + "/" + kProfilesFile, m_catalog);
    QCOMPARE(back.unknownTracks, 2u);
    QCOMPARE(back.result.interactions.size(), r.interactions.size());
}

void TestSimulationExport::unknownUserIsAnError()
{
    QDir().mkpath(m_dir.filePath("baduser"));
    const QString profiles = m_dir.filePath("baduser/user_profiles.csv");
    const QString interactions = m_dir.filePath("baduser/interaction_data.csv");
    QFile p(profiles);
    QVERIFY(p.open(QIODevice::WriteOnly));
    p.write("user_id,archetype,fell_back,preferences\n1,Casual Listener,false,popularity 30..70\n");
    p.close();
    QFile i(interactions);
    QVERIFY(i.open(QIODevice::WriteOnly));
    i.write(("user_id,track_id,timestamp,rating\n1," + m_catalog.identity(0) + ",2023-05-01,3.0\n2," +
             m_catalog.identity(1) + ",2023-05-01,3.0\n")
                .c_str());
    i.close();
    try {
        importSimulation(interactions.toStdString(), profiles.toStdString(), m_catalog);
        QFAIL("accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.location().line, 3u);
        QCOMPARE(e.location().column, 1u);
        QCOMPARE(e.location().field, std::string("user_id"));
    }
}

void TestSimulationExport::namesWithSeparatorsReadBack()
{
    // Genre and artist names that hold the profile's own separators, and a backslash.
    data::Catalog catalog;
    data::FeatureRow features;
    features.fill(0.5);
    data::TrackFields fields;
    fields.name = "Song";
    fields.artists = {"AC|DC; live", "back\\slash"};
    fields.genres = {"drum; bass", "r | b", "pop"};
    catalog.addTrack(fields, features);

    UserPreference genres;
    genres.kind = UserPreference::Kind::Genres;
    for (const char* name : {"drum; bass", "r | b", "pop"})
        genres.genres.push_back(*catalog.findGenre(name));
    std::sort(genres.genres.begin(), genres.genres.end());
    std::vector<UserPreference> preferences = {genres};
    for (const char* name : {"AC|DC; live", "back\\slash"}) {
        UserPreference artist;
        artist.kind = UserPreference::Kind::Artist;
        artist.artist = *catalog.findArtist(name);
        preferences.push_back(artist);
    }

    const std::string text = describePreferences(preferences, catalog);
    QVERIFY2(text.find("drum\\; bass") != std::string::npos, text.c_str());
    QVERIFY2(text.find("artist: AC\\|DC\\; live") != std::string::npos, text.c_str());
    QVERIFY2(text.find("artist: back\\\\slash") != std::string::npos, text.c_str());
    QVERIFY(parsePreferences(text, catalog) == preferences);
}

QTEST_APPLESS_MAIN(TestSimulationExport)
#include "TestSimulationExport.moc"
