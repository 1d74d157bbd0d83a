#include "core/Random.h"
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
    void handComputedRanking();
    void tiesFollowCatalogOrder();
    void heardTracksAreNeverRecommended();
    void explanationTermsSumToTheScore();
    void ratingWeightedPreference();
    void historyIsDistinctTracksWithMeanRatings();
    void emptyHistoryScoresZero();
    void allUsersAtOnceMatchOneByOne();
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

void TestRecommender::handComputedRanking()
{
    const Matrix e = rows({{1, 0}, {0, 1}, {1, 1}, {2, 0}, {0, 0}});
    const UserHistory heard{{0}, {1.0f}};
    const auto top = recommend(e, heard, {3, 3});
    QCOMPARE(top.size(), 3u);
    QCOMPARE(top[0].track, 3u); // same direction: cosine 1
    QCOMPARE(top[0].score, 1.0f);
    QCOMPARE(top[1].track, 2u);
    QVERIFY(std::abs(top[1].score - 1.0f / std::sqrt(2.0f)) < 1e-6f);
    QCOMPARE(top[2].track, 1u); // 0 for the orthogonal track and the zero embedding: catalog order
    QCOMPARE(top[2].score, 0.0f);
    QCOMPARE(top[0].because.size(), 1u);
    QCOMPARE(top[0].because[0].track, 0u);
}

void TestRecommender::tiesFollowCatalogOrder()
{
    const Matrix e = rows({{1, 2}, {3, 1}, {3, 1}, {3, 1}, {6, 2}});
    const auto top = recommend(e, {{0}, {1.0f}}, {4, 1});
    QCOMPARE(top.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i)
        QCOMPARE(top[i].track, std::uint32_t(i + 1)); // four equal cosines, in catalog order
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
    const Matrix e = randomEmbeddings(500, 8, 1);
    UserHistory heard;
    for (std::uint32_t t = 0; t < 500; t += 3) {
        heard.tracks.push_back(t);
        heard.weights.push_back(1.0f);
    }
    const auto top = recommend(e, heard, {400, 3});
    QCOMPARE(top.size(), 500u - heard.tracks.size()); // everything else, no more
    for (const Recommendation& r : top)
        QVERIFY(r.track % 3 != 0);
    for (std::size_t i = 1; i < top.size(); ++i)
        QVERIFY(top[i - 1].score >= top[i].score);
}

void TestRecommender::explanationTermsSumToTheScore()
{
    const Matrix e = randomEmbeddings(300, 6, 2);
    const UserHistory heard{{4, 17, 99, 150, 201}, {1.0f, 2.0f, 0.5f, 1.0f, 3.0f}};
    const auto top = recommend(e, heard, {10, 3});
    for (const Recommendation& r : top) {
        const std::vector<float> terms = scoreTerms(e, heard, r.track);
        float sum = 0;
        for (float t : terms)
            sum += t;
        QVERIFY2(std::abs(sum - r.score) < 1e-5f, qPrintable(QString("%1 vs %2").arg(sum).arg(r.score)));
        QCOMPARE(r.because.size(), 3u);
        QVERIFY(r.because[0].term >= r.because[1].term && r.because[1].term >= r.because[2].term);
        const float largest = *std::max_element(terms.begin(), terms.end());
        QCOMPARE(r.because[0].term, largest);
    }
}

void TestRecommender::ratingWeightedPreference()
{
    const Matrix e = rows({{1, 0}, {0, 1}});
    const Vector equal = preferenceVector(e, {{0, 1}, {1.0f, 1.0f}});
    QCOMPARE(equal(0), 0.5f);
    const Vector weighted = preferenceVector(e, {{0, 1}, {4.0f, 1.0f}});
    QCOMPARE(weighted(0), 0.8f);
    QCOMPARE(weighted(1), 0.2f);
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
    const Matrix e = randomEmbeddings(20, 4, 3);
    const auto top = recommend(e, {}, {5, 3});
    QCOMPARE(top.size(), 5u);
    for (std::size_t i = 0; i < 5; ++i) {
        QCOMPARE(top[i].score, 0.0f);
        QCOMPARE(top[i].track, std::uint32_t(i));
        QVERIFY(top[i].because.empty());
    }
}

void TestRecommender::allUsersAtOnceMatchOneByOne()
{
    const Matrix e = randomEmbeddings(3000, 8, 4);
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
    // Small blocks and tiles: many of both, a ragged last one of each.
    const auto all = recommendAll(e, users, {10, 16, 700});
    QCOMPARE(all.size(), users.size());
    for (std::size_t u = 0; u < users.size(); ++u) {
        const auto one = recommend(e, users[u], {10, 0});
        QCOMPARE(all[u].size(), one.size());
        for (std::size_t i = 0; i < one.size(); ++i) {
            QVERIFY(std::abs(all[u][i].score - one[i].score) < 1e-5f);
            if (all[u][i].track != one[i].track) // only a near-tie may swap
                QVERIFY(std::abs(all[u][i].score - one[i].score) < 1e-5f);
            QVERIFY(!std::binary_search(users[u].tracks.begin(), users[u].tracks.end(), all[u][i].track));
        }
    }
    QCOMPARE(all.back().front().track, 0u);
}

QTEST_APPLESS_MAIN(TestRecommender)
#include "TestRecommender.moc"
