#include "core/Error.h"
#include "data/Csv.h"
#include "data/DatasetLoader.h"
#include "data/DemoCatalog.h"
#include "sim/Simulator.h"

#include <QTest>
#include <numeric>
#include <tbb/global_control.h>

using namespace gdbm;
using namespace gdbm::sim;

class TestSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void usersFollowShares();
    void normalisedSharesGiveTheUsersAsked();
    void everyInteractionPassesItsUsersPreferences();
    void tracksPerUserAsConfigured();
    void ratingsFollowTheRules();
    void ratingHandComputed();
    void genresMatchWholeNames();
    void fallbackWhenNothingMatches();
    void skipsPreferencesTheCatalogLacks();
    void drawnPreferencesRedrawnUntilTheyMatch();
    void realPercentFileKeepsListenersOnTaste();
    void sameSeedSameResultAnyThreadCount();
    void sameResultAsBeforeTheMoodIndex();
    void otherSeedDiffers();
    void timestampsWithinAYear();
    void cancelStops();

private:
    SimulationResult run(std::uint64_t seed, std::size_t users = 1000) const;

    data::Catalog m_catalog;
    ArchetypeSet m_archetypes = defaultArchetypes();
};

void TestSimulator::initTestCase()
{
    m_catalog = data::generateDemoCatalog({10000, 3});
}

SimulationResult TestSimulator::run(std::uint64_t seed, std::size_t users) const
{
    SimulationParams params;
    params.users = users;
    params.seed = seed;
    params.thresholds = data::GenreThresholds::scaledFor(m_catalog.size());
    return simulate(m_catalog, m_archetypes, params);
}

void TestSimulator::usersFollowShares()
{
    const SimulationResult r = run(7);
    const std::vector<std::size_t> expected = {150, 150, 150, 100, 100, 100, 50, 50, 50, 50, 50, 50};
    QCOMPARE(r.summary.usersPerArchetype, expected);
    QCOMPARE(r.users.size(), 1050u);
    for (std::size_t u = 0; u < r.users.size(); ++u)
        QCOMPARE(r.users[u].id, std::uint32_t(u + 1));
}

// Largest remainders: the default shares, normalised, give exactly 1,000 users (rounding each
// share alone gave 1,002), and the counts stay within one of share x users.
void TestSimulator::normalisedSharesGiveTheUsersAsked()
{
    ArchetypeSet set = defaultArchetypes();
    QCOMPARE(usersPerArchetype(set, 1000),
             (std::vector<std::size_t>{150, 150, 150, 100, 100, 100, 50, 50, 50, 50, 50, 50}));
    set.normalizeShares();
    for (std::size_t users : {std::size_t(1000), std::size_t(7), std::size_t(12345)}) {
        const std::vector<std::size_t> counts = usersPerArchetype(set, users);
        QCOMPARE(std::accumulate(counts.begin(), counts.end(), std::size_t(0)), users);
        for (std::size_t k = 0; k < counts.size(); ++k)
            QVERIFY(std::abs(double(counts[k]) - set.archetypes[k].share * double(users)) < 1.0);
    }
    QCOMPARE(usersPerArchetype(set, 1000),
             (std::vector<std::size_t>{143, 143, 143, 95, 95, 95, 48, 48, 48, 48, 47, 47}));
}

void TestSimulator::everyInteractionPassesItsUsersPreferences()
{
    const SimulationResult r = run(7);
    // Only mood listeners can draw two ranges so narrow that no track has both.
    std::size_t moodFellBack = 0;
    for (const User& u : r.users)
        moodFellBack += u.fellBack && r.archetypeNames[u.archetype] == "Mood-Based Listener" ? 1 : 0;
    QCOMPARE(r.summary.fellBack, moodFellBack);
    QVERIFY(moodFellBack < 20);
    std::vector<std::size_t> checked(m_archetypes.archetypes.size(), 0);
    for (const Interaction& i : r.interactions) {
        const User& user = r.users[i.user];
        if (i.source == InteractionSource::Discovery || user.fellBack)
            continue;
        QCOMPARE(i.source, InteractionSource::Preference);
        if (!passesAll(user.preferences, m_catalog, i.track))
            QFAIL(qPrintable(QString("user %1 (%2) listened to track %3 outside its preferences")
                                 .arg(user.id)
                                 .arg(QString::fromStdString(r.archetypeNames[user.archetype]))
                                 .arg(i.track)));
        ++checked[user.archetype];
    }
    for (std::size_t k = 0; k < checked.size(); ++k)
        QVERIFY2(checked[k] > 0, r.archetypeNames[k].c_str());
}

