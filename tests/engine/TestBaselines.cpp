#include "core/Error.h"
#include "core/Random.h"
#include "data/DemoCatalog.h"
#include "rec/BaselineTuning.h"
#include "rec/Evaluation.h"
#include "rec/ImplicitAls.h"
#include "rec/ItemKnn.h"
#include "rec/TrainingInteractions.h"
#include "sim/Archetype.h"
#include "sim/Simulator.h"

#include <Eigen/Dense>
#include <QTest>
#include <chrono>
#include <cmath>
#include <ctime>
#include <set>
#include <tbb/global_control.h>

using namespace gdbm;
using namespace gdbm::rec;

class TestBaselines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void itemKnnScoresByHand();
    void itemKnnKeepsTheNearestNeighbours();
    void alsRanksHeardAboveUnheard();
    void alsTrackRowsSolveTheirNormalEquations();
    void deterministicWhateverTheThreads();
    void validationSplitIsSeededPartition();
    void tuningTriesTheWholeGrid();
    void demoCatalogBenchmark();
};

namespace {

// 4 users, 5 tracks. Listeners: t0 {0,1}, t1 {0,1,2}, t2 {0,2}, t3 {2,3}, t4 {3}.
TrainingInteractions tiny()
{
    return {5, {{0, 1, 2}, {0, 1}, {1, 2, 3}, {3, 4}}};
}

// Users who each prefer one of `groups` blocks of tracks: `perUser` tracks, 80% from their block.
TrainingInteractions clustered(std::size_t users, std::size_t tracks, std::size_t groups, std::size_t perUser,
                               std::uint64_t seed)
{
    TrainingInteractions data;
    data.catalogSize = tracks;
    const std::size_t block = tracks / groups;
    for (std::size_t u = 0; u < users; ++u) {
        CounterRng rng(seed, RandomPurpose::Sampling, u);
        std::set<std::uint32_t> heard;
        while (heard.size() < perUser) {
            const bool own = rng.uniform() < 0.8;
            heard.insert(std::uint32_t(own ? (u % groups) * block + rng.below(block) : rng.below(tracks)));
        }
        data.tracksOfUser.emplace_back(heard.begin(), heard.end());
    }
    return data;
}

std::vector<double> scoresOf(const ItemKnn& knn, const std::vector<std::uint32_t>& history)
{
    std::vector<double> s(knn.catalogSize());
    knn.score(history, s);
    return s;
}

} // namespace

void TestBaselines::itemKnnScoresByHand()
{
    const ItemKnn knn(tiny(), {0});
    const double c = 1.0 / std::sqrt(6.0); // one common listener of t1 (3 listeners) and a 2-listener track
    // sim(0,1) = 2c, sim(0,2) = 1/2, sim(1,2) = 2c, sim(1,3) = c, sim(2,3) = 1/2, sim(3,4) = 1/sqrt(2).
    const std::vector<double> one = scoresOf(knn, {0});
    const std::vector<double> expectedOne{0, 2 * c, 0.5, 0, 0};
    const std::vector<double> two = scoresOf(knn, {1, 3});
    const std::vector<double> expectedTwo{2 * c, c, 2 * c + 0.5, c, 1 / std::sqrt(2.0)};
    for (std::size_t t = 0; t < 5; ++t) {
        QVERIFY(std::abs(one[t] - expectedOne[t]) < 1e-12);
        QVERIFY(std::abs(two[t] - expectedTwo[t]) < 1e-12);
    }
    QCOMPARE(scoresOf(knn, {}), std::vector<double>(5, 0.0));
}

void TestBaselines::itemKnnKeepsTheNearestNeighbours()
{
    const ItemKnn one(tiny(), {1});
    const ItemKnn two(tiny(), {2});
    // t1's nearest are t0 and t2 (2/sqrt(6) each): the tie keeps the lower index.
    QCOMPARE(std::vector<std::uint32_t>(one.neighboursOf(1).begin(), one.neighboursOf(1).end()),
             std::vector<std::uint32_t>{0});
    // t2: t1 (2/sqrt(6)), then t0 and t3 tie at 1/2.
    QCOMPARE(std::vector<std::uint32_t>(two.neighboursOf(2).begin(), two.neighboursOf(2).end()),
             (std::vector<std::uint32_t>{1, 0}));
    // With one neighbour each, {1, 3} scores only t1's t0 and t3's t4.
    const std::vector<double> s = scoresOf(one, {1, 3});
    const std::vector<double> expected{2 / std::sqrt(6.0), 0, 0, 0, 1 / std::sqrt(2.0)};
    for (std::size_t t = 0; t < 5; ++t)
        QVERIFY(std::abs(s[t] - expected[t]) < 1e-12);
}

