// The Evaluation page driven as a user would: what is missing before Run, a run against
// rec::compareMethods called directly, the table, the exports, the out-of-date banner, cancel,
// and an evaluation that arrives from a project. (The protocol switch and the per-archetype
// chart: TestEvaluationViews.)
#include "EvaluationPageFixture.h"
#include "KeepScreenshot.h"
#include "ProjectSession.h"
#include "charts/GroupedBarChart.h"
#include "core/Text.h"
#include "jobs/JobRunner.h"
#include "models/EvaluationTableModel.h"
#include "pages/EvaluationPage.h"
#include "rec/Comparison.h"
#include "rec/EvaluationCsv.h"
#include "rec/MethodTable.h"
#include "rec/PairedDifference.h"
#include "util/MessageBox.h"

#include <QFile>
#include <QFont>
#include <QImage>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>
#include <sstream>

using namespace gdbm;
using namespace gdbm::testing;
using gdbm::ui::AppState;
using gdbm::ui::EvaluationPage;
using gdbm::ui::EvaluationTableModel;
using gdbm::ui::ProjectSnapshot;

class TestEvaluationPage : public QObject, public EvaluationPageFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestCase("TestEvaluationPage"); }
    void init() { setUpPage(); }
    void cleanup() { tearDownPage(); }

    void runNeedsSimulationAndModel();
    void runFillsTheTableAndTheState();
    void severalSplitsSayWhetherTheDifferenceHolds();
    void longProgressStagesAreShortenedToFit();
    void exportsCsvAndChart();
    void bannerWhenModelOrSimulationChanged();
    void cancelKeepsThePreviousEvaluation();
    void evaluationFromAProjectIsCurrent();
    void outOfDateEvaluationReopensOutOfDate();
    void renderPage();
};

void TestEvaluationPage::runNeedsSimulationAndModel()
{
    QVERIFY(!button("evalRun")->isEnabled());
    QVERIFY(banner()->isVisibleTo(m_page.get()));
    QVERIFY(banner()->text().contains(QStringLiteral("Run the simulation first")));
    QVERIFY(banner()->text().contains(QStringLiteral("Train a model on the Training page")));
    // Run without inputs does nothing.
    m_page->run();
    QVERIFY(!m_page->jobs()->isRunning());

    m_state->setSimulation(m_simulation, m_loaded.catalog, m_state->archetypes(), m_state->thresholds());
    QVERIFY(!button("evalRun")->isEnabled());
    QVERIFY(!banner()->text().contains(QStringLiteral("simulation")));
    QVERIFY(banner()->text().contains(QStringLiteral("Train a model")));

    m_state->setModel(m_model);
    QVERIFY(button("evalRun")->isEnabled());
    QVERIFY(banner()->text().startsWith(QStringLiteral("No evaluation yet")));
    QVERIFY(!button("evalExportCsv")->isEnabled());
    QVERIFY(!button("evalExportChart")->isEnabled());
}