void TestSimulator::tracksPerUserAsConfigured()
{
    const SimulationResult r = run(7);
    std::vector<std::size_t> own(r.users.size(), 0), discovery(r.users.size(), 0);
    for (const Interaction& i : r.interactions)
        ++(i.source == InteractionSource::Discovery ? discovery : own)[i.user];
    std::size_t discoverers = 0;
    for (std::size_t u = 0; u < r.users.size(); ++u) {
        const std::size_t wanted =
            r.users[u].fellBack ? 50 : m_archetypes.archetypes[r.users[u].archetype].tracksPerUser;
        QCOMPARE(own[u], wanted);
        QVERIFY(discovery[u] == 0 || discovery[u] == 5);
        discoverers += discovery[u] ? 1 : 0;
    }
    QCOMPARE(discoverers, r.summary.discoverers);
    QVERIFY(discoverers > 60 && discoverers < 150); // 10% of 1,050
}

// The rule of DATA.md section 4, written out independently of the simulator's code.
static float expectedRating(const User& user, const data::Catalog& c, std::size_t track)
{
    float rating = 3;
    bool genre = false, artist = false;
    for (const UserPreference& p : user.preferences) {
        if (p.kind == UserPreference::Kind::Genres) {
            for (data::GenreId g : c.track(track).genres)
                genre = genre || std::count(p.genres.begin(), p.genres.end(), g) > 0;
        } else if (p.kind == UserPreference::Kind::Artist) {
            for (data::ArtistId a : c.track(track).artists)
                artist = artist || a == p.artist;
        } else {
            using data::Feature;
            for (Feature f : {Feature::Popularity, Feature::Instrumentalness, Feature::Liveness}) {
                if (p.attribute == attributeOf(f) && c.feature(track, f) >= (p.min + p.max) / 2)
                    rating += 0.5f;
            }
        }
    }
    rating += (genre ? 1.0f : 0.0f) + (artist ? 1.0f : 0.0f);
    return std::min(5.0f, std::max(1.0f, rating));
}

void TestSimulator::ratingsFollowTheRules()
{
    const SimulationResult r = run(11);
    std::size_t total = 0;
    for (const Interaction& i : r.interactions) {
        QCOMPARE(i.rating, expectedRating(r.users[i.user], m_catalog, i.track));
        QVERIFY(i.rating >= 1.0f && i.rating <= 5.0f);
    }
    for (std::size_t n : r.summary.ratingHistogram)
        total += n;
    QCOMPARE(total, r.interactions.size());
}

void TestSimulator::ratingHandComputed()
{
    const data::Catalog c =
        data::loadDocuments({data::parseCsv("name,artist,genre,popularity,instrumentalness,liveness\n"
                                            "A,X,jazz,80,0.9,0.1\n"
                                            "B,Y,rock,10,0.0,0.9\n",
                                            "r.csv")});
    using data::Feature;
    User u;
    u.preferences = {{UserPreference::Kind::Range, attributeOf(Feature::Popularity), 0, 100, {}, 0},
                     {UserPreference::Kind::Range, attributeOf(Feature::Instrumentalness), 0.1, 1, {}, 0},
                     {UserPreference::Kind::Genres, Attribute::ReleaseYear, 0, 0, {*c.findGenre("jazz")}, 0}};
    // A: 3 + 0.5 (popularity 80 >= 50) + 0.5 (instrumentalness 0.9 >= 0.55) + 1 (jazz) = 5
    QCOMPARE(rateTrack(u, c, 0), 5.0f);
    // B: nothing matches = 3
    QCOMPARE(rateTrack(u, c, 1), 3.0f);
    u.preferences.push_back(
        {UserPreference::Kind::Artist, Attribute::ReleaseYear, 0, 0, {}, *c.findArtist("X")});
    QCOMPARE(rateTrack(u, c, 0), 5.0f); // 6 clamped to 5
    u.preferences = {{UserPreference::Kind::Range, attributeOf(Feature::Liveness), 0.3, 0.9, {}, 0}};
    QCOMPARE(rateTrack(u, c, 1), 3.5f); // liveness 0.9 >= 0.6
}

