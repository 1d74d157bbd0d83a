#include "TinyHybrid.h"
#include "core/Random.h"
#include "model/Pretrainer.h"
#include "model/Rbm.h"
#include "model/TrainingContext.h"
#include "rec/HybridModel.h"

#include <QTest>
#include <algorithm>

using namespace gdbm;
using namespace gdbm::model;

// The hybrid's joint layer pretrained as a conditional RBM (docs/MODEL.md section 10): the
// pathways' tops it is given keep their data in CD's negative phase, so it learns the listening
// pathway's top given the others, and its curve reports what it learns.
class TestConditionalJoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void givenInputsKeepTheirDataInTheNegativePhase();
    void topLayerLearnsAndReportsOnlyWhatItIsNotGiven();
    void hybridJointLayerIsGivenEveryTopButTheListening();
};

namespace {

Matrix binaryRows(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed)
{
    CounterRng rng(seed, RandomPurpose::Simulation, 0);
    Matrix v(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j)
            v(i, j) = rng.uniform() < 0.4 ? 1.0f : 0.0f;
    return v;
}

} // namespace

void TestConditionalJoint::givenInputsKeepTheirDataInTheNegativePhase()
{
    const Rbm rbm = initialRbm(5, 3, 0, 7, 1);
    const Matrix v = binaryRows(8, 5, 3);
    const auto gradient = [&](const std::vector<ColumnRange>& given) {
        RowStreams streams(1, 2, 0, 8);
        RbmGradient g = RbmGradient::zerosLike(rbm);
        accumulateCdGradient(rbm, v, 1, streams, g, {.given = given});
        return g;
    };
    const RbmGradient conditional = gradient({{1, 2}});
    const RbmGradient joint = gradient({});
    // A given input's visible-bias term is its data minus the same data.
    QCOMPARE(conditional.visibleBias(1), 0.0f);
    QCOMPARE(conditional.visibleBias(2), 0.0f);
    QVERIFY(joint.visibleBias(1) != 0.0f || joint.visibleBias(2) != 0.0f);
    // The other inputs are reconstructed from the same draws either way.
    for (Eigen::Index j : {0, 3, 4})
        QCOMPARE(conditional.visibleBias(j), joint.visibleBias(j));
    QVERIFY(conditional.visibleBias.cwiseAbs().sum() > 0.0f);
    QVERIFY(conditional.weights.row(1) != joint.weights.row(1));
}

void TestConditionalJoint::topLayerLearnsAndReportsOnlyWhatItIsNotGiven()
{
    const Matrix train = binaryRows(96, 8, 5);
    const Matrix validation = binaryRows(24, 8, 6);
    TrainingParams params;
    params.pretrainEpochs = 3;
    params.batchSize = 16;
    const EpochObserver observer;
    Architecture architecture = denseArchitecture(8, {6, 4});
    architecture.gaussianCount = 0;
    architecture.topConditions = {{0, 2}};
    TrainingContext context{train,
                            validation,
                            train,
                            params,
                            observer,
                            nullptr,
                            nullptr,
                            std::chrono::steady_clock::now(),
                            {},
                            architecture,
                            Monitoring::Curves};
    const PretrainResult result = pretrain(context);
    QVERIFY(!result.stopped);

    // The given inputs' biases never move (their gradient is zero); the others' do.
    const Rbm& top = result.rbms.at(1);
    QCOMPARE(top.visibleBias.head(2), Vector::Zero(2));
    QVERIFY(top.visibleBias.tail(4).cwiseAbs().sum() > 0.0f);

    // The top layer's curve is the error of the four inputs it learns, not of all six.
    const Matrix input = result.rbms.at(0).hiddenProbabilities(train);
    const InputSpread spread = inputSpread(input);
    const double modelled = groupErrors(top, input, spread, {{2, 4}}).overall();
    const auto last = std::find_if(context.curves.rbegin(), context.curves.rend(),
                                   [](const EpochStats& s) { return s.layer == 1; });
    QVERIFY(last != context.curves.rend());
    QCOMPARE(last->mseTrain, modelled);
    QVERIFY(last->mseTrain != layerRelativeError(top, input, spread));
}

void TestConditionalJoint::hybridJointLayerIsGivenEveryTopButTheListening()
{
    test::TinyHybrid tiny;
    QVERIFY(tiny.shape.conditionalJoint); // the default
    Model model = tiny.train();

    // Layer 1's units: audio [0, 4), tags [4, 7), listening [7, 12).
    const std::vector<ColumnRange> contentTops = {{0, 4}, {4, 3}};
    QCOMPARE(rec::hybridArchitecture(model).topConditions, contentTops);
    model.hybrid.conditionalJoint = false;
    QVERIFY(rec::hybridArchitecture(model).topConditions.empty());

    // Without listening there is nothing for the content to predict: an ordinary joint layer.
    tiny.shape.modalities = {Modality::Audio, Modality::Tags};
    const Model content = tiny.train();
    QVERIFY(content.hybrid.conditionalJoint);
    QVERIFY(rec::hybridArchitecture(content).topConditions.empty());
}

QTEST_APPLESS_MAIN(TestConditionalJoint)
#include "TestConditionalJoint.moc"
