#include "rec/SplitSummary.h"

#include <QTest>
#include <cmath>
#include <stdexcept>

using namespace gdbm;
using namespace gdbm::rec;

class TestSplitSummary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void meansErrorsAndSplitsAbove();
    void oneSplitHasNoError();
    void refusesSplitsThatDoNotMatch();
};

namespace {

MethodEvaluation ranked(const std::string& key, double ndcg)
{
    MethodEvaluation m;
    m.method = key;
    m.overall["ndcg"] = ndcg;
    m.overall["archetype_consistency"] = 2 * ndcg;
    return m;
}

// One split's new-tracks result: the hybrid, audio + tags, item-kNN (which cannot rank them).
EvaluationResult split(double hybrid, double audioTags)
{
    EvaluationResult r;
    r.protocol = Protocol::NewTracks;
    r.k = 10;
    r.methods = {ranked("dbm-hybrid", hybrid), ranked("audio-tags", audioTags), MethodEvaluation{}};
    r.methods.back().method = "item-knn";
    r.methods.back().ranked = false;
    return r;
}

} // namespace

void TestSplitSummary::meansErrorsAndSplitsAbove()
{
    // Differences 0.02, -0.01, 0.02: mean 0.01, sample sd sqrt(0.0003), error sqrt(0.0003 / 3) = 0.01.
    const ProtocolAcrossSplits s = acrossSplits({split(0.30, 0.28), split(0.27, 0.28), split(0.33, 0.31)});
    QCOMPARE(s.protocol, Protocol::NewTracks);
    QCOMPARE(s.k, std::size_t(10));
    QCOMPARE(s.methods.size(), std::size_t(2)); // item-kNN ranks nothing here
    const MethodAcrossSplits& hybrid = s.methods[0];
    QCOMPARE(hybrid.method, std::string("dbm-hybrid"));
    QCOMPARE(hybrid.ndcg().splits, std::size_t(3));
    QVERIFY(std::abs(hybrid.ndcg().mean - 0.30) < 1e-12);
    QVERIFY(std::abs(hybrid.ndcg().standardError - std::sqrt(0.0009 * 2 / 2 / 3)) < 1e-12);
    QVERIFY(std::abs(hybrid.metrics.at("archetype_consistency").mean - 0.60) < 1e-12); // every metric
    QCOMPARE(hybrid.ndcgAgainst.size(), std::size_t(1)); // baselines only, not itself
    const SplitStatistic& d = hybrid.ndcgAgainst.at("audio-tags");
    QVERIFY(std::abs(d.mean - 0.01) < 1e-12);
    QVERIFY(std::abs(d.standardError - 0.01) < 1e-12);
    QCOMPARE(d.above, std::size_t(2));
    QVERIFY(s.methods[1].ndcgAgainst.empty()); // a baseline is not compared
}

void TestSplitSummary::oneSplitHasNoError()
{
    const ProtocolAcrossSplits s = acrossSplits({split(0.30, 0.28)});
    QVERIFY(std::isnan(s.methods[0].ndcg().standardError));
    QVERIFY(std::abs(s.methods[0].ndcgAgainst.at("audio-tags").mean - 0.02) < 1e-12);
}

void TestSplitSummary::refusesSplitsThatDoNotMatch()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, acrossSplits({}));
    EvaluationResult warm = split(0.30, 0.28);
    warm.protocol = Protocol::Warm;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, acrossSplits({split(0.30, 0.28), warm}));
    EvaluationResult reordered = split(0.30, 0.28);
    std::swap(reordered.methods[0], reordered.methods[1]);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, acrossSplits({split(0.30, 0.28), reordered}));
}

QTEST_GUILESS_MAIN(TestSplitSummary)
#include "TestSplitSummary.moc"