void TestSimulator::genresMatchWholeNames()
{
    const data::Catalog c =
        data::loadDocuments({data::parseCsv("name,artist,genre\nA,X,k-pop\nB,Y,\"pop, rock\"\n", "g.csv")});
    const UserPreference pop{
        UserPreference::Kind::Genres, Attribute::ReleaseYear, 0, 0, {*c.findGenre("pop")}, 0};
    QVERIFY(!passes(pop, c, 0)); // the seed's substring match let "pop" hit "k-pop"
    QVERIFY(passes(pop, c, 1));
}

void TestSimulator::fallbackWhenNothingMatches()
{
    ArchetypeSet impossible;
    Preference never;
    never.kind = PreferenceKind::Range;
    never.attribute = attributeOf(data::Feature::Popularity);
    never.min = 101;
    never.max = 200;
    impossible.archetypes = {{"Nobody", 1.0, 20, {never}}};
    SimulationParams params;
    params.users = 10;
    const SimulationResult r = simulate(m_catalog, impossible, params);
    QCOMPARE(r.summary.fellBack, 10u);
    std::size_t fallback = 0;
    for (const Interaction& i : r.interactions)
        fallback += i.source == InteractionSource::Fallback ? 1 : 0;
    QCOMPARE(fallback, 10u * 50u);
}

// A catalog without an instrumentalness column cannot tell who likes instrumental music: the
// Audiophile's instrumentalness preference is skipped, its acousticness one kept.
void TestSimulator::skipsPreferencesTheCatalogLacks()
{
    data::Catalog catalog = data::generateDemoCatalog({2000, 5});
    data::FeatureSet features = catalog.availableFeatures();
    features.erase(data::Feature::Instrumentalness);
    catalog.setAvailableFeatures(features);
    const CatalogFacts facts = computeCatalogFacts(catalog, data::GenreThresholds::scaledFor(catalog.size()));

    const ArchetypeSet defaults = defaultArchetypes();
    const auto audiophile = std::find_if(defaults.archetypes.begin(), defaults.archetypes.end(),
                                         [](const Archetype& a) { return a.name == "Audiophile"; });
    QVERIFY(audiophile != defaults.archetypes.end());
    QCOMPARE(inapplicablePreferences(*audiophile, facts), std::vector<std::string>{"instrumentalness"});

    ArchetypeSet only;
    only.archetypes = {*audiophile};
    only.archetypes[0].share = 1.0;
    SimulationParams params;
    params.users = 20;
    params.thresholds = facts.genres.thresholds;
    const SimulationResult r = simulate(catalog, only, params);
    QCOMPARE(r.summary.fellBack, 0u);
    for (const User& u : r.users) {
        QCOMPARE(u.preferences.size(), 1u); // acousticness only
        QCOMPARE(u.preferences[0].attribute, attributeOf(data::Feature::Acousticness));
    }
}

// Mood ranges drawn so narrow that no track lies in both are drawn again; the user keeps the
// draw that matched, which is what their profile says.
void TestSimulator::drawnPreferencesRedrawnUntilTheyMatch()
{
    const data::Catalog small = data::generateDemoCatalog({60, 2});
    ArchetypeSet moods;
    Preference valence;
    valence.kind = PreferenceKind::RangeDrawn;
    valence.attribute = attributeOf(data::Feature::Valence);
    valence.min = 0;
    valence.max = 1;
    Preference energy = valence;
    energy.attribute = attributeOf(data::Feature::Energy);
    moods.archetypes = {{"Moods", 1.0, 5, {valence, energy}}};
    SimulationParams params;
    params.users = 300;
    params.thresholds = data::GenreThresholds::scaledFor(small.size());
    const SimulationResult r = simulate(small, moods, params);
    QCOMPARE(r.summary.fellBack, 0u);
    for (const Interaction& i : r.interactions) {
        if (i.source == InteractionSource::Preference)
            QVERIFY(passesAll(r.users[i.user].preferences, small, i.track));
    }
}

