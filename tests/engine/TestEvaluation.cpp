#include "core/Random.h"
#include "data/Csv.h"
#include "data/DatasetLoader.h"
#include "model/Standardizer.h"
#include "rec/Evaluation.h"
#include "rec/PairedDifference.h"

#include <QTest>
#include <cmath>
#include <tbb/global_control.h>

using namespace gdbm;
using namespace gdbm::rec;

namespace {

// A method's evaluation as the paired statistics read it: its overall metrics, whether it ranks,
// and each user's NDCG@K.
MethodEvaluation evaluated(std::string method, MetricValues overall, bool ranked,
                           std::vector<double> userNdcg)
{
    MethodEvaluation e;
    e.method = std::move(method);
    e.overall = std::move(overall);
    e.ranked = ranked;
    e.userNdcg = std::move(userNdcg);
    return e;
}

} // namespace

class TestEvaluation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void holdoutSplitsEachUser();
    void holdoutIsSeeded();
    void twoClustersAreRecommendedConsistently();
    void baselinesBehaveAsExpected();
    void deterministicWhateverTheThreads();
    void blocksOfUsersScoreAsOneUserAtATime();
    void perUserNdcgAveragesToTheOverall();
    void pairedDifferenceAndItsError();

private:
    EvaluationResult run() const;

    data::Catalog m_catalog;
    sim::SimulationResult m_simulation;
    Matrix m_features;
};

// Two well-separated clusters of 20 tracks (loud and energetic, or quiet and calm), and users
// who each heard 18 tracks of one cluster: their held-out tracks are most of what their cluster
// has left, so a method that stays in the cluster hits them.
void TestEvaluation::initTestCase()
{
    std::string csv = "name,artist,genre,energy,loudness,acousticness,popularity\n";
    CounterRng rng(3, RandomPurpose::DemoCatalog);
    for (int i = 0; i < 40; ++i) {
        const bool loud = i % 2 == 0;
        const double energy = (loud ? 0.85 : 0.15) + rng.uniform(-0.08, 0.08);
        const double loudness = (loud ? -4.0 : -18.0) + rng.uniform(-1.5, 1.5);
        const double acoustic = (loud ? 0.1 : 0.85) + rng.uniform(-0.08, 0.08);
        csv += std::string("T") + std::to_string(i) + ",A" + std::to_string(i % 7) + ",pop," +
               std::to_string(energy) + "," + std::to_string(loudness) + "," + std::to_string(acoustic) +
               "," + std::to_string(rng.below(100)) + "\n";
    }
    m_catalog = data::loadDocuments({data::parseCsv(csv, "clusters.csv")});
    QCOMPARE(m_catalog.size(), std::size_t(40));

    sim::ArchetypeSet set;
    sim::Preference high, low;
    high.attribute = low.attribute = sim::attributeOf(data::Feature::Energy);
    high.min = 0.6;
    high.max = 1.0;
    low.min = 0.0;
    low.max = 0.4;
    set.archetypes = {{"Loud", 0.5, 18, {high}}, {"Quiet", 0.5, 18, {low}}};
    sim::SimulationParams params;
    params.users = 120;
    params.discoveryShare = 0; // keep the users inside their cluster
    params.thresholds = data::GenreThresholds::scaledFor(m_catalog.size());
    m_simulation = sim::simulate(m_catalog, set, params);
    const RawMatrix raw = m_catalog.featureMatrix(m_catalog.featureList());
    m_features = model::Standardizer::fit(raw).transform(raw);
}

