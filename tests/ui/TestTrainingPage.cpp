// The Training page driven as a user would, offscreen: settings, Start, Pause/Resume, Cancel,
// the live chart with its best epoch, verdict and kept epoch, and a probe that the GUI thread
// never stalls while the model trains. (Its files: TestTrainingPageFiles.)
#include "TrainingPageFixture.h"
#include "charts/LossChartScale.h"
#include "charts/Smoothing.h"

#include <QChartView>
#include <QCheckBox>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTimer>
#include <QValueAxis>

using namespace gdbm;
using namespace gdbm::testing;
using gdbm::ui::AppState;
using gdbm::ui::TrainingPage;

class TestTrainingPage : public QObject, public TrainingPageFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestCase("TestTrainingPage"); }
    void init() { setUpPage(); }
    void cleanup() { tearDownPage(); }

    void smoothingIsTensorBoards();
    void errorAxesStepRoundly();
    void epochAxesOfAVeryLongRun();
    void trainsLikeTheEngine();
    void earlyStoppingIsShownAndExplained();
    void pauseAndResumeContinueTheSameRun();
    void cancelKeepsThePreviousModel();
    void invalidSettingsDisableStart();
    void recipeSettingsAreRemembered();
    void staysResponsiveWhileTraining();

private:
    // Waits until no epoch has arrived for a while; false if epochs keep coming for 30 s.
    bool waitUntilChartSettles();
};

bool TestTrainingPage::waitUntilChartSettles()
{
    QDeadlineTimer deadline(30000);
    int before = m_page->chart()->pointCount();
    while (!deadline.hasExpired()) {
        QTest::qWait(300);
        const int now = m_page->chart()->pointCount();
        if (now == before)
            return true;
        before = now;
    }
    return false;
}

void TestTrainingPage::smoothingIsTensorBoards()
{
    const std::vector<double> raw = {1, 2, 3};
    QCOMPARE(ui::smoothed(raw, 0.0), raw);
    // By hand: last = 0.5, 1.25, 2.125; debiased by 1 - 0.5^n = 0.5, 0.75, 0.875.
    const std::vector<double> half = ui::smoothed(raw, 0.5);
    QCOMPARE(half.size(), std::size_t(3));
    QVERIFY(std::abs(half[0] - 1.0) < 1e-12);
    QVERIFY(std::abs(half[1] - 1.25 / 0.75) < 1e-12);
    QVERIFY(std::abs(half[2] - 2.125 / 0.875) < 1e-12);
    QVERIFY(std::abs(half[1] - 1.6667) < 1e-4 && std::abs(half[2] - 2.4286) < 1e-4);
    // A missing value passes through and does not count.
    const std::vector<double> gap = ui::smoothed({1, NAN, 2}, 0.5);
    QVERIFY(std::isnan(gap[1]));
    QVERIFY(std::abs(gap[2] - 1.25 / 0.75) < 1e-12);
    // A flat curve stays exactly flat.
    QCOMPARE(ui::smoothed({0.3, 0.3, 0.3}, 0.9), (std::vector<double>{0.3, 0.3, 0.3}));
}

void TestTrainingPage::errorAxesStepRoundly()
{
    const auto near = [](const std::vector<double>& got, const std::vector<double>& want) {
        if (got.size() != want.size())
            return false;
        for (std::size_t i = 0; i < got.size(); ++i) {
            if (std::abs(got[i] - want[i]) > 1e-9)
                return false;
        }
        return true;
    };
    // Within a decade (a learning curve): round steps covering the data.
    QVERIFY(near(ui::scale::logTicks(0.63, 0.69), {0.62, 0.64, 0.66, 0.68, 0.70}));
    // Over decades: 1, 2, 5 times the powers of ten.
    QVERIFY(near(ui::scale::logTicks(0.05, 3), {0.05, 0.1, 0.2, 0.5, 1, 2, 5}));
    // A linear axis: round ends, about 5 ticks, never below 0.
    const ui::scale::LinearScale s = ui::scale::linearScale(0.642, 0.685);
    QVERIFY(near({s.bottom, s.top}, {0.62, 0.70}));
    QCOMPARE(s.ticks, 5);
    QCOMPARE(ui::scale::linearScale(0.01, 0.9).bottom, 0.0);
}

