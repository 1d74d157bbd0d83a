#include "core/Error.h"
#include "data/Csv.h"
#include "data/DatasetLoader.h"
#include "data/Schema.h"

#include <QTest>
#include <cmath>

using namespace gdbm::data;
using gdbm::InputError;

class TestDatasetLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesColumnNames();
    void loadsExportifySample();
    void loadsSnakeCaseFile();
    void loadsTop10sWithRescaling();
    void mergeOfSplitColumnsGivesOriginal();
    void mergeKeepsRowsOfEitherFile();
    void identityPrefersUri();
    void dropsIncompleteRowsPerReason();
    void rejectsBadInput_data();
    void rejectsBadInput();
};

static std::string realFile(const char* name)
{
    return std::string(GDBM_TEST_DATA_DIR) + "/real/" + name;
}

static Catalog loadText(const std::string& csv, const std::string& name = "mem.csv")
{
    return loadDocuments({parseCsv(csv, name)});
}

void TestDatasetLoader::matchesColumnNames()
{
    const SchemaMatch m =
        matchSchema({"", "Track Name", "ARTIST_name", "duration_ms", "dnce", "Loudness (dB)", "dur"});
    QVERIFY(m.has(Field::Name));
    QCOMPARE(m[Field::Artists]->column, 2u);
    // duration_ms is listed before dur: the millisecond column wins.
    QCOMPARE(m[fieldOf(Feature::DurationMs)]->column, 3u);
    QCOMPARE(m[fieldOf(Feature::DurationMs)]->unit, Unit::Native);
    QCOMPARE(m[fieldOf(Feature::Danceability)]->unit, Unit::Percent);
    QCOMPARE(m[fieldOf(Feature::Loudness)]->column, 5u);
    QVERIFY(!m.has(Field::TrackUri)); // the unnamed index column is ignored
}

void TestDatasetLoader::loadsExportifySample()
{
    const Catalog c = loadDataset({realFile("top_10000_sample.csv")});
    QCOMPARE(c.report().rowsRead, 81u);
    QCOMPARE(c.size(), 78u); // three rows have no Artist Genres
    QCOMPARE(c.report().dropped.size(), 1u);
    QCOMPARE(c.report().dropped[0].reason, std::string("missing Artist Genres"));
    QCOMPARE(c.report().dropped[0].rows, 3u);
    QCOMPARE(c.availableFeatures().size(), 14u);

    const Track& first = c.track(0);
    QCOMPARE(first.name, std::string("Fader"));
    QCOMPARE(first.uri, std::string("spotify:track:0vNPJrUrBnMFdCs8b2MTNG"));
    QCOMPARE(first.year, 2009);
    QCOMPARE(c.feature(0, Feature::DurationMs), 192373.0);
    QCOMPARE(c.feature(0, Feature::Instrumentalness), 0.69);
    QCOMPARE(first.genres.size(), 3u);
    QVERIFY(c.findGenre("shimmer pop").has_value());

    // Multi-artist rows are split where the URIs confirm the count.
    bool sawPair = false;
    for (const Track& t : c.tracks()) {
        if (t.artistsText == "Mike Posner, Seeb") {
            QCOMPARE(t.artists.size(), 2u);
            QCOMPARE(c.artistName(t.artists[1]), std::string("Seeb"));
            sawPair = true;
        }
    }
    QVERIFY(sawPair);
    for (std::size_t i = 0; i < c.size(); ++i) {
        QVERIFY(c.feature(i, Feature::Danceability) >= 0 && c.feature(i, Feature::Danceability) <= 1);
        QVERIFY(c.feature(i, Feature::Popularity) >= 0 && c.feature(i, Feature::Popularity) <= 100);
        QVERIFY(c.track(i).year >= 1950 && c.track(i).year <= 2023);
    }
}

void TestDatasetLoader::loadsSnakeCaseFile()
{
    const Catalog c = loadDataset({realFile("songs_normalize.csv")});
    QCOMPARE(c.report().rowsRead, 2000u);
    QCOMPARE(c.size(), 1904u);
    QCOMPARE(c.report().droppedTotal(), 96u);
    QCOMPARE(c.availableFeatures().size(), 13u); // no time signature
    QVERIFY(!c.availableFeatures().contains(Feature::TimeSignature));
    QCOMPARE(c.track(0).name, std::string("Oops!...I Did It Again"));
    QCOMPARE(c.track(0).year, 2000);
    QVERIFY(!c.track(0).isExplicit);
    QVERIFY(c.findGenre("r&b").has_value()); // "pop, R&B" split and lower-cased
    // "Tyler, The Creator" stays one artist: this file has no Artist URI(s) column.
    QVERIFY(c.findArtist("Tyler, The Creator").has_value());
    for (std::size_t i = 0; i < c.size(); ++i) {
        QVERIFY(c.feature(i, Feature::DurationMs) >= 113000 && c.feature(i, Feature::DurationMs) <= 484146);
        QVERIFY(c.track(i).uri.empty());
    }
}

