// Loading reads a file's records in parallel, a block at a time, and decides its columns' units
// in parallel: the catalog and its report must not depend on the thread count.
#include "data/Csv.h"
#include "data/DatasetLoader.h"

#include <QTest>
#include <cstring>
#include <set>
#include <tbb/global_control.h>

using namespace gdbm;
using namespace gdbm::data;

namespace {

// More rows than one block of records, with a duplicate URI every 7th row, a defective energy
// every 11th, a percentage column and durations in seconds.
std::string messyCsv(int rows)
{
    std::string csv = "Track URI,Track Name,Artist Name(s),Artist Genres,Energy,Valence %,Duration\n";
    for (int i = 0; i < rows; ++i) {
        const int uri = i % 7 == 6 ? i - 3 : i; // the same URI as a row three above
        csv += "spotify:track:" + std::to_string(uri) + ",Song " + std::to_string(i) + ",Artist " +
               std::to_string(i % 977) + ",\"genre " + std::to_string(i % 31) + ", genre " +
               std::to_string(i % 5) + "\"," + (i % 11 == 10 ? "loud" : "0." + std::to_string(i % 10)) + "," +
               std::to_string(i % 100) + "," + std::to_string(120 + i % 240) + "\n";
    }
    return csv;
}

Catalog loadWith(int threads, const std::string& csv)
{
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, std::size_t(threads));
    return loadDocuments({parseCsv(csv, "messy.csv")});
}

} // namespace

class TestLoadThreads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameCatalogWhateverTheThreadCount();
};

void TestLoadThreads::sameCatalogWhateverTheThreadCount()
{
    const int rows = 40000;
    const std::string csv = messyCsv(rows);
    const Catalog one = loadWith(1, csv);
    // Kept: the rows with an energy whose URI no earlier kept row has (a duplicate of a dropped
    // row is the first of its URI).
    std::set<int> kept;
    for (int i = 0; i < rows; ++i) {
        if (i % 11 != 10)
            kept.insert(i % 7 == 6 ? i - 3 : i);
    }
    QCOMPARE(one.size(), kept.size());
    // The first row of a URI is the one kept.
    QCOMPARE(one.track(*one.findTrack("spotify:track:3")).name, std::string("Song 3"));
    QCOMPARE(one.report().conversions.size(), 2u); // the percentage and the seconds

    for (int threads : {2, 4}) {
        const Catalog many = loadWith(threads, csv);
        QCOMPARE(many.size(), one.size());
        for (std::size_t i = 0; i < one.size(); ++i) {
            QCOMPARE(many.identity(i), one.identity(i));
            QCOMPARE(many.track(i).artists, one.track(i).artists);
            QCOMPARE(many.track(i).genres, one.track(i).genres);
            // Bit for bit: the features a file lacks are NaN, which compares unequal to itself.
            QVERIFY(std::memcmp(many.featureRow(i).data(), one.featureRow(i).data(), sizeof(FeatureRow)) ==
                    0);
        }
        QCOMPARE(many.artistNames(), one.artistNames());
        QCOMPARE(many.genreNames(), one.genreNames());
        QCOMPARE(many.report().conversions, one.report().conversions);
        QCOMPARE(many.report().dropped.size(), one.report().dropped.size());
        for (std::size_t d = 0; d < one.report().dropped.size(); ++d)
            QCOMPARE(describeDrop(many.report().dropped[d]), describeDrop(one.report().dropped[d]));
    }
}

QTEST_APPLESS_MAIN(TestLoadThreads)
#include "TestLoadThreads.moc"