void TestBaselines::alsRanksHeardAboveUnheard()
{
    const TrainingInteractions data{6, {{0, 1}, {1, 2, 3}, {4}, {0, 5}}};
    AlsParams p;
    p.rank = 4; // >= users: the factors can fit the preferences
    p.lambda = 0.01;
    p.iterations = 30;
    const ImplicitAls als(data, p);
    std::vector<double> s(6);
    for (std::uint32_t u = 0; u < 4; ++u) {
        als.score(u, s);
        double heard = 1e9, unheard = -1e9; // the lowest heard score, the highest unheard one
        for (std::uint32_t t = 0; t < 6; ++t) {
            if (std::binary_search(data.tracksOfUser[u].begin(), data.tracksOfUser[u].end(), t))
                heard = std::min(heard, s[t]);
            else
                unheard = std::max(unheard, s[t]);
        }
        QVERIFY2(heard > unheard, qPrintable(QString("user %1: %2 <= %3").arg(u).arg(heard).arg(unheard)));
    }
}

void TestBaselines::alsTrackRowsSolveTheirNormalEquations()
{
    const TrainingInteractions data = clustered(30, 40, 3, 8, 5);
    AlsParams p;
    p.rank = 6;
    p.alpha = 10;
    p.lambda = 0.5;
    p.iterations = 3;
    const ImplicitAls als(data, p);
    const auto& x = als.userFactors();
    const auto listeners = listenersOfTracks(data);
    // Tracks with fewer listeners than the rank take the matrix inversion lemma, the others the
    // rank x rank system: both are checked.
    std::size_t few = 0;
    for (const auto& l : listeners)
        few += l.size() < p.rank ? 1 : 0;
    QVERIFY(few > 0 && few < listeners.size());
    for (std::uint32_t i = 0; i < listeners.size(); ++i) {
        // Dense: (X^T C_i X + lambda I) y = X^T C_i p_i, C_i = diag(1 + alpha p_ui), over all users.
        Eigen::MatrixXd a = p.lambda * Eigen::MatrixXd::Identity(6, 6);
        Eigen::VectorXd b = Eigen::VectorXd::Zero(6);
        for (Eigen::Index u = 0; u < x.rows(); ++u) {
            const bool heard = std::binary_search(listeners[i].begin(), listeners[i].end(), std::uint32_t(u));
            const double c = 1 + (heard ? p.alpha : 0.0);
            a += c * x.row(u).transpose() * x.row(u);
            if (heard)
                b += c * x.row(u).transpose();
        }
        const Eigen::VectorXd y = als.trackFactors().row(i).transpose();
        const Eigen::VectorXd dense = a.ldlt().solve(b);
        QVERIFY2((a * y - b).norm() <= 1e-10 * std::max(1.0, b.norm()), qPrintable(QString::number(i)));
        QVERIFY((y - dense).norm() <= 1e-10 * std::max(1.0, dense.norm()));
    }
}

void TestBaselines::deterministicWhateverTheThreads()
{
    const TrainingInteractions data = clustered(200, 300, 5, 20, 7);
    const ValidationSplit split = splitForValidation(data, 0.2, 5, 3);
    AlsParams p;
    p.rank = 8;
    p.iterations = 4;
    const auto run = [&](std::size_t threads) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
        const ImplicitAls als(split.train, p);
        const ItemKnn knn(split.train, {10});
        const double alsNdcg =
            validationNdcg(split, 10, [&](std::uint32_t u, std::span<double> s) { als.score(u, s); });
        const double knnNdcg = validationNdcg(split, 10, [&](std::uint32_t u, std::span<double> s) {
            knn.score(split.train.tracksOfUser[u], s);
        });
        return std::make_tuple(ImplicitAls::Factors(als.trackFactors()),
                               ImplicitAls::Factors(als.userFactors()),
                               scoresOf(knn, split.train.tracksOfUser[3]), alsNdcg, knnNdcg);
    };
    const auto one = run(1);
    const auto two = run(2);
    QVERIFY(std::get<0>(one) == std::get<0>(two));
    QVERIFY(std::get<1>(one) == std::get<1>(two));
    QCOMPARE(std::get<2>(one), std::get<2>(two));
    QCOMPARE(std::get<3>(one), std::get<3>(two));
    QCOMPARE(std::get<4>(one), std::get<4>(two));
    QVERIFY(std::get<4>(one) > 0); // the clusters are there to be found
}

