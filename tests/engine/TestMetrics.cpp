#include "rec/Metrics.h"

#include <QTest>
#include <cmath>

using namespace gdbm::rec;

class TestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handComputedCase();
    void fewerHeldOutThanK();
    void noHits();
    void shortListStillDividesByK();
    void gini_data();
    void gini();
};

static bool near(double a, double b)
{
    return std::abs(a - b) < 1e-9;
}

void TestMetrics::handComputedCase()
{
    // Hits at ranks 2 and 4 of 4; three tracks held out.
    const RankingScores s = scoreRanking({5, 3, 9, 1}, {1, 3, 7}, 4);
    QVERIFY(near(s.precision, 0.5));
    QVERIFY(near(s.recall, 2.0 / 3.0));
    const double dcg = 1 / std::log2(3.0) + 1 / std::log2(5.0);
    const double idcg = 1 + 1 / std::log2(3.0) + 1 / std::log2(4.0);
    QVERIFY(near(s.ndcg, dcg / idcg));
    QVERIFY(near(s.hit, 1));
    QVERIFY(near(s.rr, 0.5));
    QVERIFY(near(s.ap, (1.0 / 2 + 2.0 / 4) / 3));
}

void TestMetrics::fewerHeldOutThanK()
{
    const RankingScores s = scoreRanking({5, 8, 2, 4, 6, 7, 1, 0, 3, 9}, {5}, 10);
    QVERIFY(near(s.precision, 0.1));
    QVERIFY(near(s.recall, 1));
    QVERIFY(near(s.ndcg, 1)); // the one held-out track is first: ideal
    QVERIFY(near(s.rr, 1));
    QVERIFY(near(s.ap, 1));
    const RankingScores late = scoreRanking({5, 8, 2}, {2, 4}, 3);
    QVERIFY(near(late.ap, (1.0 / 3) / 2));
    QVERIFY(near(late.ndcg, (1 / std::log2(4.0)) / (1 + 1 / std::log2(3.0))));
}

void TestMetrics::noHits()
{
    const RankingScores s = scoreRanking({1, 2, 3}, {4, 5}, 3);
    QCOMPARE(s.precision + s.recall + s.ndcg + s.hit + s.rr + s.ap, 0.0);
    const RankingScores none = scoreRanking({1, 2}, {}, 2);
    QCOMPARE(none.recall, 0.0);
}

void TestMetrics::shortListStillDividesByK()
{
    // A catalog too small for K: precision counts the missing places as misses.
    const RankingScores s = scoreRanking({3}, {3}, 10);
    QVERIFY(near(s.precision, 0.1));
    QVERIFY(near(s.recall, 1));
}

void TestMetrics::gini_data()
{
    QTest::addColumn<std::vector<double>>("exposures");
    QTest::addColumn<double>("expected");
    QTest::newRow("equal") << std::vector<double>{2, 2, 2, 2} << 0.0;
    QTest::newRow("one track gets all") << std::vector<double>{0, 10, 0, 0} << 0.75;
    QTest::newRow("nothing") << std::vector<double>{0, 0} << 0.0;
    QTest::newRow("1 2 3") << std::vector<double>{3, 1, 2} << (-2.0 * 1 + 0 * 2 + 2.0 * 3) / (3 * 6.0);
}

void TestMetrics::gini()
{
    QFETCH(std::vector<double>, exposures);
    QFETCH(double, expected);
    QVERIFY(near(giniIndex(exposures), expected));
}

QTEST_APPLESS_MAIN(TestMetrics)
#include "TestMetrics.moc"
