#include "data/Csv.h"
#include "data/DatasetLoader.h"
#include "data/DemoCatalog.h"
#include "data/ExportifyWriter.h"
#include "data/GenreStats.h"
#include "sim/Preference.h"

#include <QTest>
#include <cmath>
#include <sstream>

using namespace gdbm;
using namespace gdbm::data;

class TestDemoCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void labelledSynthetic();
    void deterministicPerSeed();
    void featuresInRealisticRanges();
    void correlationsLikeRealMusic();
    void yearsPopularityAndArtists();
    void longTailedGenres();
    void everyArchetypeFindsTracks();
    void exportifyRoundTrip();

private:
    Catalog m_catalog;
};

void TestDemoCatalog::initTestCase()
{
    m_catalog = generateDemoCatalog({});
}

void TestDemoCatalog::labelledSynthetic()
{
    QCOMPARE(m_catalog.size(), 10000u);
    QVERIFY(m_catalog.isSynthetic());
    QVERIFY2(m_catalog.label().find("synthetic") != std::string::npos, m_catalog.label().c_str());
    QCOMPARE(m_catalog.availableFeatures().size(), kFeatureCount);
}

void TestDemoCatalog::deterministicPerSeed()
{
    const Catalog a = generateDemoCatalog({500, 4});
    const Catalog b = generateDemoCatalog({500, 4});
    const Catalog c = generateDemoCatalog({500, 5});
    bool differs = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(a.identity(i), b.identity(i));
        QCOMPARE(a.track(i).name, b.track(i).name);
        QVERIFY(a.featureRow(i) == b.featureRow(i));
        differs = differs || a.featureRow(i) != c.featureRow(i);
    }
    QVERIFY(differs);
}

static double mean(const Catalog& c, Feature f)
{
    double sum = 0;
    for (std::size_t i = 0; i < c.size(); ++i)
        sum += c.feature(i, f);
    return sum / double(c.size());
}

static double correlation(const Catalog& c, Feature x, Feature y)
{
    const double mx = mean(c, x), my = mean(c, y);
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < c.size(); ++i) {
        const double dx = c.feature(i, x) - mx, dy = c.feature(i, y) - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    return sxy / std::sqrt(sxx * syy);
}

void TestDemoCatalog::featuresInRealisticRanges()
{
    for (std::size_t i = 0; i < m_catalog.size(); ++i) {
        for (Feature f : {Feature::Danceability, Feature::Energy, Feature::Speechiness, Feature::Acousticness,
                          Feature::Instrumentalness, Feature::Liveness, Feature::Valence}) {
            const double v = m_catalog.feature(i, f);
            QVERIFY(v >= 0.0 && v <= 1.0);
        }
        const double key = m_catalog.feature(i, Feature::Key);
        QVERIFY(key >= 0 && key <= 11 && key == std::floor(key));
        QVERIFY(m_catalog.feature(i, Feature::Mode) == 0 || m_catalog.feature(i, Feature::Mode) == 1);
        QVERIFY(m_catalog.feature(i, Feature::Loudness) <= 0 &&
                m_catalog.feature(i, Feature::Loudness) >= -60);
        QVERIFY(m_catalog.feature(i, Feature::Tempo) >= 40 && m_catalog.feature(i, Feature::Tempo) <= 250);
        QVERIFY(m_catalog.feature(i, Feature::DurationMs) >= 30000);
    }
    QVERIFY(mean(m_catalog, Feature::DurationMs) > 180000 && mean(m_catalog, Feature::DurationMs) < 280000);
    QVERIFY(mean(m_catalog, Feature::Danceability) > 0.45 && mean(m_catalog, Feature::Danceability) < 0.75);
    QVERIFY(mean(m_catalog, Feature::Tempo) > 105 && mean(m_catalog, Feature::Tempo) < 135);
}

void TestDemoCatalog::correlationsLikeRealMusic()
{
    QVERIFY(correlation(m_catalog, Feature::Energy, Feature::Loudness) > 0.5);
    QVERIFY(correlation(m_catalog, Feature::Energy, Feature::Acousticness) < -0.4);
    QVERIFY(correlation(m_catalog, Feature::Danceability, Feature::Valence) > 0.2);
}

