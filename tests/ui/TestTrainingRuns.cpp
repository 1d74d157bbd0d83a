// The Training page's Runs tab, used as a user would: every run kept (finished and cancelled),
// two runs compared (their curves overlaid, their settings side by side), the older one made
// current, runs deleted, a run of another catalog made current shown out of date, and the runs
// saved in the project and read back.
#include "KeepScreenshot.h"
#include "ProjectSession.h"
#include "TrainingPageFixture.h"
#include "charts/RunOverlayChart.h"
#include "model/CurveSummary.h"
#include "pages/RunComparison.h"
#include "pages/RunsPanel.h"
#include "rec/MethodTable.h"

#include <QLabel>
#include <QTabWidget>
#include <QTableView>
#include <cmath>

using namespace gdbm;
using namespace gdbm::testing;

class TestTrainingRuns : public QObject, public TrainingPageFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestCase("TestTrainingRuns"); }
    void init() { setUpPage(); }
    void cleanup() { tearDownPage(); }

    void comparesTwoRunsAndMakesTheOlderCurrent();
    void keepsACancelledRun();
    void aRunOfAReplacedCatalogDoesNotBecomeCurrent();
    void deletesRuns();
    void runOfAnotherCatalogIsOutOfDate();
    void runsRoundTripThroughTheProject();
    void aStaleModelStaysStaleInTheProject();

private:
    // Two finished runs: seed 1 with the tiny settings, then seed 2 with a third pretraining epoch.
    bool trainTwo();
    ui::RunsPanel* panel() const { return m_page->runs(); }
};

bool TestTrainingRuns::trainTwo()
{
    if (!train(tinyParams()))
        return false;
    model::TrainingParams second = tinyParams();
    second.seed = 2;
    second.pretrainEpochs = 3;
    return train(second) && m_state->runs().size() == 2;
}

void TestTrainingRuns::comparesTwoRunsAndMakesTheOlderCurrent()
{
    QVERIFY(trainTwo());
    QCOMPARE(m_state->currentRun(), 2);
    QCOMPARE(m_state->model(), m_state->findRun(2)->model);
    QCOMPARE(m_page->tabs()->tabText(1), QString("Runs (2)"));

    m_page->tabs()->setCurrentIndex(1);
    panel()->selectRuns({1, 2});
    QCOMPARE(panel()->selectedRuns(), (std::vector<int>{1, 2}));
    // Overlaid: training and validation curves of both runs, layer 1's pretraining first.
    ui::RunOverlayChart* overlay = panel()->overlay();
    QCOMPARE(overlay->stages(), (QStringList{"Pretraining, layer 1", "Pretraining, layer 2", "Fine-tuning"}));
    QCOMPARE(overlay->lineCount(), 4);
    overlay->setStage(2);
    QCOMPARE(overlay->lineCount(), 4);
    // Side by side: the settings that differ come first, in bold.
    ui::RunComparison* comparison = panel()->comparison();
    QCOMPARE(comparison->columnCount(), 2);
    const QStringList differing = comparison->differingRows();
    QVERIFY2(differing.contains("Seed") && differing.contains("Pretraining epochs"),
             qPrintable(differing.join(", ")));
    QVERIFY(!differing.contains("Batch size"));
    QVERIFY(!differing.contains("Model"));
    QCOMPARE(comparison->verticalHeaderItem(0)->text(), differing.front());
    QVERIFY(comparison->item(0, 0)->font().bold());
    QVERIFY(!comparison->item(comparison->rowCount() - 1, 0)->font().bold());
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QVERIFY(keepScreenshot(m_page->grab().toImage(), "training-runs"));

    // Two selected: nothing to make current. The older one alone: it becomes the current model,
    // and the chart shows its curves.
    auto* makeCurrent = m_page->findChild<QPushButton*>("runsMakeCurrent");
    QVERIFY(!makeCurrent->isEnabled());
    panel()->selectRuns({1});
    QVERIFY(makeCurrent->isEnabled());
    makeCurrent->click();
    QCOMPARE(m_state->currentRun(), 1);
    QCOMPARE(m_state->model(), m_state->findRun(1)->model);
    QVERIFY(!m_state->modelOutOfDate());
    QCOMPARE(m_page->chart()->pointCount(), int(m_state->findRun(1)->curves.size()));
    // The verdict under the charts is run 1's, not that of the run trained last.
    const model::Model& first = *m_state->findRun(1)->model;
    const model::TrainingVerdict verdict =
        model::judgeTraining(first.curves, model::keptByEarlyStopping(first));
    const QString status = m_page->findChild<QLabel*>("trainStatus")->text();
    QVERIFY2(status.startsWith("Trained in") && status.contains(QString::fromStdString(verdict.summary)),
             qPrintable(status));
    auto* list = panel()->list();
    QCOMPARE(list->model()->index(0, 0).data().toString(), QString("1 (current)"));
    QCOMPARE(list->model()->index(1, 0).data().toString(), QString("2"));
    QVERIFY(!makeCurrent->isEnabled()); // it is current already
    // Nothing selected, nothing compared: no rows of setting names without values.
    panel()->selectRuns({});
    QCOMPARE(comparison->columnCount(), 0);
    QCOMPARE(comparison->rowCount(), 0);
}

