#include "data/Csv.h"
#include "data/DatasetLoader.h"
#include "data/GenreStats.h"

#include <QTest>

using namespace gdbm::data;

class TestGenreStats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsAndSplitsGenres();
    void thresholdsAreEditable();
    void thresholdsScaleWithCatalogSize_data();
    void thresholdsScaleWithCatalogSize();
};

// 30 tracks: "pop" on all, "rock" on 10, "jazz" on 3, "k-pop" on 1.
static Catalog smallCatalog()
{
    std::string csv = "name,artist,genre\n";
    for (int i = 0; i < 30; ++i) {
        std::string genres = "Pop";
        if (i < 10)
            genres += ", rock";
        if (i < 3)
            genres += ",jazz";
        if (i == 0)
            genres += ",k-pop";
        csv += std::string("T") + std::to_string(i) + ",A,\"" + genres + "\"\n";
    }
    return loadDocuments({parseCsv(csv, "g.csv")});
}

void TestGenreStats::countsAndSplitsGenres()
{
    const Catalog c = smallCatalog();
    const GenreStats s = computeGenreStats(c, {23, 5});
    QCOMPARE(s.byCount.size(), 4u);
    QCOMPARE(c.genreName(s.byCount[0].genre), std::string("pop")); // lower-cased
    QCOMPARE(s.byCount[0].tracks, 30u);
    QCOMPARE(s.byCount[1].tracks, 10u);
    QCOMPARE(c.genreName(s.byCount[3].genre), std::string("k-pop"));
    QCOMPARE(s.common.size(), 1u);
    QVERIFY(s.isCommon(*c.findGenre("pop")));
    QCOMPARE(s.niche.size(), 2u);
    QVERIFY(s.isNiche(*c.findGenre("jazz")));
    QVERIFY(s.isNiche(*c.findGenre("k-pop")));
    QVERIFY(!s.isNiche(*c.findGenre("rock")));
}

void TestGenreStats::thresholdsAreEditable()
{
    const Catalog c = smallCatalog();
    GenreStats s = computeGenreStats(c, {23, 5});
    applyThresholds(s, {9, 2});
    QCOMPARE(s.common.size(), 2u); // pop 30 and rock 10 are > 9
    QCOMPARE(s.niche.size(), 1u);  // only k-pop has <= 2
    applyThresholds(s, {30, 0});
    QVERIFY(s.common.empty()); // "more than 30": nobody
    QVERIFY(s.niche.empty());
}

void TestGenreStats::thresholdsScaleWithCatalogSize_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("common");
    QTest::addColumn<int>("niche");
    QTest::newRow("reference") << 10000 << 23 << 5;
    QTest::newRow("larger keeps") << 100000 << 23 << 5;
    QTest::newRow("2000 tracks") << 2000 << 5 << 1;
    QTest::newRow("5000 tracks") << 5000 << 12 << 3; // 11.5 rounds up, 2.5 rounds up
    QTest::newRow("tiny") << 50 << 1 << 1;
}

void TestGenreStats::thresholdsScaleWithCatalogSize()
{
    QFETCH(int, size);
    QFETCH(int, common);
    QFETCH(int, niche);
    const GenreThresholds t = GenreThresholds::scaledFor(std::size_t(size));
    QCOMPARE(int(t.commonAbove), common);
    QCOMPARE(int(t.nicheAtMost), niche);
}

QTEST_APPLESS_MAIN(TestGenreStats)
#include "TestGenreStats.moc"
