#include "TinyHybrid.h"
#include "core/Random.h"
#include "model/Pretrainer.h"
#include "model/Rbm.h"
#include "model/TrainingContext.h"
#include "rec/HybridModel.h"

#include <QTest>

using namespace gdbm;
using namespace gdbm::model;

// A pathway's own pretraining learning rate (Architecture::blockRateFactors): the hybrid's tag
// pathway learns at HybridParams::tagRateFactor times the other binary units' rate
// (docs/MODEL.md section 10).
class TestPathwayRates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aBlocksFactorScalesItsStep();
    void theHybridsTagPathwayHasTheFactor();
};

// Two pathways of a first layer: 2 Gaussian units into hidden [0, 2), 3 binary units into
// hidden [2, 5). One batch of plain SGD (no momentum) is one step of rate x gradient from the
// same initial weights and the same draws, so doubling the second block's factor doubles its
// step and leaves the first block's alone.
void TestPathwayRates::aBlocksFactorScalesItsStep()
{
    CounterRng rng(3, RandomPurpose::Simulation, 0);
    Matrix train(32, 5);
    for (Eigen::Index i = 0; i < train.rows(); ++i) {
        for (Eigen::Index j = 0; j < train.cols(); ++j)
            train(i, j) = j < 2 ? Scalar(rng.uniform(-2, 2)) : (rng.uniform() < 0.3 ? 1.0f : 0.0f);
    }
    TrainingParams params;
    params.pretrainEpochs = 1;
    params.batchSize = 32;
    const BlockList blocks = {{0, 2, 0, 2}, {2, 3, 2, 3}};
    const EpochObserver observer;
    const auto pretrained = [&](std::vector<double> factors) {
        Architecture architecture;
        architecture.layers = {5};
        architecture.gaussianCount = 2;
        architecture.blocks = {blocks};
        architecture.blockRateFactors = std::move(factors);
        TrainingContext context{train,    train,        train,          params,
                                observer, nullptr,      nullptr,        std::chrono::steady_clock::now(),
                                {},       architecture, Monitoring::Off};
        return pretrain(context).rbms.at(0);
    };
    const Rbm start = initialRbm(5, 5, 2, params.seed, 0, params.initialWeightScale, blocks);
    const Rbm plain = pretrained({});
    const Rbm same = pretrained({1.0, 1.0});
    const Rbm doubled = pretrained({1.0, 2.0});
    QCOMPARE(same.weights, plain.weights);

    const Matrix plainStep = plain.weights - start.weights;
    const Matrix doubledStep = doubled.weights - start.weights;
    QVERIFY(plainStep.bottomRightCorner(3, 3).cwiseAbs().minCoeff() > 0);
    QCOMPARE(doubled.weights.topLeftCorner(2, 2), plain.weights.topLeftCorner(2, 2));
    QCOMPARE(doubled.visibleBias.head(2), plain.visibleBias.head(2));
    QVERIFY(
        (doubledStep.bottomRightCorner(3, 3) - 2 * plainStep.bottomRightCorner(3, 3)).cwiseAbs().maxCoeff() <
        1e-6f);
    // The hidden biases start at 0: their step doubles too.
    const Vector plainBias = plain.hiddenBias.tail(3), doubledBias = doubled.hiddenBias.tail(3);
    QVERIFY(plainBias.cwiseAbs().minCoeff() > 0);
    QVERIFY((doubledBias - 2 * plainBias).cwiseAbs().maxCoeff() < 1e-6f);
}

void TestPathwayRates::theHybridsTagPathwayHasTheFactor()
{
    test::TinyHybrid tiny;
    QCOMPARE(tiny.shape.tagRateFactor, 1.5); // the default
    Model model = tiny.train();
    QCOMPARE(rec::hybridArchitecture(model).blockRateFactors, (std::vector<double>{1.0, 1.5, 1.0}));
    model.hybrid.tagRateFactor = 3;
    QCOMPARE(rec::hybridArchitecture(model).blockRateFactors, (std::vector<double>{1.0, 3.0, 1.0}));

    // The low-rank listening units come before the tags' (with the other Gaussian ones): the
    // factor follows the tags.
    tiny.shape.listeningRank = 3;
    QCOMPARE(rec::hybridArchitecture(tiny.train()).blockRateFactors, (std::vector<double>{1.0, 1.0, 1.5}));

    // A pathway alone has no other to learn against.
    tiny.shape.modalities = {Modality::Tags};
    QVERIFY(rec::hybridArchitecture(tiny.train()).blockRateFactors.empty());
}

QTEST_APPLESS_MAIN(TestPathwayRates)
#include "TestPathwayRates.moc"