void TestTrainingPage::epochAxesOfAVeryLongRun()
{
    // A million epochs per layer (the spin box allows it) after a short run: the axis once took
    // the new range at the old interval, 100,000 ticks, and the window hung laying them out.
    ui::LossChart* chart = m_page->chart();
    const QList<QChartView*> views = chart->findChildren<QChartView*>();
    QCOMPARE(views.size(), 2);
    const auto epochAxis = [&](int i) {
        return qobject_cast<QValueAxis*>(views[i]->chart()->axes(Qt::Horizontal).value(0));
    };
    chart->plan(50, 50);
    QCOMPARE(epochAxis(0)->tickInterval(), ui::scale::niceStep(50, 8));
    chart->plan(1'000'000, 1'000'000);
    for (int i : {0, 1}) {
        QCOMPARE(epochAxis(i)->max(), 1'000'000.0);
        QCOMPARE(epochAxis(i)->tickInterval(), ui::scale::niceStep(1'000'000, 8));
    }
    chart->plan(50, 20);
    QCOMPARE(epochAxis(0)->max(), 50.0);
    QCOMPARE(epochAxis(1)->tickInterval(), ui::scale::niceStep(20, 8));
}

void TestTrainingPage::trainsLikeTheEngine()
{
    QVERIFY(!m_state->model());
    QVERIFY(!child<QPushButton>("trainSaveModel")->isEnabled());
    QVERIFY(train(tinyParams()));
    QCOMPARE(child<QLineEdit>("trainLayers")->text(), QString("8, 4"));
    QVERIFY(m_state->model());
    // 2 epochs for each of the 2 layers, then 2 of fine-tuning.
    QCOMPARE(m_page->chart()->pointCount(), plannedEpochs(tinyParams()));
    QCOMPARE(m_page->chart()->pointCount(), 6);
    QVERIFY(*m_state->model() == direct(tinyParams()));
    QVERIFY(child<QLabel>("trainStatus")->text().contains("Trained"));
    QVERIFY(child<QLabel>("trainModelSummary")->text().contains(QString::fromUtf8("8\u20134")));
    QVERIFY(child<QPushButton>("trainSaveModel")->isEnabled());

    // Hovering a curve names it, with the epoch and the raw and smoothed values.
    auto* view = child<QChartView>("lossChartPretraining");
    QLineSeries* layer1 = nullptr;
    for (QAbstractSeries* s : view->chart()->series()) {
        if (s->name() == "Layer 1" && s->isVisible())
            layer1 = qobject_cast<QLineSeries*>(s);
    }
    QVERIFY(layer1);
    Q_EMIT layer1->hovered(QPointF(1.9, 0.5), true);
    const QString hover = m_page->chart()->hoverText();
    QVERIFY2(hover.startsWith("Layer 1, epoch 2: ") && hover.contains("smoothed"), qPrintable(hover));

    // The settings used last are the defaults of a new session.
    AppState fresh;
    const TrainingPage freshPage(fresh);
    QCOMPARE(fresh.trainingParams(), tinyParams());

    // A page opened on a state that has a model (a project) shows that model's curves.
    TrainingPage another(*m_state);
    QCOMPARE(another.chart()->pointCount(), 6);
    // And redraws when the model changes from outside.
    m_state->setModel(nullptr);
    QCOMPARE(another.chart()->pointCount(), 0);
}

