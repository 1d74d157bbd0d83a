#include "CliRunner.h"
#include "data/DemoCatalog.h"
#include "project/ProjectFile.h"
#include "project/RunJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using gdbm::testing::CliResult;
using gdbm::testing::runCli;

// gdbm-cli, through the real binary: a project's training runs listed and exported; an
// evaluation repeated on several splits.
class TestCliRuns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsAndExportsAProjectsRuns();
    void evaluatesOnSeveralSplits();

private:
    QTemporaryDir m_dir;
};

void TestCliRuns::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(GDBM_CLI_PATH));
}

void TestCliRuns::listsAndExportsAProjectsRuns()
{
    using namespace gdbm;
    // A project of two finished runs (the second current) and a cancelled one between them.
    project::Project p;
    p.catalog = std::make_shared<const data::Catalog>(data::generateDemoCatalog({300, 5}));
    model::TrainingParams params;
    params.layers = {6, 3};
    params.pretrainEpochs = 2;
    params.finetuneEpochs = 1;
    model::HybridParams audioOnly;
    audioOnly.modalities = {model::Modality::Audio};
    auto first = std::make_shared<const model::Model>(model::trainModel(*p.catalog, params).model);
    params.seed = 2;
    p.model = std::make_shared<const model::Model>(model::trainModel(*p.catalog, params).model);
    project::TrainingRun cancelled;
    cancelled.number = 2;
    cancelled.started = "2026-12-06 10:01";
    cancelled.end = project::TrainingRun::End::Cancelled;
    cancelled.hybrid = audioOnly;
    cancelled.curves = {first->curves.front()};
    p.runs = {project::finishedRun(first, audioOnly, 1, "2026-12-06 10:00"), cancelled,
              project::finishedRun(p.model, audioOnly, 3, "2026-12-06 10:02")};
    p.currentRun = 3;
    const QString path = m_dir.filePath("runs.gdbmproj");
    project::saveProject(p, path.toStdString());

    const QString json = m_dir.filePath("runs.json");
    const QString curves = m_dir.filePath("run-curves");
    const CliResult r = runCli({"runs", path, "--json", json, "--curves", curves});
    QCOMPARE(r.code, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4); // the header and three runs
    QVERIFY2(lines[1].startsWith(" 1 ") && lines[1].contains("finished"), lines[1].constData());
    QVERIFY2(lines[2].startsWith(" 2 ") && lines[2].contains("cancelled"), lines[2].constData());
    QVERIFY2(lines[3].startsWith("*3 ") && lines[3].contains("audio only"), lines[3].constData());

    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const auto runs = project::json::parse(jsonFile.readAll().toStdString());
    QCOMPARE(runs.size(), std::size_t(3));
    QCOMPARE(runs[2]["current"].get<bool>(), true);
    QCOMPARE(runs[1]["end"].get<std::string>(), std::string("cancelled"));
    QCOMPARE(runs[0]["curves"].size(), first->curves.size());
    for (int n : {1, 2, 3})
        QVERIFY(QFile::exists(curves + QString("/run-%1-curves.csv").arg(n)));

    const CliResult none = runCli({"runs", m_dir.filePath("no-such.gdbmproj")});
    QCOMPARE(none.code, 3);
    QVERIFY(none.err.contains("no-such.gdbmproj"));
}

void TestCliRuns::evaluatesOnSeveralSplits()
{
    // A small real file and short training: what is checked is the report, not the models.
    const QString json = m_dir.filePath("splits.json");
    const QStringList quick = {"evaluate",
                               "--data",
                               QString(GDBM_TEST_DATA_DIR) + "/real/top10s.csv",
                               "--users",
                               "100",
                               "--layers",
                               "8,4",
                               "--pretrain-epochs",
                               "2",
                               "--finetune-epochs",
                               "1",
                               "--hybrid-max-updates",
                               "20",
                               "--protocol",
                               "new-tracks",
                               "--seed",
                               "4"};
    const CliResult r = runCli(quick + QStringList{"--splits", "3", "--json", json});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("New tracks across 3 splits of these listeners (split seeds 4 to 6"),
             r.out.constData());
    QVERIFY2(r.out.contains("Archetype fit") && r.out.contains("DBM hybrid against Audio + tags") &&
                 r.out.contains("of 3 splits"),
             r.out.constData());
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonObject splits = root["across_splits"].toObject();
    QCOMPARE(splits["seeds"].toArray(), QJsonArray({4, 5, 6}));
    const QJsonObject methods = splits["new-tracks"].toObject()["methods"].toObject();
    QVERIFY(!methods.contains("item-knn")); // it cannot rank new tracks
    const QJsonObject hybrid = methods["dbm-hybrid"].toObject();
    const auto metric = [&](const char* method, const char* key) {
        return methods[method].toObject()["metrics"].toObject()[key].toObject();
    };
    QVERIFY(metric("dbm-hybrid", "ndcg")["standard_error"].toDouble() > 0);
    QVERIFY(metric("dbm-hybrid", "archetype_consistency")["mean"].toDouble() > 0);
    const QJsonObject against = hybrid["ndcg_against_baselines"].toObject()["audio-tags"].toObject();
    QVERIFY(against["higher_on_splits"].toInt() >= 0 && against["higher_on_splits"].toInt() <= 3);
    // A difference over the splits is the difference of the means.
    const double hybridMean = metric("dbm-hybrid", "ndcg")["mean"].toDouble();
    const double audioTagsMean = metric("audio-tags", "ndcg")["mean"].toDouble();
    QVERIFY(std::abs(against["mean_difference"].toDouble() - (hybridMean - audioTagsMean)) < 1e-12);
    // The tables are the first split's: the same as an evaluation on that split alone. The other
    // splits hold other tracks out, so the mean over them differs from the first.
    const QString single = m_dir.filePath("single.json");
    QCOMPARE(runCli(quick + QStringList{"--json", single}).code, 0);
    QFile g(single);
    QVERIFY(g.open(QIODevice::ReadOnly));
    const QJsonObject alone = QJsonDocument::fromJson(g.readAll()).object();
    QVERIFY(!alone.contains("across_splits"));
    QCOMPARE(alone["protocols"], root["protocols"]);
    const double first = alone["protocols"]
                             .toObject()["new-tracks"]
                             .toObject()["methods"]
                             .toObject()["audio-tags"]
                             .toObject()["metrics"]
                             .toObject()["ndcg"]
                             .toDouble();
    QVERIFY(std::abs(first - audioTagsMean) > 1e-6);

    QCOMPARE(runCli({"evaluate", "--splits", "0"}).code, 2);
}

QTEST_GUILESS_MAIN(TestCliRuns)
#include "TestCliRuns.moc"
