#include "core/Random.h"
#include "core/Text.h"
#include "rec/BatchRecommender.h"
#include "rec/Recommender.h"

#include <QTest>
#include <cmath>

using namespace gdbm;
using namespace gdbm::rec;

class TestRecommender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scoringSpaceCentresScalesAndDropsConstantUnits();
    void handComputedRanking();
    void theTwoRulesDiffer();
    void tiesFollowCatalogOrder();
    void heardTracksAreNeverRecommended();
    void explanationTermsSumToTheScore();
    void ratingWeightedPreference();
    void historyIsDistinctTracksWithMeanRatings();
    void emptyHistoryScoresZero();
    void allUsersAtOnceMatchOneByOne();
    void nearTiesRankAsOneByOne();
    void differentScoresPrintDifferently();
};

static Matrix rows(std::initializer_list<std::initializer_list<float>> values)
{
    Matrix m(Eigen::Index(values.size()), Eigen::Index(values.begin()->size()));
    Eigen::Index r = 0;
    for (const auto& row : values) {
        Eigen::Index c = 0;
        for (float v : row)
            m(r, c++) = v;
        ++r;
    }
    return m;
}

void TestRecommender::scoringSpaceCentresScalesAndDropsConstantUnits()
{
    const ScoringSpace space = makeScoringSpace(rows({{1, 5, 0}, {3, 5, 1}, {5, 5, 2}}));
    QCOMPARE(space.droppedUnits, Eigen::Index(1)); // the middle unit never varies
    QCOMPARE(space.vectors.cols(), Eigen::Index(2));
    const double sd = std::sqrt(8.0 / 3.0); // of 1, 3, 5
    QVERIFY(std::abs(space.vectors(0, 0) - (-2.0 / sd)) < 1e-12);
    QVERIFY(std::abs(space.vectors(2, 1) - (1.0 / std::sqrt(2.0 / 3.0))) < 1e-12);
    QVERIFY(std::abs(space.vectors(1, 0)) < 1e-12 && std::abs(space.vectors(1, 1)) < 1e-12);
    QCOMPARE(space.directions.row(1).norm(), 0.0); // the mean song: a zero vector stays zero
    QVERIFY(std::abs(space.directions.row(0).norm() - 1.0) < 1e-12);

    // Units weighted after scaling (audio + tags): the weight multiplies the standardized unit.
    const ScoringSpace weighted = makeScoringSpace(rows({{1, 0}, {3, 2}, {5, 4}}), {1.0, 0.5});
    QVERIFY(std::abs(weighted.vectors(0, 1) - 0.5 * weighted.vectors(0, 0)) < 1e-12);
}