void TestDatasetLoader::loadsTop10sWithRescaling()
{
    const Catalog c = loadDataset({realFile("top10s.csv")});
    QCOMPARE(c.report().rowsRead, 603u);
    QCOMPARE(c.size(), 587u); // 16 repeated (title, artist) rows
    QCOMPARE(c.track(0).name, std::string("Hey, Soul Sister"));
    QCOMPARE(c.feature(0, Feature::Energy), 0.89);
    QCOMPARE(c.feature(0, Feature::Danceability), 0.67);
    QCOMPARE(c.feature(0, Feature::DurationMs), 217000.0);
    QCOMPARE(c.feature(0, Feature::Popularity), 83.0);
    QCOMPARE(c.feature(0, Feature::Tempo), 97.0);
    QVERIFY(!c.availableFeatures().contains(Feature::Key));
    QVERIFY(!c.availableFeatures().contains(Feature::Instrumentalness));
    bool sawAccent = false;
    for (std::size_t i = 0; i < c.size(); ++i) {
        for (Feature f : {Feature::Energy, Feature::Danceability, Feature::Valence, Feature::Acousticness,
                          Feature::Speechiness, Feature::Liveness})
            QVERIFY(c.feature(i, f) >= 0.0 && c.feature(i, f) <= 1.0);
        sawAccent = sawAccent || c.track(i).artistsText == "Beyoncé";
    }
    QVERIFY(sawAccent); // Windows-1252 decoded
}

void TestDatasetLoader::mergeOfSplitColumnsGivesOriginal()
{
    // Split the Exportify sample into two files sharing the key columns, in different row order.
    const CsvDocument full = readCsvFile(realFile("top_10000_sample.csv"));
    const std::vector<std::string> keys = {"Track Name", "Artist Name(s)", "Album Name"};
    CsvDocument left{"left.csv", "UTF-8", {}, {}}, right{"right.csv", "UTF-8", {}, {}};
    std::vector<std::size_t> leftCols, rightCols;
    for (std::size_t c = 0; c < full.header.size(); ++c) {
        const bool key = std::find(keys.begin(), keys.end(), full.header[c]) != keys.end();
        if (key || c % 2 == 0)
            leftCols.push_back(c);
        if (key || c % 2 == 1)
            rightCols.push_back(c);
    }
    for (std::size_t c : leftCols)
        left.header.push_back(full.header[c]);
    for (std::size_t c : rightCols)
        right.header.push_back(full.header[c]);
    for (std::size_t r = 0; r < full.rows.size(); ++r) {
        CsvRow l{{}, r + 2}, rr{{}, 0};
        for (std::size_t c : leftCols)
            l.fields.push_back(full.rows[r].fields[c]);
        for (std::size_t c : rightCols)
            rr.fields.push_back(full.rows[r].fields[c]);
        left.rows.push_back(l);
        right.rows.insert(right.rows.begin(), rr); // reversed order
    }

    const Catalog original = loadDocuments({full});
    const Catalog merged = loadDocuments({left, right});
    QCOMPARE(merged.size(), original.size());
    QCOMPARE(merged.report().rowsMerged, full.rows.size());
    for (std::size_t i = 0; i < original.size(); ++i) {
        QCOMPARE(merged.identity(i), original.identity(i));
        QCOMPARE(merged.track(i).name, original.track(i).name);
        QCOMPARE(merged.track(i).releaseDate, original.track(i).releaseDate);
        QCOMPARE(merged.track(i).genres.size(), original.track(i).genres.size());
        for (Feature f : kAllFeatures)
            QCOMPARE(merged.feature(i, f), original.feature(i, f));
    }
}