void TestTrainingRuns::keepsACancelledRun()
{
    QVERIFY(train(tinyParams()));
    m_state->setTrainingParams(longParams());
    m_page->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->chart()->pointCount() > 0, 30000 * kSlowdown);
    m_page->cancel();
    QVERIFY(m_page->jobs()->waitForFinished(30000 * kSlowdown));
    QCOMPARE(m_state->runs().size(), std::size_t(2));
    const project::TrainingRun& cancelled = m_state->runs().back();
    QVERIFY(!cancelled.finished());
    QVERIFY(!cancelled.model);
    QVERIFY(cancelled.epochsDone() > 0);
    QVERIFY(cancelled.params == longParams());
    QCOMPARE(m_state->currentRun(), 1); // the finished run's model stays current

    panel()->selectRuns({2});
    QVERIFY(!m_page->findChild<QPushButton*>("runsMakeCurrent")->isEnabled());
    QVERIFY(m_page->findChild<QLabel*>("runsHint")->text().contains("cancelled"));
    QCOMPARE(panel()->list()->model()->index(1, 3).data().toString(), QString("cancelled"));
    QVERIFY(panel()->overlay()->lineCount() >= 1);
}

void TestTrainingRuns::aRunOfAReplacedCatalogDoesNotBecomeCurrent()
{
    QVERIFY(train(tinyParams()));
    const auto current = m_state->model();
    // Another catalog opens while a run trains: the run is kept when it ends, but the current
    // model stays, and the page says why.
    model::TrainingParams params = tinyParams();
    params.pretrainEpochs = 30;
    m_state->setTrainingParams(params);
    m_page->start();
    QVERIFY(m_page->jobs()->isRunning());
    m_state->setCatalog(ui::prepareCatalog(data::generateDemoCatalog({800, 9}), {}));
    QVERIFY(m_page->jobs()->waitForFinished(60000 * kSlowdown));
    QCOMPARE(m_state->runs().size(), std::size_t(2));
    QVERIFY(m_state->runs().back().finished());
    QCOMPARE(m_state->currentRun(), 1);
    QCOMPARE(m_state->model(), current);
    const QString status = m_page->findChild<QLabel*>("trainStatus")->text();
    QVERIFY2(status.contains("did not replace the current model") && status.contains("run 2"),
             qPrintable(status));
}

void TestTrainingRuns::deletesRuns()
{
    QVERIFY(trainTwo());
    const auto current = m_state->model();
    panel()->selectRuns({2});
    ui::MessageBox::setNextAnswer(QMessageBox::No);
    panel()->deleteSelected();
    QCOMPARE(m_state->runs().size(), std::size_t(2));
    ui::MessageBox::setNextAnswer(QMessageBox::Yes);
    panel()->deleteSelected();
    QVERIFY(ui::MessageBox::lastText().contains("current model stays"));
    QCOMPARE(m_state->runs().size(), std::size_t(1));
    QCOMPARE(m_state->runs().front().number, 1);
    QCOMPARE(m_state->model(), current); // still in use, no longer a run's
    QCOMPARE(m_state->currentRun(), 0);
    QCOMPARE(m_page->tabs()->tabText(1), QString("Runs (1)"));
    // Numbers are never reused: the next run is 3.
    QVERIFY(train(tinyParams()));
    QCOMPARE(m_state->runs().back().number, 3);
}

void TestTrainingRuns::runOfAnotherCatalogIsOutOfDate()
{
    QVERIFY(train(tinyParams()));
    QVERIFY(train(tinyParams()));
    m_state->setCatalog(ui::prepareCatalog(data::generateDemoCatalog({800, 9}), {}));
    QVERIFY(m_state->modelOutOfDate());
    m_state->makeRunCurrent(1);
    QCOMPARE(m_state->currentRun(), 1);
    QVERIFY2(m_state->modelOutOfDateReason().contains("another catalog"),
             qPrintable(m_state->modelOutOfDateReason()));
    // Back on the catalog it learned from (the same tracks, loaded anew), it is current again.
    m_state->setCatalog(m_small);
    m_state->makeRunCurrent(2);
    QVERIFY(!m_state->modelOutOfDate());
}

