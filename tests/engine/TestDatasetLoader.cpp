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
    void dropsDefectiveRows_data();
    void dropsDefectiveRows();
    void oneCorruptRowInAThousand();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void loadsPublicSchemas_data();
    void loadsPublicSchemas();
    void readsFormattedValues();
    void readsPythonLists();
};

static std::string realFile(const char* name)
{
    return std::string(GDBM_TEST_DATA_DIR) + "/real/" + name;
}

static std::string schemaFile(const char* name)
{
    return std::string(GDBM_TEST_DATA_DIR) + "/schemas/" + name;
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
    QCOMPARE(m[fieldOf(Feature::Loudness)]->column, 5u);
    QVERIFY(!m.has(Field::TrackUri)); // the unnamed index column is ignored
    // The column not read for a field named by two is said, with the field.
    QCOMPARE(m.ignored.size(), std::size_t(1));
    QCOMPARE(m.ignored[0].header, std::string("dur"));
    QVERIFY(m.ignored[0].field == fieldOf(Feature::DurationMs));
    const Catalog twice = loadText("name,artist,danceability,Danceability\nA,X,0.5,0.9\n", "twice.csv");
    QCOMPARE(twice.feature(0, Feature::Danceability), 0.5);
    QVERIFY(std::find(twice.report().notes.begin(), twice.report().notes.end(),
                      "twice.csv: column 'Danceability' is another column for Danceability: 'danceability' "
                      "is read, 'Danceability' ignored") != twice.report().notes.end());

    // Kaggle's other schemas: "Most Streamed 2023", R's dotted names, tidytuesday, data.csv.
    const SchemaMatch k = matchSchema({"track_name", "artist(s)_name", "released_year", "released_month",
                                       "released_day", "bpm", "danceability_%", "Beats.Per.Minute",
                                       "track_popularity", "id_artists", "is_explicit", "playlist_genre"});
    QCOMPARE(k[Field::Name]->column, 0u);
    QCOMPARE(k[Field::Artists]->column, 1u);
    QCOMPARE(k[Field::Year]->column, 2u);
    QCOMPARE(k[Field::ReleaseMonth]->column, 3u);
    QCOMPARE(k[Field::ReleaseDay]->column, 4u);
    QCOMPARE(k[fieldOf(Feature::Tempo)]->column, 7u); // the longer name is listed first
    QCOMPARE(k[fieldOf(Feature::Danceability)]->column, 6u);
    QCOMPARE(k[fieldOf(Feature::Popularity)]->column, 8u);
    QCOMPARE(k[Field::ArtistUris]->column, 9u);
    QCOMPARE(k[Field::Explicit]->column, 10u);
    QCOMPARE(k[Field::Genres]->column, 11u);
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
    // Their fields view `full`'s text, which outlives them.
    CsvDocument left, right;
    left.fileName = "left.csv";
    right.fileName = "right.csv";
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
    // Each file lacks half the columns, but every row is joined: nothing to say about them.
    for (const std::string& note : merged.report().notes)
        QVERIFY2(note.find("has no column for") == std::string::npos, note.c_str());
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

    // A file without a column the other has keeps only its rows joined with that file's, and
    // the load says so once for the file.
    const std::string withExplicit = "name,artist,explicit,energy\nA,X,false,0.1\nB,Y,true,0.2\n";
    const std::string without = "name,artist,energy\nB,Y,0.9\nC,Z,0.3\nD,W,0.4\n";
    const Catalog m = loadDocuments({parseCsv(withExplicit, "1.csv"), parseCsv(without, "2.csv")});
    QCOMPARE(m.size(), 2u);
    const std::vector<std::string>& notes = m.report().notes;
    QVERIFY(std::find(notes.begin(), notes.end(),
                      "2.csv has no column for Explicit, which another file has: 2 of its rows, joined with "
                      "no row of that file, were dropped") != notes.end());
    QCOMPARE(m.report().droppedTotal(), std::size_t(2));

    // A year is the date a file lacks.
    const Catalog dated = loadDocuments(
        {parseCsv("name,artist,year\nA,X,2001\n", "1.csv"), parseCsv("name,artist\nA,X\nB,Y\n", "2.csv")});
    QCOMPARE(dated.size(), 1u);
    const std::vector<std::string>& datedNotes = dated.report().notes;
    QVERIFY(
        std::find(datedNotes.begin(), datedNotes.end(),
                  "2.csv has no column for Album Release Date, which another file has: 1 of its rows, joined "
                  "with no row of that file, were dropped") != datedNotes.end());
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
    // Named as the file names them when its column has another name.
    QCOMPARE(dropped[0].reason, std::string("missing Track Name (column 'name')"));
    QCOMPARE(dropped[1].reason, std::string("missing Album Release Date (column 'year')"));
    QCOMPARE(dropped[2].reason, std::string("missing Energy"));
    QCOMPARE(dropped[2].rows, 2u); // "nan" counts as missing
    QCOMPARE(dropped[3].reason, std::string("missing Artist Genres (column 'genre')"));
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
    QTest::newRow("no usable row")
        << "name,artist,energy\nA,X,loud\nB,Y,-0.5\n"
        << 0 << 0 << ""
        << "no usable row: 1 row: 'Energy' is not a number (bad.csv line 2); 1 row: "
           "'Energy' outside its plausible range 0..1 (bad.csv line 3)";
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

void TestDatasetLoader::dropsDefectiveRows_data()
{
    QTest::addColumn<QString>("csv");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<int>("line");

    const QString header = "name,artist,energy,release_date,explicit,key,duration_ms\n";
    const QString good = "A,X,0.5,2001,true,C,200000\n";
    QTest::newRow("ragged row") << header + good + "B,Y,0.5\n"
                                << "a different number of fields than the header's 7" << 3;
    QTest::newRow("non-numeric feature") << header + good + "B,Y,loud,2001,true,C,200000\n"
                                         << "'Energy' is not a number" << 3;
    QTest::newRow("inf") << header + good + "B,Y,inf,2001,true,C,200000\n"
                         << "'Energy' outside its plausible range 0..1" << 3;
    QTest::newRow("-inf") << header + good + "B,Y,-inf,2001,true,C,200000\n"
                          << "'Energy' outside its plausible range 0..1" << 3;
    QTest::newRow("1e999") << header + good + "B,Y,1e999,2001,true,C,200000\n"
                           << "'Energy' outside its plausible range 0..1" << 3;
    QTest::newRow("nan") << header + good + "B,Y,nan,2001,true,C,200000\n"
                         << "missing Energy" << 3;
    QTest::newRow("absurd duration")
        << header + good + "B,Y,0.5,2001,true,C,1e306\n"
        << "'Track Duration (ms)' (column 'duration_ms') outside its plausible range 1..86400000" << 3;
    QTest::newRow("bad key") << header + good + "B,Y,0.5,2001,true,H,200000\n"
                             << "'Key' is not a key" << 3;
    QTest::newRow("bad date") << header + good + "B,Y,0.5,last year,true,C,200000\n"
                              << "'Album Release Date' (column 'release_date') is not a date" << 3;
    QTest::newRow("year 0") << header + good + "B,Y,0.5,0000,true,C,200000\n"
                            << "'Album Release Date' (column 'release_date') is outside the years 1000..2100"
                            << 3;
    QTest::newRow("bad explicit") << header + good + "B,Y,0.5,2001,maybe,C,200000\n"
                                  << "'Explicit' is not true or false" << 3;
    QTest::newRow("empty required value") << header + good + ",Y,0.5,2001,true,C,200000\n"
                                          << "missing Track Name (column 'name')" << 3;
}

// A defect of one row drops that row, counted under its reason with its line; the rest loads.
void TestDatasetLoader::dropsDefectiveRows()
{
    QFETCH(QString, csv);
    QFETCH(QString, reason);
    QFETCH(int, line);
    const Catalog c = loadText(csv.toStdString(), "bad.csv");
    QCOMPARE(c.size(), 1u);
    QCOMPARE(c.track(0).name, std::string("A"));
    QCOMPARE(c.report().dropped.size(), 1u);
    const LoadReport::Drop& drop = c.report().dropped[0];
    QVERIFY2(QString::fromStdString(drop.reason).startsWith(reason), drop.reason.c_str());
    QCOMPARE(drop.rows, 1u);
    QCOMPARE(drop.examples.size(), 1u);
    QCOMPARE(drop.examples[0], (SourceRow{"bad.csv", std::size_t(line)}));
}

void TestDatasetLoader::oneCorruptRowInAThousand()
{
    // 1,000 rows on Spotify's 0-1 scale, one of them corrupt (75 in a 0-1 column): the column is
    // not rescaled for one value; that row is dropped and named.
    std::string csv = "name,artist,energy,valence\n";
    for (int i = 0; i < 1000; ++i) {
        csv.append("T").append(std::to_string(i)).append(",A,").append(i == 500 ? "75" : "0.5");
        csv.append(",0.").append(std::to_string(i % 10)).append("\n");
    }
    const Catalog c = loadText(csv, "big.csv");
    QCOMPARE(c.size(), 999u);
    QVERIFY(c.report().conversions.empty());
    QCOMPARE(c.report().dropped.size(), 1u);
    QCOMPARE(describeDrop(c.report().dropped[0]),
             std::string("1 row: 'Energy' outside its plausible range 0..1 (big.csv line 502)"));
    QCOMPARE(c.feature(0, Feature::Energy), 0.5);
}

void TestDatasetLoader::loadsPublicSchemas_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("kept");
    QTest::addColumn<int>("features");
    QTest::addColumn<int>("conversions");

    QTest::newRow("spotify-2023") << "spotify-2023-excerpt.csv" << 37 << 10 << 7; // 4 without a key
    QTest::newRow("spotify-2000") << "spotify-2000-excerpt.csv" << 40 << 10 << 7;
    QTest::newRow("spotify-2000 ; BOM CRLF") << "spotify-2000-semicolon-excerpt.csv" << 20 << 10 << 7;
    QTest::newRow("data.csv python lists") << "python-lists.csv" << 4 << 13 << 0;
    QTest::newRow("top50 dotted names") << "top50-dotted.csv" << 5 << 10 << 7;
    QTest::newRow("formatted values") << "formatted-values.csv" << 3 << 5 << 1;
}

