// How a dataset's columns are read by their values' units: 0-100 scales, percentages,
// durations in seconds, minutes or m:ss; and a 0-1 column with a few stray percentages.
#include "data/Csv.h"
#include "data/DatasetLoader.h"

#include <QTest>
#include <string>

using namespace gdbm::data;

class TestColumnUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scalesByValueNotName();
    void strayPercentagesKeepTheScale();
    void readsDurationsByMagnitude();
};

static Catalog loadText(const std::string& csv, const std::string& name = "mem.csv")
{
    return loadDocuments({parseCsv(csv, name)});
}

void TestColumnUnits::scalesByValueNotName()
{
    // "Energy" holding 0-100 integers is rescaled, and the summary says why.
    const Catalog c =
        loadText("name,artist,Energy,Valence,Danceability\nA,X,75,0,50\nB,Y,20,100,0\n", "full.csv");
    QCOMPARE(c.feature(0, Feature::Energy), 0.75);
    QCOMPARE(c.feature(1, Feature::Valence), 1.0);
    QCOMPARE(c.report().conversions.size(), 3u);
    QCOMPARE(
        c.report().conversions[1],
        std::string(
            "full.csv: 'Energy' (Energy): values up to 75 (2 of 2 above 1): read as 0-100, divided by 100"));
    // A '%' column is a percentage even when every value is 0 or 1.
    const Catalog p = loadText("name,artist,instrumentalness_%\nA,X,0\nB,Y,1\n");
    QCOMPARE(p.feature(1, Feature::Instrumentalness), 0.01);
    // Spotify's own scale stays as it is.
    const Catalog n = loadText("name,artist,energy\nA,X,0.75\nB,Y,1\n");
    QCOMPARE(n.feature(0, Feature::Energy), 0.75);
    QVERIFY(n.report().conversions.empty());
}

void TestColumnUnits::strayPercentagesKeepTheScale()
{
    // A 0-1 column with 3 stray percentages among 100 values (3% above 1): the strays are
    // dropped as out of range, the other values keep their scale.
    std::string zeroOne = "name,artist,danceability\n";
    for (int i = 0; i < 100; ++i) {
        const std::string value = i % 33 == 5 ? std::string("75.1") : "0." + std::to_string(10 + i % 80);
        zeroOne.append("T").append(std::to_string(i)).append(",A,").append(value).append("\n");
    }
    const Catalog c = loadText(zeroOne, "typos.csv");
    QVERIFY(c.report().conversions.empty());
    QCOMPARE(c.size(), 97u);
    QCOMPARE(c.feature(0, Feature::Danceability), 0.10);
    QCOMPARE(c.report().dropped.size(), 1u);
    QCOMPARE(c.report().dropped[0].examples[0], (SourceRow{"typos.csv", 7}));

    // Instrumentalness in percent: most songs near 0 (a fifth above 1%), the rest far below
    // 0.05: read as 0-100.
    std::string percent = "name,artist,instrumentalness\n";
    for (int i = 0; i < 100; ++i)
        percent.append("T")
            .append(std::to_string(i))
            .append(",A,")
            .append(i % 5 == 0 ? "42.5" : "0.003")
            .append("\n");
    const Catalog p = loadText(percent, "percent.csv");
    QCOMPARE(p.report().conversions.size(), 1u);
    QCOMPARE(p.feature(0, Feature::Instrumentalness), 0.425);
    QCOMPARE(p.size(), 100u);
}

void TestColumnUnits::readsDurationsByMagnitude()
{
    const Catalog seconds = loadText("name,artist,duration_ms\nA,X,215\nB,Y,180.5\n");
    QCOMPARE(seconds.feature(0, Feature::DurationMs), 215000.0);
    const Catalog minutes = loadText("name,artist,duration\nA,X,3.5\nB,Y,4\n");
    QCOMPARE(minutes.feature(0, Feature::DurationMs), 210000.0);
    const Catalog ms = loadText("name,artist,dur\nA,X,215000\nB,Y,\"1,412,000\"\n");
    QCOMPARE(ms.feature(0, Feature::DurationMs), 215000.0);
    QCOMPARE(ms.feature(1, Feature::DurationMs), 1412000.0); // thousands separators
}

QTEST_APPLESS_MAIN(TestColumnUnits)
#include "TestColumnUnits.moc"
