// The evaluation's CSV export: the long format row by row, quoting, metric order, atomic save.
#include "core/Error.h"
#include "rec/EvaluationCsv.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <sstream>

using namespace gdbm;
using namespace gdbm::rec;

class TestEvaluationCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void metricOrderCoversTheEngine();
    void longFormatRowByRow();
    void figuresOverTheSplitsFollow();
    void unknownMetricsComeLast();
    void emptyResultIsHeaderOnly();
    void saveWritesTheFile();
    void saveToMissingFolderNamesThePath();
};

namespace {

// Two methods, two archetypes (one needs quoting), two metrics given out of order.
EvaluationResult smallResult()
{
    EvaluationResult r;
    r.k = 5;
    r.usersEvaluated = 3;
    r.methods.resize(2);
    r.methods[0].method = "dbm-top";
    r.methods[0].overall = {{"recall", 0.5}, {"precision", 0.25}};
    r.methods[1].method = "random";
    r.methods[1].overall = {{"recall", 0.0}, {"precision", 0.1}};
    r.methods[0].perArchetype = {{"Rock, Loud", {{"precision", 1.0 / 3}, {"recall", 1.0}}},
                                 {"Calm", {{"precision", 0.2}, {"recall", 0.0}}}};
    r.methods[1].perArchetype = {{"Rock, Loud", {{"precision", 0.0}, {"recall", 0.0}}},
                                 {"Calm", {{"precision", 0.125}, {"recall", 2e-6}}}};
    return r;
}

std::string csvOf(const EvaluationResult& r)
{
    std::ostringstream out;
    writeEvaluationCsv(r, out);
    return out.str();
}

} // namespace

void TestEvaluationCsv::metricOrderCoversTheEngine()
{
    // The names Evaluation.h documents, each once.
    const std::vector<std::string> expected = {"precision",
                                               "recall",
                                               "ndcg",
                                               "hit_rate",
                                               "mrr",
                                               "map",
                                               "coverage",
                                               "gini",
                                               "novelty",
                                               "diversity",
                                               "archetype_consistency"};
    QCOMPARE(metricOrder(), expected);
}

void TestEvaluationCsv::longFormatRowByRow()
{
    // Overall first ("all"), then archetypes by name; precision before recall whatever the map says.
    const std::string expected = "method,archetype,metric,value\n"
                                 "dbm-top,all,precision,0.25\n"
                                 "dbm-top,all,recall,0.5\n"
                                 "dbm-top,Calm,precision,0.2\n"
                                 "dbm-top,Calm,recall,0\n"
                                 "dbm-top,\"Rock, Loud\",precision,0.3333333333333333\n"
                                 "dbm-top,\"Rock, Loud\",recall,1\n"
                                 "random,all,precision,0.1\n"
                                 "random,all,recall,0\n"
                                 "random,Calm,precision,0.125\n"
                                 "random,Calm,recall,2e-06\n"
                                 "random,\"Rock, Loud\",precision,0\n"
                                 "random,\"Rock, Loud\",recall,0\n";
    QCOMPARE(csvOf(smallResult()), expected);
}

// An evaluation repeated on splits: after the first split's rows, each method's mean and standard
// error over them (metrics in the same order), a DBM's difference to each baseline, the count.
void TestEvaluationCsv::figuresOverTheSplitsFollow()
{
    ProtocolAcrossSplits across;
    MethodAcrossSplits dbm;
    dbm.method = "dbm-top";
    dbm.metrics["recall"] = {0.5, 0.01, 3, 0};
    dbm.metrics["precision"] = {0.25, 0.02, 3, 0};
    dbm.ndcgAgainst["random"] = {0.1, 0.005, 3, 2};
    MethodAcrossSplits random;
    random.method = "random";
    random.metrics["precision"] = {0.1, 0.0, 3, 0};
    across.methods = {dbm, random};
    std::ostringstream out;
    writeEvaluationCsv(smallResult(), out, &across);
    const std::string expected = csvOf(smallResult()) + "dbm-top,all,precision_over_splits_mean,0.25\n"
                                                        "dbm-top,all,precision_over_splits_se,0.02\n"
                                                        "dbm-top,all,recall_over_splits_mean,0.5\n"
                                                        "dbm-top,all,recall_over_splits_se,0.01\n"
                                                        "dbm-top,all,ndcg_minus_random_over_splits_mean,0.1\n"
                                                        "dbm-top,all,ndcg_minus_random_over_splits_se,0.005\n"
                                                        "dbm-top,all,ndcg_minus_random_higher_on,2\n"
                                                        "random,all,precision_over_splits_mean,0.1\n"
                                                        "random,all,precision_over_splits_se,0\n"
                                                        "all,all,splits,3\n";
    QCOMPARE(out.str(), expected);
}

void TestEvaluationCsv::unknownMetricsComeLast()
{
    EvaluationResult r = smallResult();
    r.methods[0].overall["aaa_new"] = 7;
    r.methods[1].overall["aaa_new"] = 8;
    const std::vector<std::string> expected = {"precision", "recall", "aaa_new"};
    QCOMPARE(metricsOf(r), expected);
    QVERIFY(csvOf(r).find("dbm-top,all,recall,0.5\ndbm-top,all,aaa_new,7\ndbm-top,Calm,") !=
            std::string::npos);
}

void TestEvaluationCsv::emptyResultIsHeaderOnly()
{
    QCOMPARE(csvOf(EvaluationResult{}), std::string("method,archetype,metric,value\n"));
    QVERIFY(metricsOf(EvaluationResult{}).empty());
}

void TestEvaluationCsv::saveWritesTheFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("evaluation.csv").toStdString();
    saveEvaluationCsv(smallResult(), path);
    std::ifstream in(path, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    QCOMPARE(content.str(), csvOf(smallResult()));
}

void TestEvaluationCsv::saveToMissingFolderNamesThePath()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("missing/evaluation.csv").toStdString();
    try {
        saveEvaluationCsv(smallResult(), path);
        QFAIL("expected an InputError");
    } catch (const InputError& e) {
        QVERIFY(std::string(e.what()).find("evaluation.csv") != std::string::npos);
    }
}

QTEST_APPLESS_MAIN(TestEvaluationCsv)
#include "TestEvaluationCsv.moc"
