#include "core/Error.h"
#include "data/DemoCatalog.h"
#include "model/Model.h"
#include "model/Pretrainer.h"
#include "model/Standardizer.h"
#include "model/Trainer.h"
#include "rec/Embedder.h"

#include <QTest>
#include <future>
#include <tbb/global_control.h>

using namespace gdbm;
using namespace gdbm::model;

// Training as a whole: determinism, stopping, divergence, embeddings.
class TestTraining : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameSeedSameModelWithOneOrTwoThreads();
    void otherSeedOtherModel();
    void observerSeesEveryEpoch();
    void observerStopKeepsCompletedEpochs();
    void cancelMidEpochKeepsLastCompletedEpoch();
    void pauseWaitsAndResumeContinuesTheSameRun();
    void cancelWhilePausedStops();
    void divergenceIsReportedNotPropagated();
    void restartedChainsAndWeightDoublingTrain();
    void learnsTheDemoCatalog();
    void earlyStoppingKeepsTheBestEpoch();
    void standardizerSeesTrainingSongsOnly();
    void layerErrorIsRelativeToTheInputsVariance();
    void embeddingsHaveTheRightShapeAndAreDeterministic();
    void rejectsBadParameters();

private:
    static TrainingParams small();
    data::Catalog m_catalog;
};

void TestTraining::initTestCase()
{
    m_catalog = data::generateDemoCatalog({1500, 4});
}

TrainingParams TestTraining::small()
{
    TrainingParams p;
    p.layers = {16, 8, 4};
    p.pretrainEpochs = 3;
    p.finetuneEpochs = 3;
    p.batchSize = 100; // not a multiple of the chunk size: exercises the ragged last chunk
    p.seed = 5;
    return p;
}

void TestTraining::sameSeedSameModelWithOneOrTwoThreads()
{
    TrainModelResult one, two, again;
    {
        tbb::global_control single(tbb::global_control::max_allowed_parallelism, 1);
        one = trainModel(m_catalog, small());
    }
    {
        tbb::global_control pair(tbb::global_control::max_allowed_parallelism, 2);
        two = trainModel(m_catalog, small());
        again = trainModel(m_catalog, small());
    }
    QVERIFY(!one.stopped);
    QVERIFY(one.model.dbm == two.model.dbm); // bit-identical parameters
    QVERIFY(one.model == two.model);         // and curves
    QVERIFY(two.model == again.model);

    // A layer wide enough (64 x 2048 weights) that its updates between batches are split over
    // the threads; a small catalog and one epoch, to stay quick under ThreadSanitizer.
    const data::Catalog few = data::generateDemoCatalog({300, 4});
    TrainingParams wide = small();
    wide.layers = {64, 2048};
    wide.pretrainEpochs = 1;
    wide.finetuneEpochs = 0;
    TrainModelResult wideOne, wideTwo;
    {
        tbb::global_control single(tbb::global_control::max_allowed_parallelism, 1);
        wideOne = trainModel(few, wide);
    }
    {
        tbb::global_control pair(tbb::global_control::max_allowed_parallelism, 2);
        wideTwo = trainModel(few, wide);
    }
    QVERIFY(wideOne.model.dbm == wideTwo.model.dbm);
}

void TestTraining::otherSeedOtherModel()
{
    TrainingParams p = small();
    const Model a = trainModel(m_catalog, p).model;
    p.seed = 6;
    const Model b = trainModel(m_catalog, p).model;
    QVERIFY(!(a.dbm == b.dbm));
}

void TestTraining::observerSeesEveryEpoch()
{
    std::vector<EpochStats> seen;
    const TrainModelResult r = trainModel(m_catalog, small(), {.observer = [&](const EpochStats& s) {
                                              seen.push_back(s);
                                              return false;
                                          }});
    QCOMPARE(seen.size(), std::size_t(3 * 3 + 3));
    QCOMPARE(seen.front().phase, Phase::Pretraining);
    QCOMPARE(seen[3].layer, std::size_t(1));
    QCOMPARE(seen.back().phase, Phase::FineTuning);
    QCOMPARE(seen.back().epoch, 3);
    for (const EpochStats& s : seen) {
        QVERIFY(std::isfinite(s.mseTrain) && s.mseTrain > 0);
        QVERIFY(std::isfinite(s.mseValidation));
        QVERIFY(s.samplesPerSecond > 0);
        QCOMPARE(s.layers, std::size_t(3));
    }
    QCOMPARE(r.model.curves.size(), seen.size());
    QCOMPARE(r.model.trainRows + r.model.validationRows, m_catalog.size());
    QCOMPARE(r.model.validationRows, std::size_t(150));
}