void TestEvaluationPage::runFillsTheTableAndTheState()
{
    setInputs();
    runAndWait(5, 3);
    QCOMPARE(QSettings().value("evaluation/k").toInt(), 5);
    QCOMPARE(QSettings().value("evaluation/seed").toInt(), 3);
    {
        const EvaluationPage another(*m_state);
        QCOMPARE(another.findChild<QSpinBox*>(QStringLiteral("evalK"))->value(), 5);
        QCOMPARE(another.findChild<QSpinBox*>(QStringLiteral("evalSeed"))->value(), 3);
    }
    const rec::EvaluationResult expected =
        rec::compareMethods(*m_loaded.catalog, *m_simulation, *m_model, {5, 3});
    QCOMPARE(protocolSwitch()->currentData().toString(), QStringLiteral("warm"));
    QCOMPARE(m_state->evaluation()->results.size(), std::size_t(2));
    const rec::EvaluationResult& shown = warm();
    QCOMPARE(shown.k, std::size_t(5));
    QCOMPARE(shown.usersEvaluated, expected.usersEvaluated);

    const QAbstractItemModel* table = m_page->tableModel();
    const int methods = int(rec::methodTable().size());
    QCOMPARE(table->rowCount(), methods);
    QCOMPARE(table->columnCount(), int(rec::metricOrder().size()));
    for (int r = 0; r < methods; ++r)
        QCOMPARE(table->headerData(r, Qt::Vertical).toString(),
                 QString::fromUtf8(rec::methodTable()[std::size_t(r)].label.data()));
    QCOMPARE(table->headerData(0, Qt::Vertical).toString(), QString("DBM hybrid"));
    QCOMPARE(table->headerData(6, Qt::Vertical).toString(), QString("Item-kNN"));
    const QStringList metrics = {"Precision@5", "Recall@5", "NDCG@5",  "Hit rate@5", "MRR@5",        "MAP@5",
                                 "Coverage",    "Gini",     "Novelty", "Diversity",  "Archetype fit"};
    for (int c = 0; c < table->columnCount(); ++c) {
        // The header breaks before "@K".
        QCOMPARE(table->headerData(c, Qt::Horizontal).toString().remove('\n'), metrics[c]);
        QVERIFY(!table->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    }
    QVERIFY(table->headerData(7, Qt::Horizontal, Qt::ToolTipRole).toString().contains("Lower is better"));
    QVERIFY(table->headerData(2, Qt::Horizontal, Qt::ToolTipRole).toString().contains("Higher is better"));

    for (int c = 0; c < table->columnCount(); ++c) {
        const std::string& metric = rec::metricOrder()[std::size_t(c)];
        double best = metric == "gini" ? 2.0 : -1.0;
        for (int r = 0; r < methods; ++r) {
            const double v = expected.methods[std::size_t(r)].overall.at(metric);
            QCOMPARE(table->index(r, c).data(EvaluationTableModel::kValueRole).toDouble(), v);
            best = metric == "gini" ? std::min(best, v) : std::max(best, v);
        }
        // The best value of every column is bold, and only values equal to it.
        for (int r = 0; r < methods; ++r) {
            const double v = expected.methods[std::size_t(r)].overall.at(metric);
            const QVariant font = table->index(r, c).data(Qt::FontRole);
            QCOMPARE(font.isValid() && font.value<QFont>().bold(), std::abs(v - best) < 1e-9);
        }
    }
    QCOMPARE(table->index(0, 2).data().toString(),
             QString::number(expected.methods[0].overall.at("ndcg"), 'f', 3));
    const QString summary = m_page->findChild<QLabel*>(QStringLiteral("evalSummary"))->text();
    QVERIFY2(summary.contains(
                 QStringLiteral("Top 5 among 1,500 tracks for %1 users").arg(expected.usersEvaluated)),
             qPrintable(summary));
    QVERIFY(summary.contains(QStringLiteral("%1 skipped").arg(expected.usersSkipped)));
    QVERIFY(summary.contains(QStringLiteral("hybrid DBM was trained afresh")));
    // The DBM against the best baseline, user by user, with the figures the engine computes.
    const rec::MethodEvaluation* baseline = rec::bestBaseline(expected);
    const auto difference = rec::pairedNdcgDifference(expected.methods[0], *baseline);
    QVERIFY(difference);
    const QString paired = QStringLiteral("DBM hybrid against %1, the best baseline: %2 NDCG@5 \u00b1 %3")
                               .arg(EvaluationTableModel::methodLabel(baseline->method),
                                    QString::asprintf("%+.3f", difference->mean))
                               .arg(difference->standardError, 0, 'f', 3);
    QVERIFY2(summary.contains(paired), qPrintable(summary + "\n" + paired));
    QVERIFY(summary.endsWith(difference->withinTwoStandardErrors() ? ": too close to tell apart."
                             : difference->mean > 0                ? ": it ranks higher."
                                                                   : ": it ranks lower."));
    // The NDCG cell's tooltip gives its standard error over the users.
    QVERIFY(table->index(0, 2)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("standard error over %1 users").arg(expected.usersEvaluated)));
    QVERIFY(!banner()->isVisibleTo(m_page.get()));
    QVERIFY(button("evalExportCsv")->isEnabled());
}

