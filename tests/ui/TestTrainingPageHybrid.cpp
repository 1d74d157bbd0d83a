// The Training page's choice of model, used as a user would: the hybrid chosen and shaped on the
// page, trained on the simulation's listening exactly as the engine trains it, the original
// study's audio-only model one click away, and modalities the data lacks named as such.
#include "TrainingPageFixture.h"
#include "pages/ModelChoiceBox.h"
#include "pages/RunComparison.h"
#include "pages/TrainingSettings.h"
#include "rec/HybridModel.h"
#include "sim/Archetype.h"

#include <QChartView>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

using namespace gdbm;
using namespace gdbm::testing;

class TestTrainingPageHybrid : public QObject, public TrainingPageFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init() { setUpPage(); }
    void cleanup() { tearDownPage(); }

    void saysWhatTheDataProvides();
    void trainsTheHybridLikeTheEngine();
    void originalStudyIsOneClickAway();
    void listeningCodingIsChosenInTheModelBox();
    void updateLimitIsChosenInTheModelBox();
    void badShapesDisableStart();
    void staysResponsiveWhileTrainingTheHybrid();

private:
    void typeInto(const char* name, const QString& text);

    std::shared_ptr<const sim::SimulationResult> m_simulation;
};

void TestTrainingPageHybrid::initTestCase()
{
    setUpTestCase("TestTrainingPageHybrid");
    sim::SimulationParams params;
    params.users = 60;
    params.thresholds = m_small.facts.genres.thresholds;
    m_simulation = std::make_shared<const sim::SimulationResult>(
        sim::simulate(*m_small.catalog, sim::defaultArchetypes(), params));
}