void TestBaselines::validationSplitIsSeededPartition()
{
    TrainingInteractions data = clustered(50, 100, 4, 10, 9);
    data.tracksOfUser[7] = {1, 2, 3, 4}; // too few: kept whole
    const ValidationSplit a = splitForValidation(data, 0.2, 5, 11);
    const ValidationSplit b = splitForValidation(data, 0.2, 5, 11);
    const ValidationSplit c = splitForValidation(data, 0.2, 5, 12);
    QCOMPARE(a.heldOut, b.heldOut);
    QCOMPARE(a.train.tracksOfUser, b.train.tracksOfUser);
    QVERIFY(a.heldOut != c.heldOut);
    QCOMPARE(a.train.catalogSize, data.catalogSize);
    QVERIFY(a.heldOut[7].empty());
    for (std::size_t u = 0; u < data.tracksOfUser.size(); ++u) {
        const auto& train = a.train.tracksOfUser[u];
        const auto& held = a.heldOut[u];
        if (u != 7)
            QCOMPARE(held.size(), std::size_t(2));
        std::vector<std::uint32_t> both;
        std::set_intersection(train.begin(), train.end(), held.begin(), held.end(), std::back_inserter(both));
        QVERIFY(both.empty());
        std::set_union(train.begin(), train.end(), held.begin(), held.end(), std::back_inserter(both));
        QCOMPARE(both, data.tracksOfUser[u]);
    }
}

void TestBaselines::tuningTriesTheWholeGrid()
{
    // 80 listeners: rank 64 is worth a fit, rank 128 is not (the tuning's validation split keeps
    // every listener and more than 64 heard tracks).
    const TrainingInteractions data = clustered(80, 100, 4, 12, 13);
    QCOMPARE(largestUsefulRank(data), std::size_t(80));
    // Users without a track and tracks without a listener add no dimension.
    QCOMPARE(largestUsefulRank({9, {{0, 1}, {}, {1, 2}}}), std::size_t(2));
    QCOMPARE(largestUsefulRank({9, {{0}, {0}, {0}}}), std::size_t(1));
    const TunedItemKnn knn = tuneItemKnn(data, 1);
    QCOMPARE(knn.tried.size(), itemKnnGrid().size());
    for (std::size_t i = 0; i < knn.tried.size(); ++i)
        QVERIFY(knn.tried[i].first == itemKnnGrid()[i]);
    QVERIFY(std::find(itemKnnGrid().begin(), itemKnnGrid().end(), knn.best) != itemKnnGrid().end());
    double bestKnn = 0;
    for (const auto& t : knn.tried)
        bestKnn = std::max(bestKnn, t.second);
    QCOMPARE(knn.validationNdcg, bestKnn);

    std::vector<JobProgress> reports;
    const TunedAls als =
        tuneImplicitAls(data, 1, nullptr, [&](const JobProgress& p) { reports.push_back(p); });
    const std::vector<AlsParams> grid = implicitAlsGrid(1);
    // The grid first, then the larger ranks up to the useful one at its best alpha and lambda, then
    // the lambdas at the best rank (those not tried yet): each candidate once.
    const std::size_t largerRanks = 1;
    QVERIFY(als.tried.size() > grid.size() + largerRanks);
    QVERIFY(als.tried.size() <= grid.size() + largerRanks + kAlsLambdas.size() - 1);
    for (std::size_t i = 0; i < grid.size(); ++i)
        QVERIFY(als.tried[i].first == grid[i]);
    AlsParams gridBest = grid[0];
    double gridNdcg = -1;
    for (std::size_t i = 0; i < grid.size(); ++i) {
        if (als.tried[i].second > gridNdcg) {
            gridNdcg = als.tried[i].second;
            gridBest = grid[i];
        }
    }
    for (std::size_t r = 0; r < largerRanks; ++r) {
        AlsParams larger = gridBest;
        larger.rank = kAlsLargerRanks[r];
        QVERIFY(als.tried[grid.size() + r].first == larger);
    }
    double bestTried = -1;
    for (std::size_t i = 0; i < als.tried.size(); ++i) {
        QVERIFY(als.tried[i].first.rank <= largestUsefulRank(data));
        bestTried = std::max(bestTried, als.tried[i].second);
        for (std::size_t j = 0; j < i; ++j)
            QVERIFY(!(als.tried[i].first == als.tried[j].first));
    }
    QCOMPARE(als.validationNdcg, bestTried);
    QVERIFY(
        std::any_of(als.tried.begin(), als.tried.end(), [&](const auto& t) { return t.first == als.best; }));
    QCOMPARE(reports.size(), als.tried.size() + 1);
    QVERIFY(als.validationNdcg > 0);

    CancelFlag cancel{true};
    QVERIFY_THROWS_EXCEPTION(Cancelled, tuneImplicitAls(data, 1, &cancel));
}