void TestEvaluation::holdoutSplitsEachUser()
{
    sim::SimulationResult small = m_simulation;
    // A user with 4 distinct tracks is skipped.
    small.interactions.erase(std::remove_if(small.interactions.begin(), small.interactions.end(),
                                            [](const sim::Interaction& i) { return i.user == 0; }),
                             small.interactions.end());
    for (std::uint32_t t = 0; t < 4; ++t)
        small.interactions.insert(small.interactions.begin(), {0, t * 2, std::chrono::sys_days{}, 3.0f});
    const Holdout h = splitHoldout(small, {});
    QCOMPARE(h.skipped, std::size_t(1));
    QCOMPARE(h.users.size(), small.users.size() - 1);
    for (const UserSplit& s : h.users) {
        const UserHistory all = historyOf(small, s.user, false);
        QCOMPARE(s.heldOut.size(), std::size_t(std::llround(0.2 * double(all.tracks.size()))));
        std::vector<std::uint32_t> both = s.train.tracks;
        both.insert(both.end(), s.heldOut.begin(), s.heldOut.end());
        std::sort(both.begin(), both.end());
        QCOMPARE(both, all.tracks); // a partition of the distinct tracks
        QVERIFY(std::is_sorted(s.heldOut.begin(), s.heldOut.end()));
    }
}

void TestEvaluation::holdoutIsSeeded()
{
    const Holdout a = splitHoldout(m_simulation, {0.2, 5, 1});
    const Holdout b = splitHoldout(m_simulation, {0.2, 5, 1});
    const Holdout c = splitHoldout(m_simulation, {0.2, 5, 2});
    bool differs = false;
    for (std::size_t i = 0; i < a.users.size(); ++i) {
        QCOMPARE(a.users[i].heldOut, b.users[i].heldOut);
        differs = differs || a.users[i].heldOut != c.users[i].heldOut;
    }
    QVERIFY(differs);
}

EvaluationResult TestEvaluation::run() const
{
    const Holdout h = splitHoldout(m_simulation, {});
    const auto cosine = makeCosineRanker("features", m_features);
    const auto popularity = makePopularityRanker(listenersPerTrack(h, m_catalog.size()));
    const auto random = makeRandomRanker(9);
    // K = 5: each user's cluster has 6 tracks they have not trained on (4 of them held out).
    return evaluate(m_catalog, m_simulation, h, {cosine.get(), popularity.get(), random.get()}, 5,
                    m_features);
}

void TestEvaluation::twoClustersAreRecommendedConsistently()
{
    const EvaluationResult r = run();
    QCOMPARE(r.methods.size(), std::size_t(3));
    QCOMPARE(r.usersEvaluated, std::size_t(120));
    const MetricValues& cosine = r.methods[0].overall;
    QCOMPARE(r.methods[0].method, std::string("features"));
    QVERIFY2(cosine.at("archetype_consistency") > 0.99,
             qPrintable(QString::number(cosine.at("archetype_consistency"))));
    QVERIFY2(cosine.at("hit_rate") > 0.9, qPrintable(QString::number(cosine.at("hit_rate"))));
    QCOMPARE(r.methods[0].perArchetype.size(), std::size_t(2));
    // Every evaluated user counted in their archetype's group.
    QCOMPARE(r.usersPerArchetype.size(), std::size_t(2));
    QCOMPARE(r.usersPerArchetype.at("Loud") + r.usersPerArchetype.at("Quiet"), r.usersEvaluated);
    QVERIFY(r.usersPerArchetype.at("Loud") > 30 && r.usersPerArchetype.at("Quiet") > 30);
    QVERIFY(r.methods[0].perArchetype.at("Quiet").at("archetype_consistency") > 0.99);
    for (const auto& [name, value] : cosine)
        QVERIFY2(std::isfinite(value) && value >= 0, name.c_str());
}

void TestEvaluation::baselinesBehaveAsExpected()
{
    const EvaluationResult r = run();
    const MetricValues& cosine = r.methods[0].overall;
    const MetricValues& popularity = r.methods[1].overall;
    const MetricValues& random = r.methods[2].overall;
    // Random: about 6 of the 22 tracks it can pick are in the user's cluster; it covers the catalog.
    QVERIFY(random.at("archetype_consistency") > 0.1 && random.at("archetype_consistency") < 0.5);
    QVERIFY(random.at("coverage") > 0.9);
    QVERIFY(random.at("gini") < popularity.at("gini"));
    // Popularity recommends nearly the same few tracks to everyone.
    QVERIFY(popularity.at("coverage") < random.at("coverage"));
    QVERIFY(cosine.at("ndcg") > random.at("ndcg"));
    QVERIFY(cosine.at("novelty") > 0);
}