void TestTrainingPage::earlyStoppingIsShownAndExplained()
{
    // The form shows early stopping and its patience; the patience is idle while it is off.
    auto* early = child<QCheckBox>("trainEarlyStopping");
    auto* patience = child<QSpinBox>("trainPatience");
    QVERIFY(early->isChecked());
    QCOMPARE(patience->value(), model::TrainingParams{}.patience);
    early->click();
    QVERIFY(!patience->isEnabled());
    QVERIFY(!m_state->trainingParams().earlyStopping);
    early->click();
    QVERIFY(patience->isEnabled());

    model::TrainingParams p = tinyParams();
    p.finetuneEpochs = 10;
    p.finetuneLearningRate = 0.01; // large: the validation error soon stops falling
    p.patience = 2;
    QVERIFY(train(p));
    QCOMPARE(patience->value(), 2);
    const model::Model& m = *m_state->model();
    QVERIFY(*m_state->model() == direct(p));

    // The chart marks the validation curve's lowest epoch, and names it in the legend.
    std::vector<double> validation;
    for (const model::EpochStats& s : m.curves) {
        if (s.phase == model::Phase::FineTuning)
            validation.push_back(s.mseValidation);
    }
    // The lowest fine-tuning epoch, unless the pretrained model (epoch 0) was better still.
    const auto lowest = std::min_element(validation.begin(), validation.end());
    const int expected = *lowest < m.mseAfterPretraining ? int(lowest - validation.begin()) + 1 : 0;
    const auto best = m_page->chart()->bestValidationEpoch();
    QVERIFY(best);
    QCOMPARE(best->first, expected);
    QCOMPARE(m.keptEpoch, expected);
    bool marked = false;
    for (QAbstractSeries* series : child<QChartView>("lossChartFinetuning")->chart()->series())
        marked = marked || (series->isVisible() &&
                            series->name() == QString("best validation (epoch %1)").arg(best->first));
    QCOMPARE(marked, expected > 0);
    if (expected > 0)
        QCOMPARE(best->second, *lowest);

    // The current-model panel says which epoch was kept and why; the status gives a verdict.
    const QString summary = child<QLabel>("trainModelSummary")->text();
    QVERIFY2(summary.contains(m.keptEpoch > 0 ? QString("Kept fine-tuning epoch %1 of").arg(m.keptEpoch)
                                              : QString("Kept the pretrained model")),
             qPrintable(summary));
    if (m.stoppedEarly)
        QVERIFY2(summary.contains("stopped after 2 epochs without a better one"), qPrintable(summary));
    const QString status = child<QLabel>("trainStatus")->text();
    QVERIFY2(QRegularExpression("(Learning|Plateaued|Overfitting|Diverging): ").match(status).hasMatch(),
             qPrintable(status));
    // Under the charts: what the error means.
    QVERIFY(
        child<QLabel>("lossChartExplanation")->text().contains("1.0 is no better than predicting the mean"));
}

void TestTrainingPage::pauseAndResumeContinueTheSameRun()
{
    const model::TrainingParams params = longParams();
    m_state->setTrainingParams(params);
    m_page->start();
    QVERIFY(m_page->jobs()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(m_page->chart()->pointCount() > 0, 30000 * kSlowdown);
    m_page->pauseOrResume();
    QVERIFY(m_page->isPaused());
    QCOMPARE(child<QPushButton>("trainPause")->text(), QString("Resume"));
    // Epochs that ended before the pause took effect (the one under way ends at its next
    // mini-batch) still arrive, however slow the machine: wait until they have, then nothing
    // more may come.
    QVERIFY(waitUntilChartSettles());
    const int shown = m_page->chart()->pointCount();
    QTest::qWait(300);
    QCOMPARE(m_page->chart()->pointCount(), shown);
    QVERIFY(shown < plannedEpochs(params));
    QVERIFY(m_page->jobs()->isRunning());
    // Nothing counts down while paused: the label says so, with no estimate.
    const QString paused = child<QLabel>("trainProgressLabel")->text();
    QVERIFY2(paused.startsWith("Paused") && !paused.contains("left"), qPrintable(paused));

    m_page->pauseOrResume();
    QVERIFY(!m_page->isPaused());
    QVERIFY(!child<QLabel>("trainProgressLabel")->text().startsWith("Paused"));
    QVERIFY(m_page->jobs()->waitForFinished(60000 * kSlowdown));
    QCOMPARE(m_page->chart()->pointCount(), plannedEpochs(params));
    QVERIFY(m_state->model());
    QVERIFY(*m_state->model() == direct(params));
}

void TestTrainingPage::cancelKeepsThePreviousModel()
{
    const auto previous = std::make_shared<const model::Model>(direct(tinyParams()));
    m_state->setModel(previous);
    QCOMPARE(m_page->chart()->pointCount(), 6);
    m_state->setTrainingParams(longParams());

    m_page->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->chart()->pointCount() > 0, 30000);
    child<QPushButton>("trainCancel")->click();
    QVERIFY(m_page->jobs()->waitForFinished(30000));
    QCOMPARE(m_state->model(), previous);
    QCOMPARE(m_page->chart()->pointCount(), 6); // the kept model's curves, not the dropped run's
    QVERIFY2(child<QLabel>("trainStatus")->text().contains("previous model is kept"),
             qPrintable(child<QLabel>("trainStatus")->text()));

    // Cancel works while paused, promptly.
    m_page->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->chart()->pointCount() > 0, 30000 * kSlowdown);
    m_page->pauseOrResume();
    QVERIFY(m_page->isPaused());
    m_page->cancel();
    // While the run stops, it can be neither paused nor cancelled again, nor started anew.
    QVERIFY(!child<QPushButton>("trainPause")->isEnabled());
    QVERIFY(!child<QPushButton>("trainCancel")->isEnabled());
    QVERIFY(!child<QPushButton>("trainStart")->isEnabled());
    m_page->pauseOrResume();
    QVERIFY(m_page->isPaused());
    // Without the gate looking at the cancel flag, a paused run would never end.
    QVERIFY(m_page->jobs()->waitForFinished(30000));
    QCOMPARE(m_state->model(), previous);
    QVERIFY(child<QPushButton>("trainStart")->isEnabled());
    QVERIFY(!child<QPushButton>("trainPause")->isEnabled());
    QCOMPARE(child<QPushButton>("trainPause")->text(), QString("Pause"));
}