// Every public schema loads as it is, with every feature on Spotify's scale.
void TestDatasetLoader::loadsPublicSchemas()
{
    QFETCH(QString, file);
    QFETCH(int, kept);
    QFETCH(int, features);
    QFETCH(int, conversions);
    const Catalog c = loadDataset({schemaFile(qPrintable(file))});
    QCOMPARE(int(c.size()), kept);
    QCOMPARE(int(c.availableFeatures().size()), features);
    QCOMPARE(int(c.report().conversions.size()), conversions);
    for (std::size_t i = 0; i < c.size(); ++i) {
        for (Feature f : c.featureList()) {
            const double v = c.feature(i, f);
            QVERIFY2(plausibleRange(f).contains(v),
                     qPrintable(QString("%1 = %2").arg(featureName(f).data()).arg(v)));
            if (isUnitInterval(f))
                QVERIFY(v >= 0.0 && v <= 1.0);
        }
        if (c.availableFeatures().contains(Feature::DurationMs))
            QVERIFY(c.feature(i, Feature::DurationMs) > 30000.0); // songs, not seconds read as ms
        QVERIFY(c.track(i).year == 0 || c.track(i).year >= 1900); // 0: the file has no dates
    }
}

void TestDatasetLoader::readsFormattedValues()
{
    const Catalog c = loadDataset({schemaFile("formatted-values.csv")});
    QCOMPARE(c.size(), 3u);
    QCOMPARE(c.feature(0, Feature::DurationMs), 225000.0);
    QCOMPARE(c.feature(2, Feature::DurationMs), 3723000.0);
    QCOMPARE(c.feature(0, Feature::Key), 1.0);  // C#
    QCOMPARE(c.feature(1, Feature::Key), 10.0); // Bb
    QCOMPARE(c.feature(2, Feature::Key), 10.0); // A sharp, as a symbol
    QCOMPARE(c.feature(0, Feature::Mode), 1.0);
    QCOMPARE(c.feature(2, Feature::Mode), 0.0);
    QCOMPARE(c.track(0).isExplicit, true);
    QCOMPARE(c.track(1).isExplicit, false);
    QCOMPARE(c.track(2).isExplicit, true);
    QCOMPARE(c.feature(1, Feature::TimeSignature), 3.0);
    QCOMPARE(c.track(1).year, 1999);

    // released_year, _month and _day make one release date; a note name is a key.
    const Catalog s = loadDataset({schemaFile("spotify-2023-excerpt.csv")});
    QCOMPARE(s.track(0).releaseDate, std::string("2023-07-14"));
    QCOMPARE(s.feature(0, Feature::Key), 11.0); // B
    QCOMPARE(s.feature(0, Feature::Energy), 0.83);
    // Rows without a key are dropped, counted and located.
    QCOMPARE(s.report().dropped[0].reason, std::string("missing Key"));
    QCOMPARE(s.report().dropped[0].examples[0], (SourceRow{"spotify-2023-excerpt.csv", 14}));
}

void TestDatasetLoader::readsPythonLists()
{
    const Catalog c = loadDataset({schemaFile("python-lists.csv")});
    QCOMPARE(c.track(0).artists.size(), 3u);
    QCOMPARE(c.artistName(c.track(0).artists[1]), std::string("James Levine"));
    QCOMPARE(c.track(0).artistsText,
             std::string("Sergei Rachmaninoff, James Levine, Berliner Philharmoniker"));
    QCOMPARE(c.artistName(c.track(3).artists[0]), std::string("Frank Parker"));
}

QTEST_APPLESS_MAIN(TestDatasetLoader)
#include "TestDatasetLoader.moc"