void TestTraining::observerStopKeepsCompletedEpochs()
{
    TrainingParams p = small();
    const TrainModelResult stopped = trainModel(m_catalog, p, {.observer = [](const EpochStats& s) {
                                                    return s.phase == Phase::FineTuning && s.epoch == 2;
                                                }});
    QVERIFY(stopped.stopped);
    p.finetuneEpochs = 2;
    const TrainModelResult full = trainModel(m_catalog, p);
    QVERIFY(stopped.model.dbm == full.model.dbm);
}

void TestTraining::cancelMidEpochKeepsLastCompletedEpoch()
{
    // The flag is set after fine-tuning epoch 1; epoch 2 sees it at its first mini-batch.
    CancelFlag cancel{false};
    TrainingParams p = small();
    const TrainModelResult r = trainModel(m_catalog, p,
                                          {.observer =
                                               [&](const EpochStats& s) {
                                                   if (s.phase == Phase::FineTuning && s.epoch == 1)
                                                       cancel = true;
                                                   return false;
                                               },
                                           .cancel = &cancel});
    QVERIFY(r.stopped);
    QCOMPARE(r.model.curves.back().epoch, 1);
    p.finetuneEpochs = 1;
    QVERIFY(r.model.dbm == trainModel(m_catalog, p).model.dbm);

    // Cancelled during pretraining: no model, and no exception.
    CancelFlag early{true};
    const TrainModelResult none = trainModel(m_catalog, small(), {.cancel = &early});
    QVERIFY(none.stopped);
    QVERIFY(none.model.curves.empty());
}

void TestTraining::pauseWaitsAndResumeContinuesTheSameRun()
{
    // Paused after pretraining epoch 2 (from the observer, i.e. mid-run): training waits at its
    // next mini-batch; no further epoch arrives until resume, and the result is the same run.
    PauseGate gate;
    std::atomic<int> epochs{0};
    auto running = std::async(std::launch::async, [&] {
        return trainModel(m_catalog, small(),
                          {.observer =
                               [&](const EpochStats&) {
                                   if (++epochs == 2)
                                       gate.pause();
                                   return false;
                               },
                           .pause = &gate});
    });
    QTRY_COMPARE(epochs.load(), 2);
    QVERIFY(running.wait_for(std::chrono::milliseconds(100)) == std::future_status::timeout);
    QCOMPARE(epochs.load(), 2);
    QVERIFY(gate.paused());
    gate.resume();
    const TrainModelResult resumed = running.get();
    QVERIFY(!resumed.stopped);
    QVERIFY(gate.pausedTime() > std::chrono::steady_clock::duration::zero());
    QVERIFY(resumed.model.dbm == trainModel(m_catalog, small()).model.dbm);
}