void TestTrainingPageHybrid::typeInto(const char* name, const QString& text)
{
    auto* edit = child<QLineEdit>(name);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

void TestTrainingPageHybrid::saysWhatTheDataProvides()
{
    auto* listening = child<QCheckBox>("trainListening");
    QVERIFY2(listening->text().contains("run a simulation first"), qPrintable(listening->text()));
    QVERIFY(child<QCheckBox>("trainTags")->text().contains("genres, decades, artists ("));
    QVERIFY(!child<QLabel>("trainModalityNote")->text().contains("listening"));
    m_state->setSimulation(m_simulation, m_small.catalog, sim::defaultArchetypes(),
                           m_small.facts.genres.thresholds);
    QVERIFY2(listening->text().contains(QString("%1 simulated listeners").arg(m_simulation->users.size())),
             qPrintable(listening->text()));
    QVERIFY(child<QLabel>("trainModalityNote")->text().contains("audio, tags, listening"));
}

void TestTrainingPageHybrid::trainsTheHybridLikeTheEngine()
{
    m_state->setSimulation(m_simulation, m_small.catalog, sim::defaultArchetypes(),
                           m_small.facts.genres.thresholds);
    child<QPushButton>("trainHybrid")->click();
    QVERIFY(child<QCheckBox>("trainListening")->isChecked());
    QVERIFY(!child<QLineEdit>("trainLayers")->isEnabled()); // it shapes the audio-only model
    typeInto("trainAudioLayers", "4");
    typeInto("trainTagLayers", "6");
    typeInto("trainListeningLayers", "8");
    auto* joint = child<QSpinBox>("trainJoint");
    joint->selectAll();
    QTest::keyClicks(joint, "5");
    model::HybridParams expected;
    expected.audioLayers = {4};
    expected.tagLayers = {6};
    expected.tagUnitsFollowVocabulary = false;
    expected.listeningLayers = {8};
    expected.jointUnits = 5;
    QVERIFY(m_state->hybridParams() == expected);

    QVERIFY(train(tinyParams()));
    QVERIFY(m_state->model() && m_state->model()->isHybrid());
    const rec::NamedInteractions listening = rec::simulationListening(*m_simulation, m_small.catalog->size());
    const model::Model direct = rec::trainHybrid(*m_small.catalog, listening.interactions, tinyParams(),
                                                 expected, listening.userNames)
                                    .model;
    QVERIFY(*m_state->model() == direct);
    // The pathways' layer and the joint layer, 2 epochs each; the hybrid skips fine-tuning.
    QCOMPARE(m_page->chart()->pointCount(), 4);
    // Its fine-tuning chart would be empty: hidden, and the explanation says why.
    QVERIFY(child<QChartView>("lossChartFinetuning")->isHidden());
    QVERIFY(child<QLabel>("lossChartExplanation")->text().contains("Fine-tuning is off for the hybrid"));
    // Its joint layer learned the listening from the other pathways, and the chart says so.
    QVERIFY(child<QLabel>("lossChartExplanation")->text().contains("learns the listening pathway's"));
    model::Model jointDistribution = direct;
    jointDistribution.hybrid.conditionalJoint = false; // as an older model file reads
    m_state->setModel(std::make_shared<const model::Model>(jointDistribution));
    QVERIFY(child<QLabel>("lossChartExplanation")->text().contains("reconstructs every pathway's units"));
    m_state->setModel(std::make_shared<const model::Model>(direct));
    const QString summary = child<QLabel>("trainModelSummary")->text();
    QVERIFY2(summary.startsWith("Hybrid of audio 14, tags ") &&
                 summary.contains(QString("listening %1 (visible units)").arg(m_simulation->users.size())),
             qPrintable(summary));
    // Each pathway's width by its modality, then the joint layer's.
    const model::BlockList& pathways = direct.dbm.blocks.at(0);
    QVERIFY2(summary.contains(QString("; pathways audio %1, tags %2, listening %3; joint %4")
                                  .arg(pathways[0].cols)
                                  .arg(pathways[1].cols)
                                  .arg(pathways[2].cols)
                                  .arg(direct.dbm.layerSizes().back())),
             qPrintable(summary));

    // It learned the listening of this simulation: another run of it makes the model out of date.
    QVERIFY(!m_state->modelOutOfDate());
    m_state->setSimulation(std::make_shared<const sim::SimulationResult>(*m_simulation), m_small.catalog,
                           sim::defaultArchetypes(), m_small.facts.genres.thresholds);
    QVERIFY2(m_state->modelOutOfDateReason().contains("simulation ran again"),
             qPrintable(m_state->modelOutOfDateReason()));
    QVERIFY(!child<QLabel>("trainModelOutOfDate")->isHidden());
}

void TestTrainingPageHybrid::originalStudyIsOneClickAway()
{
    auto* original = child<QPushButton>("trainOriginal");
    QVERIFY(!original->isEnabled()); // the fixture starts on the audio-only model
    child<QPushButton>("trainHybrid")->click();
    QVERIFY(original->isEnabled());
    QVERIFY(!child<QPushButton>("trainHybrid")->isEnabled());
    QVERIFY(child<QChartView>("lossChartFinetuning")->isHidden());
    original->click();
    QVERIFY(!child<QChartView>("lossChartFinetuning")->isHidden()); // the audio-only model fine-tunes
    QCOMPARE(m_state->hybridParams().modalities, std::vector{model::Modality::Audio});
    QVERIFY(!original->isEnabled());
    QVERIFY(child<QLineEdit>("trainLayers")->isEnabled());
    QVERIFY(!child<QLineEdit>("trainAudioLayers")->isEnabled());
    QVERIFY(train(tinyParams()));
    QVERIFY(!m_state->model()->isHybrid());
    QVERIFY(*m_state->model() == direct(tinyParams()));
    // Chosen again for the next session.
    QCOMPARE(ui::loadLastHybridParams().modalities, std::vector{model::Modality::Audio});
}

void TestTrainingPageHybrid::listeningCodingIsChosenInTheModelBox()
{
    m_state->setSimulation(m_simulation, m_small.catalog, sim::defaultArchetypes(),
                           m_small.facts.genres.thresholds);
    child<QPushButton>("trainHybrid")->click();
    auto* rank = child<QSpinBox>("trainListeningRank");
    QCOMPARE(rank->text(), QString("One unit per listener"));
    rank->selectAll();
    QTest::keyClicks(rank, "4");
    QCOMPARE(m_state->hybridParams().listeningRank, std::size_t(4));
    QVERIFY(train(tinyParams()));
    const model::Model& trained = *m_state->model();
    QCOMPARE(trained.listeningFactors.rank(), std::size_t(4));
    QCOMPARE(trained.find(model::Modality::Listening)->count, std::size_t(4));
    const QString summary = child<QLabel>("trainModelSummary")->text();
    QVERIFY2(summary.contains("coded in rank 4"), qPrintable(summary));
    QCOMPARE(ui::loadLastHybridParams().listeningRank, std::size_t(4)); // remembered
    child<QCheckBox>("trainListening")->setChecked(false);
    QVERIFY(!rank->isEnabled()); // nothing to code
}

// 1,500 songs train on 1,350: 11 batches of 128 an epoch, so a limit of 11 updates leaves one of
// the two epochs, and the chart plans and draws one point per layer. The embedding's mean-field
// iterations are chosen in the same box and kept with the model.
void TestTrainingPageHybrid::updateLimitIsChosenInTheModelBox()
{
    m_state->setSimulation(m_simulation, m_small.catalog, sim::defaultArchetypes(),
                           m_small.facts.genres.thresholds);
    child<QPushButton>("trainHybrid")->click();
    auto* limit = child<QSpinBox>("trainMaxUpdates");
    QCOMPARE(limit->value(), int(model::HybridParams{}.maxPretrainUpdates));
    limit->selectAll();
    QTest::keyClicks(limit, "11");
    QCOMPARE(m_state->hybridParams().maxPretrainUpdates, std::size_t(11));
    auto* sweeps = child<QSpinBox>("trainEmbeddingIterations");
    QCOMPARE(sweeps->value(), 1);
    QCOMPARE(sweeps->text(), QString("1 mean-field iteration"));
    sweeps->selectAll();
    QTest::keyClicks(sweeps, "2");
    QCOMPARE(sweeps->text(), QString("2 mean-field iterations"));
    QCOMPARE(m_state->hybridParams().embeddingIterations, 2);
    QVERIFY(train(tinyParams()));
    QCOMPARE(m_state->model()->hybrid.embeddingIterations, 2);
    QCOMPARE(ui::loadLastHybridParams().embeddingIterations, 2); // remembered
    QCOMPARE(m_state->model()->trainedRecipe().pretrainEpochs, 1);
    QCOMPARE(m_page->chart()->pointCount(), 2);
    QCOMPARE(ui::loadLastHybridParams().maxPretrainUpdates, std::size_t(11)); // remembered
    // The runs table gives the limit, the epochs it left and the tag pathway's width as trained
    // (it follows the tag vocabulary).
    ui::RunComparison table;
    table.setRuns(m_state->runs());
    const auto valueOf = [&](const QString& row) {
        for (int r = 0; r < table.rowCount(); ++r) {
            if (table.verticalHeaderItem(r)->text() == row)
                return table.item(r, 0)->text();
        }
        return QString();
    };
    QCOMPARE(valueOf("Pretraining update limit"), QString("11"));
    QCOMPARE(valueOf("Pretraining epochs"), QString("1"));
    QCOMPARE(valueOf("Embedding iterations"), QString("2"));
    QCOMPARE(valueOf("Mean-field iterations"), QString::number(tinyParams().meanFieldIterations));
    const std::size_t tagUnits = m_state->model()->hybrid.tagLayers.front();
    QVERIFY(tagUnits != model::HybridParams{}.audioLayers.front());
    QVERIFY2(valueOf("Hidden layers").contains(QString("tags %1,").arg(tagUnits)),
             qPrintable(valueOf("Hidden layers")));
    limit->setValue(0);
    QCOMPARE(limit->text(), QString("No limit"));
    child<QPushButton>("trainOriginal")->click();
    QVERIFY(!limit->isEnabled());  // the audio-only model has no such limit
    QVERIFY(!sweeps->isEnabled()); // it embeds with its recipe's iterations
}

void TestTrainingPageHybrid::badShapesDisableStart()
{
    child<QPushButton>("trainHybrid")->click();
    auto* start = child<QPushButton>("trainStart");
    auto* problems = child<QLabel>("trainModelProblems");
    QVERIFY(start->isEnabled());
    typeInto("trainAudioLayers", "32, 16");
    QVERIFY(!start->isEnabled());
    QVERIFY2(problems->text().contains("same number of layers"), qPrintable(problems->text()));
    typeInto("trainAudioLayers", "x");
    QVERIFY(problems->text().contains("audio pathway: 'x' is not a whole number"));
    typeInto("trainAudioLayers", "32");
    QVERIFY(start->isEnabled());
    QVERIFY(problems->isHidden());
    for (const char* name : {"trainAudio", "trainTags", "trainListening"})
        child<QCheckBox>(name)->setChecked(false);
    QVERIFY(!start->isEnabled());
    QVERIFY(problems->text().contains("at least one of audio, tags, listening"));
}

void TestTrainingPageHybrid::staysResponsiveWhileTrainingTheHybrid()
{
    // The demo catalog with 1,000 listeners and the default hybrid (its five curves drawn live),
    // for a few seconds (without a sanitizer or another build on the machine).
    const ui::LoadedCatalog demo = ui::prepareCatalog(data::generateDemoCatalog({}), data::GenreThresholds{});
    m_state->setCatalog(demo);
    sim::SimulationParams simulation;
    simulation.thresholds = demo.facts.genres.thresholds;
    m_state->setSimulation(std::make_shared<const sim::SimulationResult>(
                               sim::simulate(*demo.catalog, sim::defaultArchetypes(), simulation)),
                           demo.catalog, sim::defaultArchetypes(), demo.facts.genres.thresholds);
    m_state->setHybridParams(model::HybridParams{});
    model::TrainingParams params;
    params.pretrainEpochs = 4;
    m_state->setTrainingParams(params);
    const std::optional<qint64> stall = trainAndMeasureStall();
    QVERIFY(stall);
    QVERIFY(m_state->model()->isHybrid());
    QCOMPARE(m_page->chart()->pointCount(), 2 * params.pretrainEpochs);
    if (kSlowdown > 1)
        QSKIP("the stall limit is for uninstrumented builds");
    QVERIFY2(*stall < kMaxStallMs, qPrintable(QString("the GUI stalled for %1 ms").arg(*stall)));
}

QTEST_MAIN(TestTrainingPageHybrid)
#include "TestTrainingPageHybrid.moc"
