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
    void aSplitWithoutFiguresIsLeftOut();
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
    // New tracks hold a tenth of the tracks out: test / training = 1/9, so the variance of a mean
    // over 3 splits is s^2 (1/3 + 1/9) = s^2 4/9 (Nadeau and Bengio's correction).
    // The hybrid: 0.30, 0.27, 0.33: s^2 = 0.0009, error sqrt(0.0004) = 0.02.
    // Its differences to audio + tags: 0.02, -0.01, 0.02: mean 0.01, s^2 = 0.0003.
    const ProtocolAcrossSplits s = acrossSplits({split(0.30, 0.28), split(0.27, 0.28), split(0.33, 0.31)});
    QCOMPARE(s.protocol, Protocol::NewTracks);
    QCOMPARE(s.k, std::size_t(10));
    QCOMPARE(s.methods.size(), std::size_t(2)); // item-kNN ranks nothing here
    const MethodAcrossSplits& hybrid = s.methods[0];
    QCOMPARE(hybrid.method, std::string("dbm-hybrid"));
    QCOMPARE(hybrid.ndcg().splits, std::size_t(3));
    QVERIFY(std::abs(hybrid.ndcg().mean - 0.30) < 1e-12);
    QVERIFY(std::abs(hybrid.ndcg().standardError - 0.02) < 1e-12);
    QVERIFY(std::abs(hybrid.metrics.at("archetype_consistency").mean - 0.60) < 1e-12); // every metric
    QCOMPARE(hybrid.ndcgAgainst.size(), std::size_t(1)); // baselines only, not itself
    const SplitStatistic& d = hybrid.ndcgAgainst.at("audio-tags");
    QVERIFY(std::abs(d.mean - 0.01) < 1e-12);
    QVERIFY(std::abs(d.standardError - std::sqrt(0.0003 * 4 / 9)) < 1e-12);
    QCOMPARE(d.above, std::size_t(2));
    QVERIFY(s.methods[1].ndcgAgainst.empty()); // a baseline is not compared
    QCOMPARE(leadingDbm(s), &s.methods[0]);

    // Returning listeners hold a fifth out: 1/N + 1/4.
    std::vector<EvaluationResult> warm = {split(0.30, 0.28), split(0.27, 0.28), split(0.33, 0.31)};
    for (EvaluationResult& r : warm)
        r.protocol = Protocol::Warm;
    QVERIFY(std::abs(acrossSplits(warm).methods[0].ndcg().standardError -
                     std::sqrt(0.0009 * (1.0 / 3 + 0.25))) < 1e-12);
}

void TestSplitSummary::aSplitWithoutFiguresIsLeftOut()
{
    // A split that evaluated nobody has no metrics: its methods are left out, not an error.
    EvaluationResult empty = split(0, 0);
    for (MethodEvaluation& m : empty.methods)
        m.overall.clear();
    const ProtocolAcrossSplits s = acrossSplits({split(0.30, 0.28), empty});
    QVERIFY(s.methods.empty());
    QCOMPARE(leadingDbm(s), nullptr);
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
