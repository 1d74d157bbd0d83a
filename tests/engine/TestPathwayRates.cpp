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
// pathway learns at HybridParams::tagRateFactor times the other binary units' rate; and its
// units' start, each on a tag (Architecture::unitStartBlocks) (docs/MODEL.md section 10).
class TestPathwayRates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aBlocksFactorScalesItsStep();
    void theHybridsTagPathwayHasTheFactor();
    void tagUnitsStartEachOnATag();
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

void TestPathwayRates::tagUnitsStartEachOnATag()
{
    // The block's k-th hidden unit on its k-th visible unit, as far as the smaller size goes;
    // nothing else moves.
    const BlockList blocks = {{0, 2, 0, 2}, {2, 3, 2, 2}};
    const Rbm random = initialRbm(5, 4, 2, 7, 0, 0.7, blocks);
    Rbm started = random;
    startUnitsOnInputs(started, blocks[1]);
    Matrix expected = random.weights;
    expected(2, 2) += kUnitStartWeight;
    expected(3, 3) += kUnitStartWeight;
    QCOMPARE(started.weights, expected);
    QCOMPARE(started.hiddenBias,
             (Vector(4) << 0, 0, -kUnitStartWeight / 2, -kUnitStartWeight / 2).finished());
    QCOMPARE(started.visibleBias, random.visibleBias);

    // The hybrid starts its tag block so (the second: audio, tags, listening), and pretraining
    // does: a tag's weight on its own unit stays far above the block's others after training.
    test::TinyHybrid tiny;
    const Model model = tiny.train();
    const Architecture architecture = rec::hybridArchitecture(model);
    QCOMPARE(architecture.unitStartBlocks, (std::vector<std::size_t>{1}));
    const WeightBlock& tags = architecture.blocksOf(0).at(1);
    const Matrix trained = model.dbm.weights[0].block(Eigen::Index(tags.row), Eigen::Index(tags.col),
                                                      Eigen::Index(tags.rows), Eigen::Index(tags.cols));
    const Eigen::Index n = std::min(trained.rows(), trained.cols());
    const Scalar diagonal = trained.diagonal().head(n).minCoeff();
    Matrix offDiagonal = trained;
    offDiagonal.diagonal().head(n).setZero();
    QVERIFY2(diagonal > offDiagonal.cwiseAbs().maxCoeff(), "a tag's own unit is not its strongest weight");

    // Without tags, or a pathway alone, nothing starts so.
    tiny.shape.modalities = {Modality::Audio, Modality::Listening};
    QVERIFY(rec::hybridArchitecture(tiny.train()).unitStartBlocks.empty());
    tiny.shape.modalities = {Modality::Tags};
    QVERIFY(rec::hybridArchitecture(tiny.train()).unitStartBlocks.empty());
}

QTEST_APPLESS_MAIN(TestPathwayRates)
#include "TestPathwayRates.moc"