void TestDemoCatalog::yearsPopularityAndArtists()
{
    std::size_t zeros = 0, low = 0;
    std::map<int, std::size_t> decades;
    for (std::size_t i = 0; i < m_catalog.size(); ++i) {
        const double pop = m_catalog.feature(i, Feature::Popularity);
        zeros += pop == 0 ? 1 : 0;
        low += pop <= 30 ? 1 : 0;
        const int year = m_catalog.track(i).year;
        QVERIFY(year >= 1950 && year <= 2023);
        ++decades[year / 10 * 10];
    }
    QVERIFY(zeros > m_catalog.size() / 20); // many zeros, as in the real file
    QVERIFY(low > m_catalog.size() / 5);
    for (int d = 1950; d <= 2020; d += 10)
        QVERIFY2(decades[d] > (d >= 1960 && d <= 2010 ? 200u : 20u), qPrintable(QString::number(d)));

    std::vector<std::size_t> perArtist(m_catalog.artistNames().size(), 0);
    for (const Track& t : m_catalog.tracks())
        for (ArtistId a : t.artists)
            ++perArtist[a];
    std::sort(perArtist.rbegin(), perArtist.rend());
    QVERIFY(perArtist.front() >= 15);                               // some prolific artists
    QVERIFY(m_catalog.artistNames().size() < m_catalog.size() / 2); // several tracks each on average
}

void TestDemoCatalog::longTailedGenres()
{
    const GenreStats stats = computeGenreStats(m_catalog, {});
    QVERIFY2(stats.byCount.size() >= 200, qPrintable(QString::number(stats.byCount.size())));
    QVERIFY(stats.common.size() >= 20 && stats.common.size() <= 100);
    QVERIFY(stats.niche.size() >= 80);
    for (const char* g : {"classical", "opera", "classical tenor", "pop", "rock", "hip hop"})
        QVERIFY2(m_catalog.findGenre(g).has_value(), g);
}

void TestDemoCatalog::everyArchetypeFindsTracks()
{
    using sim::Attribute;
    using sim::UserPreference;
    const sim::ArchetypeSet set = sim::defaultArchetypes();
    const sim::CatalogFacts facts =
        sim::computeCatalogFacts(m_catalog, GenreThresholds::scaledFor(m_catalog.size()));
    // Every archetype, over many draws of its random choices, finds tracks. Moods draw two ranges
    // of random width, and two very narrow ones can miss every track of any catalog: for them,
    // most draws must find tracks; for the others, every draw.
    for (const sim::Archetype& a : set.archetypes) {
        const bool mood = a.name == "Mood-Based Listener";
        std::size_t empty = 0;
        const std::size_t draws = 60;
        for (std::uint64_t draw = 0; draw < draws; ++draw) {
            CounterRng rng(1, RandomPurpose::Simulation, draw);
            const auto prefs = sim::drawPreferences(a, m_catalog, facts, rng);
            std::size_t n = 0;
            for (std::size_t t = 0; t < m_catalog.size(); ++t)
                n += sim::passesAll(prefs, m_catalog, t) ? 1 : 0;
            empty += n == 0 ? 1 : 0;
        }
        QVERIFY2(mood ? empty <= draws / 5 : empty == 0,
                 qPrintable(
                     QString("%1: %2 of %3 draws find no track").arg(a.name.c_str()).arg(empty).arg(draws)));
    }
}

void TestDemoCatalog::exportifyRoundTrip()
{
    const Catalog small = generateDemoCatalog({300, 8});
    std::ostringstream out;
    writeExportifyCsv(small, out);
    const CsvDocument doc = parseCsv(out.str(), "demo.csv");
    QCOMPARE(doc.header, exportifyHeader());
    QCOMPARE(doc.header.size(), 35u);
    const Catalog back = loadDocuments({doc});
    QCOMPARE(back.size(), small.size());
    for (std::size_t i = 0; i < small.size(); ++i) {
        QCOMPARE(back.identity(i), small.identity(i));
        QCOMPARE(back.track(i).artistsText, small.track(i).artistsText);
        QCOMPARE(back.track(i).artists.size(), small.track(i).artists.size());
        QCOMPARE(back.track(i).releaseDate, small.track(i).releaseDate);
        QCOMPARE(back.track(i).isExplicit, small.track(i).isExplicit);
        QCOMPARE(back.track(i).genres.size(), small.track(i).genres.size());
        QVERIFY(back.featureRow(i) == small.featureRow(i));
    }
}

QTEST_APPLESS_MAIN(TestDemoCatalog)
#include "TestDemoCatalog.moc"