void TestEvaluationPage::severalSplitsSayWhetherTheDifferenceHolds()
{
    setInputs();
    runAndWait(5, 3, 2);
    QCOMPARE(QSettings().value("evaluation/splits").toInt(), 2);
    // The table is the first split's: the same as an evaluation of that split alone.
    const rec::EvaluationSet expected =
        rec::compareOverSplits(*m_loaded.catalog, *m_simulation, *m_model, {5, 3},
                               {rec::Protocol::Warm, rec::Protocol::NewTracks}, 2);
    const rec::EvaluationSet& shown = *m_state->evaluation();
    QCOMPARE(shown.splitSeeds, (std::vector<std::uint64_t>{3, 4}));
    QVERIFY(shown.acrossSplits == expected.acrossSplits);
    const rec::EvaluationResult first =
        rec::compareMethods(*m_loaded.catalog, *m_simulation, *m_model, {5, 3});
    QCOMPARE(warm().methods[0].overall.at("ndcg"), first.methods[0].overall.at("ndcg"));
    // The summary ends with the DBM against the best baseline over both splits.
    const rec::MethodEvaluation* baseline = rec::bestBaseline(warm());
    const rec::SplitStatistic& d =
        shown.findAcrossSplits(rec::Protocol::Warm)->methods[0].ndcgAgainst.at(baseline->method);
    const QString over =
        QStringLiteral("Over 2 splits (holdout seeds 3 to 4; the table shows the first): DBM "
                       "hybrid against %1 %2 NDCG@5 \u00b1 %3")
            .arg(EvaluationTableModel::methodLabel(baseline->method), QString::asprintf("%+.3f", d.mean))
            .arg(d.standardError, 0, 'f', 3);
    const QString summary = m_page->findChild<QLabel*>(QStringLiteral("evalSummary"))->text();
    QVERIFY2(summary.contains(over), qPrintable(summary + "\n" + over));
    QVERIFY(summary.endsWith(QStringLiteral("higher on %1 of 2.").arg(d.above)));

    // The CSV export adds the shown protocol's figures over the splits.
    const QString csvPath = m_dir.filePath(QStringLiteral("splits.csv"));
    ui::FileDialog::setNextFileName(csvPath);
    QTest::mouseClick(button("evalExportCsv"), Qt::LeftButton);
    QFile file(csvPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    std::ostringstream csv;
    rec::writeEvaluationCsv(warm(), csv, shown.findAcrossSplits(rec::Protocol::Warm));
    QCOMPARE(file.readAll().toStdString(), csv.str());
    QVERIFY(QString::fromStdString(csv.str()).contains(QStringLiteral("all,all,splits,2")));
}

void TestEvaluationPage::longProgressStagesAreShortenedToFit()
{
    auto* bar = m_page->findChild<QProgressBar*>(QStringLiteral("evalProgress"));
    m_page->resize(1000, 600);
    m_page->show();
    bar->setVisible(true);
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    const QString stage = QStringLiteral("Split 2 of 5, New tracks: Training the hybrid DBM on the "
                                         "listening of every user not held out");
    Q_EMIT m_page->jobs()->progress(stage, 1, 4);
    QCOMPARE(bar->toolTip(), stage);
    QVERIFY2(bar->format().startsWith(QStringLiteral("Split 2 of 5")) &&
                 bar->format().contains(QChar(0x2026)),
             qPrintable(bar->format()));
    QVERIFY2(bar->fontMetrics().horizontalAdvance(bar->text()) < bar->contentsRect().width(),
             qPrintable(bar->text()));
    // A resized window fits the same stage to the bar's new width, both ways.
    const QString wide = bar->format();
    m_page->resize(600, 600);
    QTRY_VERIFY2(bar->format().size() < wide.size(), qPrintable(bar->format()));
    QVERIFY2(bar->fontMetrics().horizontalAdvance(bar->text()) < bar->contentsRect().width(),
             qPrintable(bar->text()));
    m_page->resize(1000, 600);
    QTRY_COMPARE(bar->format(), wide);
    // Too narrow for a useful part of the stage: the percentage alone, the stage in the tooltip.
    bar->setMaximumWidth(bar->fontMetrics().horizontalAdvance(QStringLiteral("Split 2 100%")));
    QTRY_COMPARE(bar->format(), QStringLiteral("%p%"));
    QCOMPARE(bar->toolTip(), stage);
    bar->setMaximumWidth(QWIDGETSIZE_MAX);
    QTRY_COMPARE(bar->format(), wide);
    // A text the page writes itself (a new run's "Starting...") is not replaced by the last
    // run's stage when the bar is resized.
    bar->setFormat(QStringLiteral("Starting..."));
    m_page->resize(700, 600);
    QTest::qWait(50);
    QCOMPARE(bar->format(), QStringLiteral("Starting..."));
    m_page->resize(1000, 600);
    Q_EMIT m_page->jobs()->progress(QStringLiteral("Tuning item-kNN"), 1, 4);
    QCOMPARE(bar->format(), QStringLiteral("Tuning item-kNN %p%"));
}

void TestEvaluationPage::exportsCsvAndChart()
{
    setInputs();
    runAndWait(10, 1);
    const QString csvPath = m_dir.filePath(QStringLiteral("evaluation.csv"));
    ui::FileDialog::setNextFileName(csvPath);
    QTest::mouseClick(button("evalExportCsv"), Qt::LeftButton);
    QFile file(csvPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    std::ostringstream expected;
    rec::writeEvaluationCsv(warm(), expected);
    QCOMPARE(content.toStdString(), expected.str());
    const QList<QByteArray> lines = content.trimmed().split('\n');
    QCOMPARE(lines.front(), QByteArray("method,archetype,metric,value"));
    // Per method: overall and 12 archetypes, 11 metrics each.
    QCOMPARE(lines.size(), 1 + int(rec::methodTable().size()) * 13 * 11);
    const double ndcg = warm().methods[1].overall.at("ndcg");
    QCOMPARE(warm().methods[1].method, std::string("dbm-top"));
    QVERIFY(lines.contains(QByteArray::fromStdString("dbm-top,all,ndcg," + text::formatDouble(ndcg))));

    // A name without a suffix gets ".png".
    ui::FileDialog::setNextFileName(m_dir.filePath(QStringLiteral("chart")));
    QTest::mouseClick(button("evalExportChart"), Qt::LeftButton);
    const QImage image(m_dir.filePath(QStringLiteral("chart.png")));
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 100);

    // A cancelled dialog writes nothing and says nothing.
    const int shown = ui::MessageBox::shownCount();
    ui::FileDialog::setNextFileNames({});
    m_page->exportCsv();
    QCOMPARE(ui::MessageBox::shownCount(), shown);

    // A folder that does not exist: an error naming the file.
    ui::FileDialog::setNextFileName(m_dir.filePath(QStringLiteral("missing/evaluation.csv")));
    m_page->exportCsv();
    QCOMPARE(ui::MessageBox::shownCount(), shown + 1);
    QVERIFY(ui::MessageBox::lastText().contains(QStringLiteral("evaluation.csv")));
    ui::FileDialog::setNextFileName(m_dir.filePath(QStringLiteral("missing/chart.png")));
    m_page->exportChart();
    QCOMPARE(ui::MessageBox::shownCount(), shown + 2);
}

void TestEvaluationPage::bannerWhenModelOrSimulationChanged()
{
    setInputs();
    runAndWait(10, 1);
    QVERIFY(!banner()->isVisibleTo(m_page.get()));

    m_state->setModel(m_otherModel);
    QVERIFY(banner()->isVisibleTo(m_page.get()));
    QVERIFY(banner()->text().startsWith(QStringLiteral("Out of date: the model changed")));
    m_state->setSimulation(m_otherSimulation, m_loaded.catalog, m_state->archetypes(), m_state->thresholds());
    QVERIFY(banner()->text().startsWith(QStringLiteral("Out of date: the model and the simulation changed")));
    // Back to the inputs it was computed from: current again.
    m_state->setModel(m_model);
    m_state->setSimulation(m_simulation, m_loaded.catalog, m_state->archetypes(), m_state->thresholds());
    QVERIFY(!banner()->isVisibleTo(m_page.get()));

    m_state->setModel(m_otherModel);
    runAndWait(10, 1);
    QVERIFY(!banner()->isVisibleTo(m_page.get()));
}

void TestEvaluationPage::cancelKeepsThePreviousEvaluation()
{
    setInputs();
    runAndWait(10, 1);
    const auto previous = m_state->evaluation();
    // The job takes milliseconds: on a busy machine it may end before Cancel is pressed. That
    // is no failure of the page, so try again (with the previous evaluation back) until Cancel
    // comes first.
    bool cancelledInTime = false;
    for (int attempt = 0; attempt < 20 && !cancelledInTime; ++attempt) {
        m_state->setEvaluation(previous); // the controls show its settings again: K = 10
        m_page->findChild<QSpinBox*>(QStringLiteral("evalK"))->setValue(20);
        QSignalSpy changed(m_state.get(), &AppState::evaluationChanged);
        QSignalSpy cancelled(m_page->jobs(), &ui::JobRunner::cancelled);
        m_page->run();
        QVERIFY(!button("evalRun")->isEnabled());
        QTest::mouseClick(button("evalCancel"), Qt::LeftButton);
        QVERIFY(m_page->jobs()->waitForFinished());
        cancelledInTime = cancelled.size() == 1;
        if (cancelledInTime)
            QCOMPARE(changed.size(), 0);
    }
    QVERIFY(cancelledInTime);
    QCOMPARE(m_state->evaluation(), previous);
    QCOMPARE(m_page->tableModel()->headerData(0, Qt::Horizontal).toString(),
             QStringLiteral("Precision\n@10"));
    QVERIFY(button("evalRun")->isEnabled());
    QVERIFY(!button("evalCancel")->isEnabled());
    // The results shown keep their K, and the banner says which settings they are for.
    auto* banner = m_page->findChild<QLabel*>(QStringLiteral("evalBanner"));
    QVERIFY2(banner->isVisibleTo(m_page.get()) &&
                 banner->text().contains("These results are for K = 10 and 1 split; Run evaluation would "
                                         "use K = 20 and 1 split."),
             qPrintable(banner->text()));
    m_page->findChild<QSpinBox*>(QStringLiteral("evalK"))->setValue(10);
    QVERIFY2(!banner->text().contains("These results are for"), qPrintable(banner->text()));
}

void TestEvaluationPage::evaluationFromAProjectIsCurrent()
{
    setInputs();
    // A project saved before the new-tracks protocol holds only returning listeners.
    auto saved = std::make_shared<const rec::EvaluationSet>(rec::EvaluationSet{
        {rec::compareMethods(*m_loaded.catalog, *m_simulation, *m_model, {7, 2})}, {}, {}});
    m_state->setEvaluation(saved);
    QCOMPARE(m_page->tableModel()->rowCount(), int(rec::methodTable().size()));
    QCOMPARE(m_page->tableModel()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Precision\n@7"));
    QCOMPARE(m_page->chart()->sets().size(), int(rec::methodTable().size()));
    QVERIFY(!banner()->isVisibleTo(m_page.get()));
    m_state->setModel(m_otherModel);
    QVERIFY(banner()->text().contains(QStringLiteral("the model changed")));

    protocolSwitch()->setCurrentIndex(protocolSwitch()->findData(QStringLiteral("new-tracks")));
    QCOMPARE(m_page->tableModel()->rowCount(), 0);
    QVERIFY(m_page->findChild<QLabel*>(QStringLiteral("evalSummary"))->text().contains("run it again"));
    protocolSwitch()->setCurrentIndex(protocolSwitch()->findData(QStringLiteral("warm")));

    // A new project: nothing to show.
    m_state->setEvaluation(nullptr);
    QCOMPARE(m_page->tableModel()->rowCount(), 0);
    QVERIFY(m_page->chart()->sets().isEmpty());
    QVERIFY(!button("evalExportCsv")->isEnabled());
}

void TestEvaluationPage::outOfDateEvaluationReopensOutOfDate()
{
    // Evaluated, then the model changed: a project saved now must not reopen the old numbers
    // as the new model's.
    setInputs();
    runAndWait(10, 1);
    m_state->setModel(m_otherModel);
    QVERIFY(m_state->evaluationOutOfDate());
    const ProjectSnapshot snapshot = captureProject(*m_state);
    QVERIFY(snapshot.project.evaluationOutOfDate);

    AppState reopened;
    reopened.setCatalog(m_loaded);
    reopened.restoreSimulation(m_simulation, false);
    reopened.setModel(m_otherModel);
    reopened.setEvaluation(snapshot.project.evaluation, snapshot.project.evaluationOutOfDate);
    EvaluationPage page(reopened);
    QVERIFY(reopened.evaluationOutOfDate());
    QVERIFY(reopened.evaluationModelChanged());
    auto* reopenedBanner = page.findChild<QLabel*>(QStringLiteral("evalBanner"));
    QVERIFY(reopenedBanner->text().startsWith(QStringLiteral("Out of date")));

    // Run again: current.
    reopened.setEvaluation(snapshot.project.evaluation);
    QVERIFY(!reopened.evaluationOutOfDate());
}

void TestEvaluationPage::renderPage()
{
    setInputs();
    runAndWait(10, 1);
    m_page->resize(1100, 750);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QVERIFY(keepScreenshot(m_page->grab().toImage(), "evaluation"));
    protocolSwitch()->setCurrentIndex(protocolSwitch()->findData(QStringLiteral("new-tracks")));
    QTest::qWait(50); // the chart lays out its new axes and legend on the event loop
    QVERIFY(keepScreenshot(m_page->grab().toImage(), "evaluation-new-tracks"));
    protocolSwitch()->setCurrentIndex(protocolSwitch()->findData(QStringLiteral("warm")));
}

QTEST_MAIN(TestEvaluationPage)
#include "TestEvaluationPage.moc"