void TestDatasetLoader::mergeKeepsRowsOfEitherFile()
{
    const std::string first = "name,artist,genre,energy\nA,X,pop,0.1\nB,Y,,0.2\n";
    const std::string second = "name,artist,genre,energy\nB,Y,rock,0.9\nC,Z,jazz,0.3\n";
    const Catalog c = loadDocuments({parseCsv(first, "1.csv"), parseCsv(second, "2.csv")});
    QCOMPARE(c.size(), 3u);
    QCOMPARE(c.track(1).name, std::string("B"));
    QCOMPARE(c.feature(1, Feature::Energy), 0.2);                     // the first file wins ...
    QCOMPARE(c.genreName(c.track(1).genres[0]), std::string("rock")); // ... unless its value is missing
    QCOMPARE(c.track(2).name, std::string("C"));
}

void TestDatasetLoader::identityPrefersUri()
{
    // Same title, different artists: two tracks (the seed keyed by title alone).
    const Catalog c =
        loadText("name,artist,genre\nHello,Adele,pop\nHello,Lionel Richie,soul\nHello,Adele,pop\n");
    QCOMPARE(c.size(), 2u);
    QCOMPARE(c.report().dropped[0].reason, std::string("duplicate track"));
    QVERIFY(c.identity(0) != c.identity(1));
    QVERIFY(c.identity(0).rfind("local:", 0) == 0);
    QCOMPARE(c.findTrack(c.identity(1)), std::optional<std::size_t>(1));

    const Catalog u = loadText("uri,name,artist\nspotify:track:1,Hello,Adele\nspotify:track:2,Hello,Adele\n");
    QCOMPARE(u.size(), 2u); // different URIs are different tracks
    QCOMPARE(u.identity(1), std::string("spotify:track:2"));
}

void TestDatasetLoader::dropsIncompleteRowsPerReason()
{
    const Catalog c = loadText("name,artist,year,energy,genre\n"
                               "A,X,2001,0.5,pop\n"
                               ",X,2001,0.5,pop\n"
                               "C,X,,0.5,pop\n"
                               "D,X,2001,,pop\n"
                               "E,X,2001,nan,pop\n"
                               "F,X,2001,0.5,\n");
    QCOMPARE(c.size(), 1u);
    const auto& dropped = c.report().dropped;
    QCOMPARE(dropped.size(), 4u);
    QCOMPARE(dropped[0].reason, std::string("missing Track Name"));
    QCOMPARE(dropped[1].reason, std::string("missing Album Release Date"));
    QCOMPARE(dropped[2].reason, std::string("missing Energy"));
    QCOMPARE(dropped[2].rows, 2u); // "nan" counts as missing
    QCOMPARE(dropped[3].reason, std::string("missing Artist Genres"));
    QCOMPARE(c.report().droppedTotal(), 5u);
}

void TestDatasetLoader::rejectsBadInput_data()
{
    QTest::addColumn<QString>("csv");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reason");

    QTest::newRow("header only") << "name,artist\n"
                                 << 1 << 0 << ""
                                 << "no data rows";
    QTest::newRow("no name column") << "artist,energy\nX,0.1\n"
                                    << 1 << 0 << "Track Name"
                                    << "no column";
    QTest::newRow("no artist column") << "title,energy\nX,0.1\n"
                                      << 1 << 0 << "Artist Name(s)"
                                      << "no column";
    QTest::newRow("ragged row") << "name,artist,energy\nA,X,0.1\nB,Y\n"
                                << 3 << 3 << ""
                                << "2 fields";
    QTest::newRow("non-numeric feature") << "name,artist,energy\nA,X,0.1\nB,Y,loud\n"
                                         << 3 << 3 << "Energy"
                                         << "not a number";
    QTest::newRow("bad date") << "name,artist,release_date\nA,X,last year\n"
                              << 2 << 3 << "Album Release Date"
                              << "not a date";
    QTest::newRow("bad explicit") << "name,artist,explicit\nA,X,maybe\n"
                                  << 2 << 3 << "Explicit"
                                  << "true or false";
}

void TestDatasetLoader::rejectsBadInput()
{
    QFETCH(QString, csv);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, field);
    QFETCH(QString, reason);
    try {
        loadText(csv.toStdString(), "bad.csv");
        QFAIL("no error");
    } catch (const InputError& e) {
        QCOMPARE(e.location().file, std::string("bad.csv"));
        QCOMPARE(int(e.location().line), line);
        QCOMPARE(int(e.location().column), column);
        QCOMPARE(QString::fromStdString(e.location().field), field);
        QVERIFY2(QString::fromStdString(e.reason()).contains(reason), e.what());
    }
}

QTEST_APPLESS_MAIN(TestDatasetLoader)
#include "TestDatasetLoader.moc"