// Symmetric vectors: centring changes nothing, so the cosines can be written down.
static Matrix symmetricRows()
{
    return rows({{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {2, 0}, {-2, 0}});
}

void TestRecommender::handComputedRanking()
{
    const ScoringSpace space = makeScoringSpace(symmetricRows());
    for (ScoringRule rule : {ScoringRule::HistoryMean, ScoringRule::MeanCosine}) {
        const auto top = recommend(space, {{0}, {1.0f}}, {5, 3, rule});
        QCOMPARE(top.size(), 5u);
        QCOMPARE(top[0].track, 4u); // same direction: cosine 1
        QVERIFY(std::abs(top[0].score - 1.0) < 1e-12);
        QCOMPARE(top[1].track, 2u); // orthogonal: 0, then catalog order
        QCOMPARE(top[2].track, 3u);
        QVERIFY(std::abs(top[1].score) < 1e-12);
        QCOMPARE(top[3].track, 1u); // opposite: -1
        QVERIFY(std::abs(top[3].score + 1.0) < 1e-12);
        QCOMPARE(top[0].because.size(), 1u);
        QCOMPARE(top[0].because[0].track, 0u);
    }
}

void TestRecommender::theTwoRulesDiffer()
{
    // History: songs 0 and 2. Standardized, z0 = (1/s0, 0) and z2 = (0, 1/s1) with
    // s0 = sqrt(10/6), s1 = sqrt(2/6). For song 4, direction (1, 0):
    //   history mean: cos(z0 + z2, (1, 0)) = (1/s0) / |(1/s0, 1/s1)|
    //   mean cosine:  (cos(z0, d4) + cos(z2, d4)) / 2 = (1 + 0) / 2
    const ScoringSpace space = makeScoringSpace(symmetricRows());
    const UserHistory heard{{0, 2}, {1.0f, 1.0f}};
    const double a = 1.0 / std::sqrt(10.0 / 6.0), b = 1.0 / std::sqrt(2.0 / 6.0);
    const auto scoreOf = [&](ScoringRule rule) {
        for (const Recommendation& r : recommend(space, heard, {4, 0, rule}))
            if (r.track == 4)
                return r.score;
        return -2.0;
    };
    QVERIFY(std::abs(scoreOf(ScoringRule::HistoryMean) - a / std::hypot(a, b)) < 1e-12);
    QVERIFY(std::abs(scoreOf(ScoringRule::MeanCosine) - 0.5) < 1e-12);
}

void TestRecommender::tiesFollowCatalogOrder()
{
    const ScoringSpace space = makeScoringSpace(rows({{1, 2}, {3, 1}, {3, 1}, {3, 1}, {-1, 0}}));
    const auto top = recommend(space, {{0}, {1.0f}}, {4, 1});
    QCOMPARE(top.size(), 4u);
    for (std::size_t i = 0; i < 3; ++i)
        QCOMPARE(top[i].track, std::uint32_t(i + 1)); // three equal songs, in catalog order
}

static Matrix randomEmbeddings(Eigen::Index tracks, Eigen::Index dims, std::uint64_t seed)
{
    Matrix e(tracks, dims);
    CounterRng rng(seed, RandomPurpose::Baseline);
    for (Eigen::Index i = 0; i < e.size(); ++i)
        e.data()[i] = rng.uniformFloat();
    return e;
}

void TestRecommender::heardTracksAreNeverRecommended()
{
    const ScoringSpace space = makeScoringSpace(randomEmbeddings(500, 8, 1));
    UserHistory heard;
    for (std::uint32_t t = 0; t < 500; t += 3) {
        heard.tracks.push_back(t);
        heard.weights.push_back(1.0f);
    }
    const auto top = recommend(space, heard, {400, 3});
    QCOMPARE(top.size(), 500u - heard.tracks.size()); // everything else, no more
    for (const Recommendation& r : top)
        QVERIFY(r.track % 3 != 0);
    for (std::size_t i = 1; i < top.size(); ++i)
        QVERIFY(top[i - 1].score >= top[i].score);
}

void TestRecommender::explanationTermsSumToTheScore()
{
    const ScoringSpace space = makeScoringSpace(randomEmbeddings(300, 6, 2));
    const UserHistory heard{{4, 17, 99, 150, 201}, {1.0f, 2.0f, 0.5f, 1.0f, 3.0f}};
    for (ScoringRule rule : {ScoringRule::HistoryMean, ScoringRule::MeanCosine}) {
        const auto top = recommend(space, heard, {10, 3, rule});
        for (const Recommendation& r : top) {
            const std::vector<double> terms = scoreTerms(space, heard, r.track, rule);
            double sum = 0;
            for (double t : terms)
                sum += t;
            QVERIFY2(std::abs(sum - r.score) < 1e-12, qPrintable(QString("%1 vs %2").arg(sum).arg(r.score)));
            QCOMPARE(r.because.size(), 3u);
            QVERIFY(r.because[0].term >= r.because[1].term && r.because[1].term >= r.because[2].term);
            QCOMPARE(r.because[0].term, *std::max_element(terms.begin(), terms.end()));
        }
    }
}

void TestRecommender::ratingWeightedPreference()
{
    const ScoringSpace space = makeScoringSpace(randomEmbeddings(50, 4, 6));
    const VectorD weighted = queryVector(space, {{0, 1}, {4.0f, 1.0f}}, ScoringRule::MeanCosine);
    const VectorD expected =
        0.8 * space.directions.row(0).transpose() + 0.2 * space.directions.row(1).transpose();
    QVERIFY((weighted - expected).norm() < 1e-12);
    const VectorD mean = queryVector(space, {{0, 1}, {4.0f, 1.0f}}, ScoringRule::HistoryMean);
    const VectorD u = 0.8 * space.vectors.row(0).transpose() + 0.2 * space.vectors.row(1).transpose();
    QVERIFY((mean - u / u.norm()).norm() < 1e-12);
}

void TestRecommender::historyIsDistinctTracksWithMeanRatings()
{
    sim::SimulationResult r;
    const auto day = std::chrono::sys_days{};
    r.interactions = {
        {0, 5, day, 3.0f}, {1, 9, day, 4.0f}, {1, 2, day, 3.0f}, {1, 9, day, 5.0f}, {2, 1, day, 3.0f}};
    const UserHistory plain = historyOf(r, 1, false);
    QCOMPARE(plain.tracks, (std::vector<std::uint32_t>{2, 9}));
    QCOMPARE(plain.weights, (std::vector<float>{1.0f, 1.0f}));
    const UserHistory weighted = historyOf(r, 1, true);
    QCOMPARE(weighted.weights, (std::vector<float>{3.0f, 4.5f}));
    QVERIFY(historyOf(r, 7, false).tracks.empty());
}

void TestRecommender::emptyHistoryScoresZero()
{
    const ScoringSpace space = makeScoringSpace(randomEmbeddings(20, 4, 3));
    const auto top = recommend(space, {}, {5, 3});
    QCOMPARE(top.size(), 5u);
    for (std::size_t i = 0; i < 5; ++i) {
        QCOMPARE(top[i].score, 0.0);
        QCOMPARE(top[i].track, std::uint32_t(i));
        QVERIFY(top[i].because.empty());
    }
}

void TestRecommender::allUsersAtOnceMatchOneByOne()
{
    const ScoringSpace e = makeScoringSpace(randomEmbeddings(3000, 8, 4));
    std::vector<UserHistory> users;
    CounterRng rng(5, RandomPurpose::Baseline);
    for (int u = 0; u < 150; ++u) {
        UserHistory h;
        for (int i = 0; i < 20; ++i)
            h.tracks.push_back(std::uint32_t(rng.below(3000)));
        std::sort(h.tracks.begin(), h.tracks.end());
        h.tracks.erase(std::unique(h.tracks.begin(), h.tracks.end()), h.tracks.end());
        h.weights.assign(h.tracks.size(), 1.0f);
        users.push_back(h);
    }
    users.push_back({}); // a user with no history: zero scores, catalog order
    // Small groups and tiles: many of both, a ragged last one of each. Every instruction set
    // this processor has: the lists are the one-user path's exactly, scores and all.
    for (Isa isa : {Isa::Baseline, Isa::Avx2, Isa::Avx512}) {
        if (isa > detectedIsa())
            continue;
        const auto all = recommendAll(e, users, {10, 16, 700, kDefaultScoringRule, isa});
        QCOMPARE(all.size(), users.size());
        for (std::size_t u = 0; u < users.size(); ++u) {
            const auto one = recommend(e, users[u], {10, 0});
            QCOMPARE(all[u].size(), one.size());
            for (std::size_t i = 0; i < one.size(); ++i) {
                QCOMPARE(all[u][i].track, one[i].track);
                QCOMPARE(all[u][i].score, one[i].score);
                QVERIFY(!std::binary_search(users[u].tracks.begin(), users[u].tracks.end(), all[u][i].track));
            }
        }
        QCOMPARE(all.back().front().track, 0u);
    }
}

void TestRecommender::nearTiesRankAsOneByOne()
{
    // Songs on a circle (two units): a user's best songs differ by less than single precision
    // resolves, so the screening scores order them wrongly; the exact scores must decide. And a
    // saturated model's songs: identical groups, whose exact ties go to the lower index.
    Matrix e(100000, 2);
    CounterRng rng(7, RandomPurpose::Baseline);
    for (Eigen::Index i = 0; i < e.rows(); ++i) {
        const double angle = 6.283185307179586 * rng.uniform();
        e(i, 0) = float(std::cos(angle));
        e(i, 1) = float(std::sin(angle));
    }
    e.bottomRows(600) = e.topRows(6).replicate(100, 1);
    const ScoringSpace space = makeScoringSpace(e);
    std::vector<UserHistory> users;
    for (std::uint32_t u = 0; u < 200; ++u) {
        UserHistory h{{u, u + 6, 499 * u + 1}, {}};
        std::sort(h.tracks.begin(), h.tracks.end());
        h.tracks.erase(std::unique(h.tracks.begin(), h.tracks.end()), h.tracks.end());
        for (std::size_t i = 0; i < h.tracks.size(); ++i)
            h.weights.push_back(1.0f + float(i % 2));
        users.push_back(h);
    }
    std::vector<std::vector<Recommendation>> oneByOne;
    for (const UserHistory& h : users)
        oneByOne.push_back(recommend(space, h, {10, 0}));
    for (Isa isa : {Isa::Baseline, Isa::Avx2, Isa::Avx512}) {
        if (isa > detectedIsa())
            continue;
        const auto all = recommendAll(space, users, {10, 7, 1600, kDefaultScoringRule, isa});
        for (std::size_t u = 0; u < users.size(); ++u) {
            const auto& one = oneByOne[u];
            QCOMPARE(all[u].size(), one.size());
            for (std::size_t i = 0; i < one.size(); ++i) {
                QCOMPARE(all[u][i].track, one[i].track);
                QCOMPARE(all[u][i].score, one[i].score);
            }
        }
    }
}

void TestRecommender::differentScoresPrintDifferently()
{
    using text::distinguishingDecimals;
    QCOMPARE(distinguishingDecimals({0.1234, 0.5678, 0.9}), 4);
    // 0.56193 and 0.56187 both print 0.5619: one more decimal tells them apart.
    QCOMPARE(distinguishingDecimals({0.56193, 0.9, 0.56187}), 5);
    // Equal values may print equal; the cap bounds the width.
    QCOMPARE(distinguishingDecimals({0.5, 0.5}), 4);
    QCOMPARE(distinguishingDecimals({0.5, 0.5 + 1e-12}), 7);
    QCOMPARE(distinguishingDecimals({}), 4);
    // Apart at 5 decimals (0.50000, 0.50001) but together again at 5 (0.12345 twice): 6.
    QCOMPARE(distinguishingDecimals({0.123449, 0.123451, 0.5, 0.50001}), 6);
}

QTEST_APPLESS_MAIN(TestRecommender)
#include "TestRecommender.moc"