void TestEvaluation::deterministicWhateverTheThreads()
{
    EvaluationResult one;
    {
        tbb::global_control single(tbb::global_control::max_allowed_parallelism, 1);
        one = run();
    }
    const EvaluationResult two = run();
    for (std::size_t m = 0; m < one.methods.size(); ++m) {
        QVERIFY(one.methods[m].overall == two.methods[m].overall);
        QVERIFY(one.methods[m].perArchetype == two.methods[m].perArchetype);
    }
}

// The evaluation scores users in blocks (Ranker::scoreUsers): cosine scoring as one matrix
// product, which must give each user's scores as score() does, up to rounding.
void TestEvaluation::blocksOfUsersScoreAsOneUserAtATime()
{
    const Holdout h = splitHoldout(m_simulation, {});
    std::vector<std::uint32_t> users;
    std::vector<const UserHistory*> histories;
    for (std::size_t i = 0; i < 7; ++i) {
        users.push_back(h.users[i * 11].user);
        histories.push_back(&h.users[i * 11].train);
    }
    for (ScoringRule rule : {ScoringRule::HistoryMean, ScoringRule::MeanCosine}) {
        const auto cosine = makeCosineRanker("features", m_features, rule);
        const auto random = makeRandomRanker(9);
        for (const Ranker* ranker : {cosine.get(), random.get()}) {
            MatrixD block(Eigen::Index(users.size()), Eigen::Index(m_catalog.size()));
            ranker->scoreUsers(users, histories, block);
            for (std::size_t i = 0; i < users.size(); ++i) {
                std::vector<double> one(m_catalog.size());
                ranker->score(users[i], *histories[i], one);
                const Eigen::Map<const Eigen::RowVectorXd> alone(one.data(), Eigen::Index(one.size()));
                QVERIFY2((block.row(Eigen::Index(i)) - alone).cwiseAbs().maxCoeff() < 1e-12,
                         qPrintable(QString::fromStdString(ranker->name())));
                QVERIFY(alone.cwiseAbs().maxCoeff() > 0);
                // The best tracks exclude the history and come best first.
                const std::vector<std::uint32_t> top = topTracks(one, *histories[i], 5);
                QCOMPARE(top.size(), std::size_t(5));
                for (std::size_t r = 0; r < top.size(); ++r) {
                    QVERIFY(!std::binary_search(histories[i]->tracks.begin(), histories[i]->tracks.end(),
                                                top[r]));
                    QVERIFY(r == 0 || one[top[r - 1]] >= one[top[r]]);
                }
            }
        }
    }
}

void TestEvaluation::perUserNdcgAveragesToTheOverall()
{
    const EvaluationResult r = run();
    for (const MethodEvaluation& m : r.methods) {
        QCOMPARE(m.userNdcg.size(), r.usersEvaluated);
        double sum = 0;
        for (double v : m.userNdcg) {
            QVERIFY(v >= 0 && v <= 1);
            sum += v;
        }
        QVERIFY(std::abs(sum / double(m.userNdcg.size()) - m.overall.at("ndcg")) < 1e-12);
        // The statistics a project keeps are the per-user values' own.
        QCOMPARE(m.ndcgStandardError, *meanNdcgStandardError(m));
        QVERIFY(m.ndcgStandardError > 0);
        QVERIFY(m.ndcgAgainst.empty()); // none of these three is a DBM ranking
    }
    // The clusters' cosine ranks better than random, user by user, by far more than the noise.
    const auto difference = pairedNdcgDifference(r.methods[0], r.methods[2]);
    QVERIFY(difference);
    QCOMPARE(difference->users, r.usersEvaluated);
    QVERIFY(std::abs(difference->mean - (r.methods[0].overall.at("ndcg") - r.methods[2].overall.at("ndcg"))) <
            1e-6);
    QVERIFY(difference->mean > 0 && !difference->withinTwoStandardErrors());
}