void TestTraining::cancelWhilePausedStops()
{
    PauseGate gate;
    gate.pause();
    CancelFlag cancel{false};
    auto running = std::async(std::launch::async, [&] {
        return trainModel(m_catalog, small(), {.cancel = &cancel, .pause = &gate});
    });
    QVERIFY(running.wait_for(std::chrono::milliseconds(50)) == std::future_status::timeout);
    cancel = true;
    QVERIFY(running.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    QVERIFY(running.get().stopped);
}

void TestTraining::divergenceIsReportedNotPropagated()
{
    TrainingParams p = small();
    p.pretrainLearningRate = 1e38;
    try {
        trainModel(m_catalog, p);
        QFAIL("no divergence reported");
    } catch (const TrainingDiverged& e) {
        QCOMPARE(e.phase(), Phase::Pretraining);
        QCOMPARE(e.layer(), std::size_t(0));
        QCOMPARE(e.epoch(), 1);
        QVERIFY(QString(e.what()).contains("pretraining, layer 1, epoch 1"));
    }
    p = small();
    p.finetuneLearningRate = 1e38;
    p.logVarianceMax = 1e30; // let z run away too
    QVERIFY_THROWS_EXCEPTION(TrainingDiverged, trainModel(m_catalog, p));

    // Without curves (Monitoring::Off) the checks after every batch still stop it, in both phases.
    const RawMatrix raw = m_catalog.featureMatrix(m_catalog.featureList());
    const Matrix standardized = Standardizer::fit(raw).transform(raw);
    for (const Phase phase : {Phase::Pretraining, Phase::FineTuning}) {
        TrainingParams q = phase == Phase::Pretraining ? small() : p;
        if (phase == Phase::Pretraining)
            q.pretrainLearningRate = 1e38;
        try {
            trainDbm(standardized, q, Architecture{}, {.monitoring = Monitoring::Off});
            QFAIL("no divergence reported without curves");
        } catch (const TrainingDiverged& e) {
            QCOMPARE(e.phase(), phase);
        }
    }
}

void TestTraining::restartedChainsAndWeightDoublingTrain()
{
    TrainingParams p = small();
    p.chains = ChainMode::Restart;
    p.weightDoubling = true;
    const TrainModelResult r = trainModel(m_catalog, p);
    QVERIFY(!r.stopped);
    QVERIFY(r.model.dbm.allFinite());
    QVERIFY(r.model.mseValidation < 1.2);
}

void TestTraining::learnsTheDemoCatalog()
{
    // A short run already reconstructs far better than predicting the mean (MSE 1).
    TrainingParams p;
    p.layers = {32, 16};
    p.pretrainEpochs = 30;
    p.finetuneEpochs = 5;
    p.pretrainLearningRate = 0.01;
    const TrainModelResult r = trainModel(m_catalog, p);
    QVERIFY2(r.model.mseValidation < 0.8, qPrintable(QString::number(r.model.mseValidation)));
    const EpochStats& first = r.model.curves.front();
    QVERIFY(first.mseTrain < 1.0);
}

void TestTraining::earlyStoppingKeepsTheBestEpoch()
{
    TrainingParams p = small();
    p.finetuneEpochs = 12;
    p.finetuneLearningRate = 0.01; // large: validation error soon stops falling
    p.earlyStopping = true;
    p.patience = 2;
    const Model m = trainModel(m_catalog, p).model;
    std::vector<double> validation;
    for (const EpochStats& s : m.curves) {
        if (s.phase == Phase::FineTuning)
            validation.push_back(s.mseValidation);
    }
    QVERIFY(!validation.empty());
    const auto best = std::min_element(validation.begin(), validation.end());
    // The kept epoch is the curve's lowest (or 0, the pretrained model, when that was lower),
    // and every curve point knows the best so far.
    const int expected = *best < m.mseAfterPretraining ? int(best - validation.begin()) + 1 : 0;
    QCOMPARE(m.keptEpoch, expected);
    QCOMPARE(m.curves.back().bestEpoch, m.keptEpoch);
    if (m.stoppedEarly)
        QCOMPARE(int(validation.size()), m.keptEpoch + p.patience);
    else
        QCOMPARE(int(validation.size()), p.finetuneEpochs);
    // The parameters are that epoch's: the same as a run that ends there.
    TrainingParams upTo = p;
    upTo.finetuneEpochs = m.keptEpoch;
    upTo.earlyStopping = false;
    QVERIFY(trainModel(m_catalog, upTo).model.dbm == m.dbm);
    QCOMPARE(m.mseValidation, m.keptEpoch > 0 ? *best : m.mseAfterPretraining);

    // Without early stopping the last epoch is kept, whatever the curve did.
    p.earlyStopping = false;
    const Model last = trainModel(m_catalog, p).model;
    QCOMPARE(last.keptEpoch, p.finetuneEpochs);
    QVERIFY(!last.stoppedEarly);
    // Its curve still knows its best validation epoch (the chart marks it).
    std::vector<double> all;
    for (const EpochStats& s : last.curves) {
        if (s.phase == Phase::FineTuning)
            all.push_back(s.mseValidation);
    }
    const auto lowest = std::min_element(all.begin(), all.end());
    QCOMPARE(last.curves.back().bestEpoch,
             *lowest < last.mseAfterPretraining ? int(lowest - all.begin()) + 1 : 0);
}

void TestTraining::standardizerSeesTrainingSongsOnly()
{
    const TrainingParams p = small();
    const Model m = trainModel(m_catalog, p).model;
    const RawMatrix raw = m_catalog.featureMatrix(m.features);
    const std::vector<std::uint32_t> held =
        validationRows(std::size_t(raw.rows()), p.validationShare, p.seed);
    std::vector<Eigen::Index> kept;
    for (Eigen::Index r = 0; r < raw.rows(); ++r) {
        if (!std::binary_search(held.begin(), held.end(), std::uint32_t(r)))
            kept.push_back(r);
    }
    QCOMPARE(kept.size() + held.size(), std::size_t(raw.rows()));
    QVERIFY(m.standardizer == Standardizer::fit(raw(kept, Eigen::all)));
    QVERIFY(!(m.standardizer == Standardizer::fit(raw)));
}

void TestTraining::layerErrorIsRelativeToTheInputsVariance()
{
    // An RBM that reconstructs every row as the column means scores exactly 1; a perfect one 0.
    Matrix input(4, 2);
    input << 1, 10, 2, 20, 3, 30, 6, 0;
    Rbm mean = initialRbm(2, 3, 2, 1, 0);
    mean.weights.setZero();
    mean.visibleBias = input.colwise().mean().transpose();
    QVERIFY(std::abs(layerRelativeError(mean, input) - 1.0) < 1e-6);
    // The scale of the input does not matter: x100 gives the same relative error.
    Rbm some = initialRbm(2, 3, 2, 1, 0);
    const double error = layerRelativeError(some, input);
    Matrix scaled = input * Scalar(100);
    Rbm scaledRbm = some;
    scaledRbm.weights *= Scalar(100);
    scaledRbm.logVariance.array() += Scalar(2 * std::log(100.0)); // sigma x100: same hidden inputs
    QVERIFY(std::abs(layerRelativeError(scaledRbm, scaled) - error) < 1e-4 * error);
    // A constant input has nothing to explain beyond its mean.
    QCOMPARE(layerRelativeError(mean, Matrix::Constant(3, 2, Scalar(0.5))), 1.0);
}

void TestTraining::embeddingsHaveTheRightShapeAndAreDeterministic()
{
    const Model m = trainModel(m_catalog, small()).model;
    const Matrix x = standardizedFeatures(m, m_catalog);
    const Matrix top = rec::embed(m.dbm, x, rec::EmbeddingKind::TopLayer, 3);
    QCOMPARE(top.rows(), Eigen::Index(m_catalog.size()));
    QCOMPARE(top.cols(), Eigen::Index(4));
    QVERIFY(top.minCoeff() >= 0 && top.maxCoeff() <= 1);
    QCOMPARE(rec::embed(m.dbm, x, rec::EmbeddingKind::AllLayers, 3).cols(), Eigen::Index(28));
    const Matrix recon = rec::embed(m.dbm, x, rec::EmbeddingKind::Reconstruction, 3);
    QCOMPARE(recon.cols(), Eigen::Index(14));
    Matrix one;
    {
        tbb::global_control single(tbb::global_control::max_allowed_parallelism, 1);
        one = rec::embed(m.dbm, x, rec::EmbeddingKind::TopLayer, 3);
    }
    QVERIFY(one == top);
    // The top layer's embedding is the mean-field state of the whole model (one row alone takes
    // another matrix-product path, so equal to rounding).
    QVERIFY((top.row(7) - meanField(m.dbm, x.middleRows(7, 1), 3).back()).cwiseAbs().maxCoeff() < 1e-5f);
}

void TestTraining::rejectsBadParameters()
{
    TrainingParams p = small();
    p.layers = {};
    QVERIFY_THROWS_EXCEPTION(InputError, trainModel(m_catalog, p)); // names the setting
    p = small();
    p.validationShare = 1.0;
    QVERIFY_THROWS_EXCEPTION(InputError, trainModel(m_catalog, p)); // names the setting
}

QTEST_APPLESS_MAIN(TestTraining)
#include "TestTraining.moc"
