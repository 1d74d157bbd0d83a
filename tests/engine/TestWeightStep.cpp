#include "core/Random.h"
#include "model/Rbm.h"
#include "model/UnitLayout.h"
#include "model/WeightStep.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <tbb/global_control.h>

using namespace gdbm;
using namespace gdbm::model;

// The pretraining's weight step, which takes the CD statistics tile by tile from the chunks'
// phases: against the statistics summed over the whole matrix (accumulateCdGradient, which the
// exact checks cover) and a plain momentum step, at any thread count.
class TestWeightStep : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stepsAsTheSummedStatisticsSay();
    void sameWeightsWhateverTheThreadCount();
    void nonFiniteStatisticIsDivergence();
};

namespace {

// A hybrid-like first layer: 3 Gaussian inputs, 300 dense binary ones (two tiles), 500 sparse
// ones (listening: two tiles, read as sparse), three blocks of hidden units.
const BlockList kBlocks{{0, 3, 0, 8}, {3, 300, 8, 70}, {303, 500, 78, 40}};
constexpr std::size_t kVisible = 803;
constexpr std::size_t kHidden = 118;
constexpr std::size_t kChunks = 2;
constexpr Eigen::Index kChunkRows = 64;

Rbm layer()
{
    Rbm rbm = initialRbm(kVisible, kHidden, 3, 5, 0, 1.0, kBlocks);
    rbm.logVariance.head(3).setConstant(Scalar(-0.3));
    rbm.visibleBias.tail(500).setConstant(Scalar(-5)); // rare listening, in the data and the samples
    return rbm;
}

Matrix chunkData(std::size_t c)
{
    CounterRng rng(11, RandomPurpose::Initialization, c);
    Matrix v = Matrix::Zero(kChunkRows, Eigen::Index(kVisible));
    for (Eigen::Index n = 0; n < v.rows(); ++n) {
        for (Eigen::Index i = 0; i < 3; ++i)
            v(n, i) = Scalar(rng.uniform(-2, 2));
        for (Eigen::Index i = 3; i < 303; ++i)
            v(n, i) = rng.uniform(0, 1) < 0.3 ? 1.0f : 0.0f;
        for (Eigen::Index i = 303; i < Eigen::Index(kVisible); ++i)
            v(n, i) = rng.uniform(0, 1) < 0.01 ? 1.0f : 0.0f;
    }
    return v;
}

RowStreams streamsFor(std::size_t c)
{
    return RowStreams(7, 42, c * std::size_t(kChunkRows), std::size_t(kChunkRows));
}

std::vector<ChunkPhases> phasesOf(const Rbm& rbm)
{
    std::vector<ChunkPhases> phases;
    for (std::size_t c = 0; c < kChunks; ++c) {
        const Matrix v = chunkData(c);
        RowStreams streams = streamsFor(c);
        // The means of the tag-like block, as the hybrid reconstructs its tags.
        phases.push_back(chunkPhases(rbm, v, runCdChain(rbm, v, 1, streams, {.means = {{3, 300}}})));
    }
    return phases;
}

const MomentumStep kStep{Scalar(1.0 / 128), Scalar(0.9), Scalar(0.001), Scalar(5)};

Vector rowRates()
{
    Vector rates = Vector::Constant(Eigen::Index(kVisible), Scalar(0.2));
    rates.head(3).setConstant(Scalar(0.01));
    return rates;
}

} // namespace

// Two steps (the second with momentum) give the weights a plain step from the summed
// statistics gives, inside the blocks, and leave the zeros outside them.
void TestWeightStep::stepsAsTheSummedStatisticsSay()
{
    Rbm tiled = layer();
    Rbm plain = layer();
    Matrix tiledVelocity = Matrix::Zero(tiled.weights.rows(), tiled.weights.cols());
    Matrix plainVelocity = tiledVelocity;
    const Vector rates = rowRates();
    for (int update = 0; update < 2; ++update) {
        const std::vector<ChunkPhases> phases = phasesOf(tiled);
        // The listening-like block takes the sparse path in both phases, the tag-like one not.
        QVERIFY(phases[0].positiveSparse[2] != 0 && phases[0].negativeSparse[2] != 0);
        QVERIFY(phases[0].positiveSparse[1] == 0 && phases[0].negativeSparse[1] == 0);
        QVERIFY(stepWeights(tiled, phases, kChunks, kStep, rates, tiledVelocity));

        RbmGradient sum = RbmGradient::zerosLike(plain);
        for (std::size_t c = 0; c < kChunks; ++c) {
            RowStreams streams = streamsFor(c);
            accumulateCdGradient(plain, chunkData(c), 1, streams, sum, {.means = {{3, 300}}});
        }
        for (Eigen::Index i = 0; i < plain.weights.rows(); ++i) {
            for (Eigen::Index j = 0; j < plain.weights.cols(); ++j) {
                const Scalar g =
                    std::clamp(sum.weights(i, j) * kStep.scale - kStep.decay * plain.weights(i, j),
                               -kStep.clip, kStep.clip);
                plainVelocity(i, j) = kStep.momentum * plainVelocity(i, j) + rates(i) * g;
            }
        }
        zeroOutsideBlocks(kBlocks, plainVelocity);
        plain.weights += plainVelocity;
        const Scalar worst = (tiled.weights - plain.weights).cwiseAbs().maxCoeff();
        QVERIFY2(worst < 1e-5f, qPrintable(QString::number(double(worst))));
    }
    QVERIFY((tiled.weights - layer().weights).cwiseAbs().maxCoeff() > 1e-3f); // it did learn
    QCOMPARE(tiled.weights(0, 100), 0.0f);
    QCOMPARE(tiled.weights(500, 0), 0.0f);
}

// Each tile adds the chunks in order whatever thread takes it: one thread and all of them give
// the same bits.
void TestWeightStep::sameWeightsWhateverTheThreadCount()
{
    const auto stepOnce = [](int threads) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, std::size_t(threads));
        Rbm rbm = layer();
        Matrix velocity = Matrix::Zero(rbm.weights.rows(), rbm.weights.cols());
        stepWeights(rbm, phasesOf(rbm), kChunks, kStep, rowRates(), velocity);
        return rbm.weights;
    };
    const Matrix one = stepOnce(1);
    const Matrix many = stepOnce(4);
    QVERIFY(one == many);
}

// A statistic that is not finite would vanish in the clip: the step reports it.
void TestWeightStep::nonFiniteStatisticIsDivergence()
{
    Rbm rbm = layer();
    std::vector<ChunkPhases> phases = phasesOf(rbm);
    phases[1].positiveHidden(3, 20) = std::numeric_limits<Scalar>::infinity();
    Matrix velocity = Matrix::Zero(rbm.weights.rows(), rbm.weights.cols());
    QVERIFY(!stepWeights(rbm, phases, kChunks, kStep, rowRates(), velocity));
    phases = phasesOf(layer());
    rbm = layer();
    velocity.setZero();
    QVERIFY(stepWeights(rbm, phases, kChunks, kStep, rowRates(), velocity));
}

QTEST_APPLESS_MAIN(TestWeightStep)
#include "TestWeightStep.moc"