void TestEvaluation::pairedDifferenceAndItsError()
{
    MethodEvaluation dbm = evaluated("dbm-hybrid", {{"ndcg", 0.5}}, true, {1.0, 0.0, 0.5, 0.5});
    MethodEvaluation tags = evaluated("audio-tags", {{"ndcg", 0.25}}, true, {0.5, 0.0, 0.5, 0.0});
    MethodEvaluation knn = evaluated("item-knn", {{"ndcg", 0.2}}, true, {0.2, 0.2, 0.2, 0.2});
    MethodEvaluation mf = evaluated("implicit-mf", {}, false, {}); // cannot rank: never the best
    // Differences 0.5, 0, 0, 0.5: mean 0.25, sample variance 1/12, standard error sqrt(1/48).
    const auto difference = pairedNdcgDifference(dbm, tags);
    QVERIFY(difference);
    QCOMPARE(difference->users, std::size_t(4));
    QVERIFY(std::abs(difference->mean - 0.25) < 1e-12);
    QVERIFY(std::abs(difference->standardError - std::sqrt(1.0 / 48)) < 1e-12);
    QVERIFY(difference->withinTwoStandardErrors()); // 0.25 < 2 * 0.144
    QVERIFY(std::abs(*meanNdcgStandardError(knn)) < 1e-12);
    QVERIFY(pairedNdcgDifference(knn, knn)->withinTwoStandardErrors()); // alike: 0 within 2 x 0
    QVERIFY(!pairedNdcgDifference(dbm, mf));                            // no per-user values to pair
    QVERIFY(!meanNdcgStandardError(mf));

    EvaluationResult r;
    // The hybrid leads even where an audio-only ranking scores higher.
    MethodEvaluation topAbove = evaluated("dbm-top", {{"ndcg", 0.9}}, true, {0.9, 0.9, 0.9, 0.9});
    r.methods = {mf, knn, topAbove, dbm, tags};
    QCOMPARE(leadingDbm(r)->method, std::string("dbm-hybrid"));
    QCOMPARE(bestBaseline(r)->method, std::string("audio-tags"));
    // Each DBM ranking's paired difference to each ranked baseline, kept in the result.
    addPairedStatistics(r);
    QCOMPARE(r.methods[3].ndcgAgainst.size(), std::size_t(2)); // item-kNN and audio + tags
    QVERIFY(r.methods[3].ndcgAgainst.at("audio-tags") == *difference);
    QVERIFY(r.methods[1].ndcgAgainst.empty() && r.methods[0].ndcgAgainst.empty());
    QVERIFY(std::isnan(r.methods[0].ndcgStandardError)); // cannot rank: no error
    QVERIFY(std::abs(r.methods[1].ndcgStandardError) < 1e-12);
    // Without the hybrid, the audio-only DBM's best ranking leads.
    MethodEvaluation top = evaluated("dbm-top", {{"ndcg", 0.01}}, true, {});
    MethodEvaluation all = evaluated("dbm-all", {{"ndcg", 0.02}}, true, {});
    dbm.ranked = false;
    r.methods = {dbm, top, all, knn};
    QCOMPARE(leadingDbm(r)->method, std::string("dbm-all"));
    r.methods = {mf, knn};
    QVERIFY(!leadingDbm(r));
    QCOMPARE(bestBaseline(r)->method, std::string("item-knn"));
}

QTEST_APPLESS_MAIN(TestEvaluation)
#include "TestEvaluation.moc"