// Not a unit test: the baselines on the demo catalog and 1,000 simulated users, the evaluation's
// warm protocol. Run with GDBM_BASELINE_BENCHMARK=1; prints NDCG@10 and timings.
void TestBaselines::demoCatalogBenchmark()
{
    if (qEnvironmentVariableIsEmpty("GDBM_BASELINE_BENCHMARK"))
        QSKIP("set GDBM_BASELINE_BENCHMARK=1 to measure the baselines on the demo catalog");
    using Clock = std::chrono::steady_clock;
    // Wall and process CPU seconds (the CPU time says more on a busy machine).
    std::clock_t cpuStart = 0;
    const auto seconds = [&](Clock::time_point since) {
        return QString("%1 s (CPU %2 s)")
            .arg(std::chrono::duration<double>(Clock::now() - since).count(), 0, 'f', 2)
            .arg(double(std::clock() - cpuStart) / CLOCKS_PER_SEC, 0, 'f', 2);
    };
    const data::Catalog catalog = data::generateDemoCatalog({});
    sim::SimulationParams simParams;
    simParams.thresholds = data::GenreThresholds::scaledFor(catalog.size());
    const sim::SimulationResult simulation = sim::simulate(catalog, sim::defaultArchetypes(), simParams);
    const Holdout holdout = splitHoldout(simulation, {});

    // The evaluation's split as a ValidationSplit: train = the holdout's train parts.
    ValidationSplit warm;
    warm.train.catalogSize = catalog.size();
    warm.train.tracksOfUser.resize(simulation.users.size());
    warm.heldOut.resize(simulation.users.size());
    for (const UserSplit& s : holdout.users) {
        warm.train.tracksOfUser[s.user] = s.train.tracks;
        warm.heldOut[s.user] = s.heldOut;
    }
    qInfo("%zu tracks, %zu users, %zu evaluated", catalog.size(), simulation.users.size(),
          holdout.users.size());

    auto start = Clock::now();
    cpuStart = std::clock();
    const TunedItemKnn tunedKnn = tuneItemKnn(warm.train, 1);
    const QString tuneKnnSeconds = seconds(start);
    for (const auto& [p, ndcg] : tunedKnn.tried)
        qInfo("item-kNN neighbours %zu: validation NDCG@10 %.4f", p.neighbours, ndcg);
    start = Clock::now();
    cpuStart = std::clock();
    const ItemKnn knn(warm.train, tunedKnn.best);
    const QString trainKnnSeconds = seconds(start);
    const double knnNdcg = validationNdcg(
        warm, 10, [&](std::uint32_t u, std::span<double> s) { knn.score(warm.train.tracksOfUser[u], s); });
    qInfo("item-kNN (neighbours %zu): test NDCG@10 %.4f; tuning %s, training %s", tunedKnn.best.neighbours,
          knnNdcg, qPrintable(tuneKnnSeconds), qPrintable(trainKnnSeconds));

    start = Clock::now();
    cpuStart = std::clock();
    const TunedAls tunedAls = tuneImplicitAls(warm.train, 1);
    const QString tuneAlsSeconds = seconds(start);
    for (const auto& [p, ndcg] : tunedAls.tried)
        qInfo("ALS alpha %g lambda %g: validation NDCG@10 %.4f", p.alpha, p.lambda, ndcg);
    start = Clock::now();
    cpuStart = std::clock();
    const ImplicitAls als(warm.train, tunedAls.best);
    const QString trainAlsSeconds = seconds(start);
    const double alsNdcg =
        validationNdcg(warm, 10, [&](std::uint32_t u, std::span<double> s) { als.score(u, s); });
    qInfo("implicit ALS (alpha %g, lambda %g): test NDCG@10 %.4f; tuning %s, training %s",
          tunedAls.best.alpha, tunedAls.best.lambda, alsNdcg, qPrintable(tuneAlsSeconds),
          qPrintable(trainAlsSeconds));

    const auto listeners = listenersOfTracks(warm.train);
    const double popularity = validationNdcg(warm, 10, [&](std::uint32_t, std::span<double> s) {
        for (std::size_t t = 0; t < s.size(); ++t)
            s[t] = double(listeners[t].size());
    });
    qInfo("popularity: test NDCG@10 %.4f", popularity);
    QVERIFY(knnNdcg >= 0.15);
}

QTEST_APPLESS_MAIN(TestBaselines)
#include "TestBaselines.moc"