// On a real file whose features are on 0-100 (top10s.csv), the taste-driven archetypes whose
// preferences the file can answer all find tracks: none falls back to random listening.
void TestSimulator::realPercentFileKeepsListenersOnTaste()
{
    const data::Catalog top10s = data::loadDataset({std::string(GDBM_TEST_DATA_DIR) + "/real/top10s.csv"});
    SimulationParams params;
    params.users = 1000;
    params.thresholds = data::GenreThresholds::scaledFor(top10s.size());
    const SimulationResult r = simulate(top10s, m_archetypes, params);
    for (const char* name : {"Mainstream Listener", "Mood-Based Listener", "Live Music Fan",
                             "Casual Listener", "Genre-Specific Fan", "Loyal Fan", "Discoverer"}) {
        const auto k = std::size_t(std::find(r.archetypeNames.begin(), r.archetypeNames.end(), name) -
                                   r.archetypeNames.begin());
        QVERIFY2(k < r.archetypeNames.size(), name);
        QVERIFY2(r.summary.usersPerArchetype[k] > 0, name);
        QVERIFY2(r.summary.fellBackPerArchetype[k] == 0, name);
    }
}

void TestSimulator::sameSeedSameResultAnyThreadCount()
{
    SimulationResult one, two;
    {
        tbb::global_control single(tbb::global_control::max_allowed_parallelism, 1);
        one = run(5);
    }
    {
        tbb::global_control pair(tbb::global_control::max_allowed_parallelism, 2);
        two = run(5);
    }
    QVERIFY(one.users == two.users);
    QVERIFY(one.interactions == two.interactions);
}

// A digest of every interaction and every user's preferences.
static std::uint64_t digest(const SimulationResult& r)
{
    std::uint64_t h = 1469598103934665603ULL; // FNV-1a
    const auto mix = [&](std::uint64_t v) {
        for (int b = 0; b < 8; ++b, v >>= 8)
            h = (h ^ (v & 0xff)) * 1099511628211ULL;
    };
    for (const Interaction& i : r.interactions) {
        mix(i.user);
        mix(i.track);
        mix(std::uint64_t(i.day.time_since_epoch().count()));
        mix(std::uint64_t(i.rating * 2.0f));
        mix(std::uint64_t(i.source));
    }
    for (const User& u : r.users)
        mix(u.preferences.size());
    return h;
}

void TestSimulator::sameResultAsBeforeTheMoodIndex()
{
    // 2,000 users: 200 mood listeners, each with ranges of their own, whose candidates come from
    // the co-sorted columns; the others from looking tracks up. Same seed, same simulation as the
    // algorithm before that index (the digest was taken from it).
    const SimulationResult r = run(11, 2000);
    QCOMPARE(r.interactions.size(), std::size_t(120040));
    QCOMPARE(digest(r), std::uint64_t(5300127215826772472ULL));
}

void TestSimulator::otherSeedDiffers()
{
    const SimulationResult a = run(5, 200);
    const SimulationResult b = run(6, 200);
    QVERIFY(!(a.interactions == b.interactions));
}

void TestSimulator::timestampsWithinAYear()
{
    const SimulationResult r = run(9, 300);
    const auto ref = std::chrono::sys_days{std::chrono::year{2024} / 1 / 1};
    for (const Interaction& i : r.interactions) {
        QVERIFY(i.day <= ref);
        QVERIFY(i.day > ref - std::chrono::days(365));
    }
    for (std::size_t k = 1; k < r.interactions.size(); ++k) {
        if (r.interactions[k].user == r.interactions[k - 1].user)
            QVERIFY(r.interactions[k - 1].day <= r.interactions[k].day); // chronological per user
    }
}

void TestSimulator::cancelStops()
{
    CancelFlag cancel{true};
    SimulationParams params;
    QVERIFY_THROWS_EXCEPTION(Cancelled, simulate(m_catalog, m_archetypes, params, {}, &cancel));
}

QTEST_APPLESS_MAIN(TestSimulator)
#include "TestSimulator.moc"