void TestTrainingPage::invalidSettingsDisableStart()
{
    auto* layers = child<QLineEdit>("trainLayers");
    auto* start = child<QPushButton>("trainStart");
    auto* problems = child<QLabel>("trainProblems");
    QCOMPARE(layers->text(), QString("64, 32, 16"));
    QVERIFY(start->isEnabled());
    QVERIFY(problems->isHidden());

    layers->selectAll();
    QTest::keyClicks(layers, "abc");
    QVERIFY(!start->isEnabled());
    QVERIFY(!problems->isHidden());
    QVERIFY2(problems->text().contains("'abc' is not a whole number"), qPrintable(problems->text()));

    layers->selectAll();
    QTest::keyClick(layers, Qt::Key_Backspace);
    QVERIFY(!start->isEnabled());
    QVERIFY(problems->text().startsWith("layers:"));

    QTest::keyClicks(layers, "8, 0");
    QVERIFY(!start->isEnabled());
    QVERIFY2(problems->text().contains("1..4096 units"), qPrintable(problems->text())); // validate()

    QTest::keyClick(layers, Qt::Key_Backspace);
    QTest::keyClicks(layers, "4");
    QVERIFY(start->isEnabled());
    QVERIFY(problems->isHidden());
    QCOMPARE(m_state->trainingParams().layers, (std::vector<std::size_t>{8, 4}));
    QCOMPARE(layers->text(), QString("8, 4")); // the echo from the state left the typing alone

    // Settings from outside (a project being opened) show in the form.
    model::TrainingParams p = tinyParams();
    p.layers = {5, 3};
    p.finetuneEpochs = 7;
    m_state->setTrainingParams(p);
    QCOMPARE(layers->text(), QString("5, 3"));
    QCOMPARE(child<QSpinBox>("trainFinetuneEpochs")->value(), 7);

    // Reset to defaults.
    child<QPushButton>("trainReset")->click();
    QCOMPARE(m_state->trainingParams(), model::TrainingParams{});
    QCOMPARE(layers->text(), QString("64, 32, 16"));

    // No dataset, no Start.
    m_state->setCatalog({});
    QVERIFY(!start->isEnabled());
}

void TestTrainingPage::recipeSettingsAreRemembered()
{
    // The settings the form does not show (momentum, warm-up, initial scale) survive the form
    // and come back in the next session, each its own value.
    model::TrainingParams p = tinyParams();
    p.initialWeightScale = 0.6;
    p.pretrainHiddenLearningRate = 0.05;
    p.pretrainMomentumStart = 0.3;
    p.pretrainMomentum = 0.7;
    p.pretrainMomentumSwitchEpoch = 1;
    p.logVarianceWarmupEpochs = 1;
    p.earlyStopping = false;
    p.patience = 4;
    QVERIFY(train(p));
    QCOMPARE(m_state->model()->params, p);
    QTRY_COMPARE(QSettings().value("training/patience").toInt(), 4);
    AppState fresh;
    const TrainingPage freshPage(fresh);
    QCOMPARE(fresh.trainingParams(), p);
}

void TestTrainingPage::staysResponsiveWhileTraining()
{
    // The demo-sized catalog and the default layers, for a couple of seconds.
    m_state->setCatalog(ui::prepareCatalog(data::generateDemoCatalog({}), data::GenreThresholds{}));
    model::TrainingParams params;
    params.pretrainEpochs = 12;
    params.finetuneEpochs = 12;
    m_state->setTrainingParams(params);
    const std::optional<qint64> stall = trainAndMeasureStall();
    QVERIFY(stall);
    QCOMPARE(m_page->chart()->pointCount(), plannedEpochs(params));
    if (kSlowdown > 1)
        QSKIP("the stall limit is for uninstrumented builds");
    QVERIFY2(*stall < kMaxStallMs, qPrintable(QString("the GUI stalled for %1 ms").arg(*stall)));
}

QTEST_MAIN(TestTrainingPage)
#include "TestTrainingPage.moc"