void TestTrainingRuns::runsRoundTripThroughTheProject()
{
    QVERIFY(trainTwo());
    m_state->makeRunCurrent(1);
    // An evaluation of run 1's model is run 1's: its score shows in the list (the first split's)
    // and, repeated on two splits, its mean over them in the comparison.
    rec::EvaluationResult warm;
    rec::MethodEvaluation top;
    top.method = std::string(rec::methodInfo(rec::Method::DbmTop).key);
    top.overall["ndcg"] = 0.25;
    warm.methods = {top};
    rec::MethodAcrossSplits topAcross;
    topAcross.method = top.method;
    topAcross.metrics["ndcg"] = {0.24, 0.01, 2, 0};
    const rec::ProtocolAcrossSplits warmAcross{rec::Protocol::Warm, 10, {topAcross}};
    m_state->setEvaluation(
        std::make_shared<const rec::EvaluationSet>(rec::EvaluationSet{{warm}, {1, 2}, {warmAcross}}),
        m_state->model(), nullptr);
    QCOMPARE(project::runNdcg(*m_state->findRun(1), rec::Protocol::Warm), 0.25);
    QVERIFY(std::isnan(project::runNdcg(*m_state->findRun(2), rec::Protocol::Warm)));
    QCOMPARE(project::runNdcgAcrossSplits(*m_state->findRun(1), rec::Protocol::Warm)->mean, 0.24);
    QVERIFY(!project::runNdcgAcrossSplits(*m_state->findRun(1), rec::Protocol::NewTracks));
    QVERIFY(!project::runNdcgAcrossSplits(*m_state->findRun(2), rec::Protocol::Warm));
    QCOMPARE(panel()->list()->model()->index(0, 8).data().toString(), QString("0.2500"));
    ui::RunComparison table;
    table.setRuns(m_state->runs());
    const auto valueOf = [&](const QString& row, int column) {
        for (int r = 0; r < table.rowCount(); ++r) {
            if (table.verticalHeaderItem(r)->text() == row)
                return table.item(r, column)->text();
        }
        return QString();
    };
    const int runOne = m_state->runs().front().number == 1 ? 0 : 1;
    QCOMPARE(valueOf("NDCG@10, returning listeners", runOne), QString("0.25"));
    QCOMPARE(valueOf("NDCG@10 over the splits, returning listeners", runOne),
             QString("0.2400 \u00b1 0.0100 (2 splits)"));
    QCOMPARE(valueOf("NDCG@10 over the splits, returning listeners", 1 - runOne), QString("-"));
    QCOMPARE(valueOf("NDCG@10 over the splits, new tracks", runOne), QString("-"));
    // An evaluation of another top K says so beside the value, in the list and the comparison.
    rec::EvaluationResult top20 = warm;
    top20.k = 20;
    m_state->setEvaluation(std::make_shared<const rec::EvaluationSet>(rec::EvaluationSet{{top20}, {1}, {}}),
                           m_state->model(), nullptr);
    QCOMPARE(panel()->list()->model()->index(0, 8).data().toString(), QString("0.2500 (top 20)"));
    table.setRuns(m_state->runs());
    QCOMPARE(valueOf("NDCG@10, returning listeners", runOne), QString("0.25 (top 20)"));
    m_state->setEvaluation(
        std::make_shared<const rec::EvaluationSet>(rec::EvaluationSet{{warm}, {1, 2}, {warmAcross}}),
        m_state->model(), nullptr);
    const std::string path = m_dir.filePath("runs.gdbmproj").toStdString();
    ui::writeProject(ui::captureProject(*m_state), path);
    const CancelFlag cancel{false};
    const ui::OpenedProject opened = ui::readProject(path, {}, cancel);
    ui::AppState reopened;
    ui::applyProject(reopened, opened);
    QCOMPARE(reopened.runs().size(), std::size_t(2));
    QCOMPARE(reopened.currentRun(), 1);
    QCOMPARE(reopened.model(), reopened.findRun(1)->model);
    QVERIFY(*reopened.findRun(2)->model == *m_state->findRun(2)->model);
    QCOMPARE(project::runNdcg(*reopened.findRun(1), rec::Protocol::Warm), 0.25);
    QCOMPARE(project::runNdcgAcrossSplits(*reopened.findRun(1), rec::Protocol::Warm)->standardError, 0.01);
    QVERIFY(!reopened.isModified());
    QVERIFY(!reopened.modelOutOfDate());
    reopened.makeRunCurrent(2);
    QVERIFY(!reopened.modelOutOfDate());
}

void TestTrainingRuns::aStaleModelStaysStaleInTheProject()
{
    QVERIFY(train(tinyParams()));
    m_state->setCatalog(ui::prepareCatalog(data::generateDemoCatalog({800, 9}), {}));
    QVERIFY(m_state->modelOutOfDate());
    const std::string path = m_dir.filePath("stale.gdbmproj").toStdString();
    ui::writeProject(ui::captureProject(*m_state), path);
    const CancelFlag cancel{false};
    ui::AppState reopened;
    ui::applyProject(reopened, ui::readProject(path, {}, cancel));
    QVERIFY(reopened.model());
    QVERIFY2(reopened.modelOutOfDateReason().contains("another catalog"),
             qPrintable(reopened.modelOutOfDateReason()));
    // A current model reads back current.
    QVERIFY(train(tinyParams()));
    QVERIFY(!m_state->modelOutOfDate());
    ui::writeProject(ui::captureProject(*m_state), path);
    ui::AppState again;
    ui::applyProject(again, ui::readProject(path, {}, cancel));
    QVERIFY(!again.modelOutOfDate());
}

QTEST_MAIN(TestTrainingRuns)
#include "TestTrainingRuns.moc"
