#include "CliRunner.h"
#include "data/DemoCatalog.h"
#include "project/ProjectFile.h"
#include "project/RunJson.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using gdbm::testing::CliResult;
using gdbm::testing::runCli;

// gdbm-cli runs: a project's training runs listed and exported, through the real binary.
class TestCliRuns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsAndExportsAProjectsRuns();

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

QTEST_GUILESS_MAIN(TestCliRuns)
#include "TestCliRuns.moc"
