#include "core/Random.h"
#include "model/ExactLikelihood.h"
#include "model/FineTuner.h"
#include "model/Pretrainer.h"
#include "model/Rbm.h"
#include "model/Trainer.h"

#include <QTest>
#include <cmath>

using namespace gdbm;
using namespace gdbm::model;
using exact::MatrixD;
using exact::VectorD;

// MODEL.md section 8: the checks that catch the classic bugs of Boltzmann machine code, against
// exact enumeration of tiny models.
class TestExactChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void logPartitionOfZeroWeights();
    void gradientMatchesFiniteDifferences();
    void engineStatisticsMatchExactDataTerm();
    void engineMeanFieldStatisticsMatchForOneLayer();
    void gibbsMomentsMatchEnumeration();
    void raoBlackwellisedStatisticsMatchEnumeration();
    void meanFieldBoundRisesAndStaysBelowLogLikelihood();
    void binaryVisibleUnitsSumToOne();
    void multimodalGibbsMomentsMatchEnumeration();
    void multimodalMeanFieldBoundRisesAndStaysBelowLogLikelihood();
    void cdPretrainingRaisesExactLikelihood();
    void pcdFineTuningRaisesExactLikelihood();
};

// Random parameters of moderate size, seeded.
static Dbm randomDbm(std::size_t visible, const std::vector<std::size_t>& layers, std::uint64_t seed,
                     double scale)
{
    Dbm dbm = Dbm::zeros(visible, layers);
    CounterRng rng(seed, RandomPurpose::Initialization, 99);
    const auto fill = [&](auto& m, double s) {
        for (Eigen::Index i = 0; i < m.size(); ++i)
            m.data()[i] = Scalar(rng.uniform(-s, s));
    };
    for (std::size_t l = 0; l < layers.size(); ++l) {
        fill(dbm.weights[l], scale);
        fill(dbm.hiddenBias[l], 0.5);
    }
    fill(dbm.visibleBias, 0.5);
    fill(dbm.logVariance, 0.4);
    return dbm;
}

// A tiny multimodal DBM (HYBRID.md): 2 Gaussian and 3 binary visible units, a first layer of
// two pathway blocks (2 + 2 units), a joint layer of 2; weights zero outside the blocks.
static Dbm multimodalDbm(std::uint64_t seed)
{
    Dbm dbm = randomDbm(5, {4, 2}, seed, 1.2);
    dbm.gaussianCount = 2;
    dbm.logVariance.tail(3).setZero();
    dbm.blocks = {{{0, 2, 0, 2}, {2, 3, 2, 2}}, {}};
    zeroOutsideBlocks(dbm.blocks[0], dbm.weights[0]);
    return dbm;
}

static MatrixD randomData(std::size_t rows, std::size_t cols, std::uint64_t seed)
{
    MatrixD x(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
    CounterRng rng(seed, RandomPurpose::Sampling, 7);
    for (Eigen::Index i = 0; i < x.size(); ++i)
        x.data()[i] = rng.normal();
    return x;
}

void TestExactChecks::logPartitionOfZeroWeights()
{
    // With W = 0, c = 0: Z = 2^n * prod_i sqrt(2 pi sigma_i^2).
    Dbm dbm = Dbm::zeros(3, {4});
    dbm.logVariance << 0.0f, 0.5f, -0.5f;
    const double expected = 4 * std::log(2.0) + 0.5 * (3 * std::log(2 * M_PI) + 0.0 + 0.5 - 0.5);
    QVERIFY(std::abs(exact::logPartition(dbm) - expected) < 1e-12);
}

// Central differences of the exact mean log-likelihood, for every parameter including z.
void TestExactChecks::gradientMatchesFiniteDifferences()
{
    Dbm grbm = randomDbm(3, {4}, 1, 0.8);
    const MatrixD data = randomData(25, 3, 2);
    const exact::GrbmGradient analytic = exact::grbmGradient(grbm, data);

    double worst = 0;
    const auto check = [&](Scalar& param, double expected) {
        const Scalar original = param;
        const Scalar up = original + Scalar(1e-3);
        const Scalar down = original - Scalar(1e-3);
        param = up;
        const double fUp = exact::meanLogLikelihood(grbm, data);
        param = down;
        const double fDown = exact::meanLogLikelihood(grbm, data);
        param = original;
        const double numeric = (fUp - fDown) / (double(up) - double(down));
        worst = std::max(worst, std::abs(numeric - expected) / std::max(1.0, std::abs(expected)));
    };
    for (Eigen::Index i = 0; i < grbm.weights[0].rows(); ++i)
        for (Eigen::Index j = 0; j < grbm.weights[0].cols(); ++j)
            check(grbm.weights[0](i, j), analytic.weights(i, j));
    for (Eigen::Index i = 0; i < 3; ++i) {
        check(grbm.visibleBias(i), analytic.visibleBias(i));
        check(grbm.logVariance(i), analytic.logVariance(i)); // catches a missing 1/2 in dz
    }
    for (Eigen::Index j = 0; j < 4; ++j)
        check(grbm.hiddenBias[0](j), analytic.hiddenBias(j));
    QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));
}

static Rbm asRbm(const Dbm& grbm)
{
    Rbm rbm;
    rbm.gaussianCount = std::size_t(grbm.visibleCount());
    rbm.weights = grbm.weights[0];
    rbm.visibleBias = grbm.visibleBias;
    rbm.hiddenBias = grbm.hiddenBias[0];
    rbm.logVariance = grbm.logVariance;
    return rbm;
}

// The engine's statistics (shared by both CD phases) give the exact data term.
void TestExactChecks::engineStatisticsMatchExactDataTerm()
{
    const Dbm grbm = randomDbm(3, {4}, 3, 0.8);
    const MatrixD data = randomData(40, 3, 4);
    const Rbm rbm = asRbm(grbm);
    const Matrix v = data.cast<Scalar>();
    RbmGradient sum = RbmGradient::zerosLike(rbm);
    accumulateStatistics(rbm, v, rbm.hiddenProbabilities(v), Scalar(1), sum);
    const exact::GrbmGradient expected = exact::grbmDataTerm(grbm, data);
    const double m = double(data.rows());
    QVERIFY((sum.weights.cast<double>() / m - expected.weights).cwiseAbs().maxCoeff() < 1e-5);
    QVERIFY((sum.visibleBias.cast<double>() / m - expected.visibleBias).cwiseAbs().maxCoeff() < 1e-5);
    QVERIFY((sum.hiddenBias.cast<double>() / m - expected.hiddenBias).cwiseAbs().maxCoeff() < 1e-5);
    QVERIFY((sum.logVariance.cast<double>() / m - expected.logVariance).cwiseAbs().maxCoeff() < 1e-5);
}

// With one hidden layer, mean-field is exact, so the fine-tuning data term is the GRBM's.
void TestExactChecks::engineMeanFieldStatisticsMatchForOneLayer()
{
    const Dbm grbm = randomDbm(3, {4}, 5, 0.8);
    const MatrixD data = randomData(40, 3, 6);
    DbmGradient sum = DbmGradient::zerosLike(grbm);
    accumulateDataStatistics(grbm, data.cast<Scalar>(), 3, sum);
    const exact::GrbmGradient expected = exact::grbmDataTerm(grbm, data);
    const double m = double(data.rows());
    QVERIFY((sum.weights[0].cast<double>() / m - expected.weights).cwiseAbs().maxCoeff() < 1e-5);
    QVERIFY((sum.visibleBias.cast<double>() / m - expected.visibleBias).cwiseAbs().maxCoeff() < 1e-5);
    QVERIFY((sum.hiddenBias[0].cast<double>() / m - expected.hiddenBias).cwiseAbs().maxCoeff() < 1e-5);
    QVERIFY((sum.logVariance.cast<double>() / m - expected.logVariance).cwiseAbs().maxCoeff() < 1e-5);
}

static ChainState startChains(const Dbm& dbm, std::size_t count)
{
    ChainState chains;
    chains.visible = Matrix::Zero(Eigen::Index(count), Eigen::Index(dbm.visibleCount()));
    for (std::size_t l = 0; l < dbm.layerCount(); ++l)
        chains.hidden.push_back(Matrix::Zero(Eigen::Index(count), Eigen::Index(dbm.layerSize(l))));
    return chains;
}

// A long block-Gibbs run of a tiny DBM reproduces the enumerated moments. Updating every layer
// at once would sample the product of the marginals and miss E[h1 h2^T].
// Runs 400 block-Gibbs chains of `dbm` for 1,500 sweeps after a burn-in of 50 and compares
// their moments with the enumerated ones; binary visible units must only ever hold 0 or 1.
static void checkGibbsMoments(const Dbm& dbm, std::uint64_t seed)
{
    const exact::Moments expected = exact::modelMoments(dbm);
    const auto visible = Eigen::Index(dbm.visibleCount()), binary = visible - Eigen::Index(dbm.gaussianCount);
    const std::size_t chainsCount = 400, burnIn = 50, steps = 1500;
    ChainState chains = startChains(dbm, chainsCount);
    MatrixD vh = MatrixD::Zero(visible, Eigen::Index(dbm.layerSize(0)));
    MatrixD hh = MatrixD::Zero(Eigen::Index(dbm.layerSize(0)), Eigen::Index(dbm.layerSize(1)));
    VectorD v2 = VectorD::Zero(visible);
    for (std::size_t s = 0; s < burnIn + steps; ++s) {
        RowStreams streams(seed, s, 0, chainsCount);
        gibbsStep(dbm, chains, streams);
        if (s < burnIn)
            continue;
        const MatrixD v = chains.visible.cast<double>();
        QVERIFY(((v.rightCols(binary).array() == 0) || (v.rightCols(binary).array() == 1)).all());
        const MatrixD h1 = chains.hidden[0].cast<double>(), h2 = chains.hidden[1].cast<double>();
        vh += v.transpose() * h1;
        hh += h1.transpose() * h2;
        v2 += v.array().square().colwise().sum().matrix().transpose();
    }
    const double n = double(chainsCount * steps);
    const double errVh = (vh / n - expected.visibleHidden).cwiseAbs().maxCoeff();
    const double errHh = (hh / n - expected.hiddenHidden).cwiseAbs().maxCoeff();
    const double errV2 =
        ((v2 / n - expected.visibleSquare).array() / expected.visibleSquare.array()).abs().maxCoeff();
    QVERIFY2(errVh < 0.03, qPrintable(QString::number(errVh)));
    QVERIFY2(errHh < 0.02, qPrintable(QString::number(errHh)));
    QVERIFY2(errV2 < 0.03, qPrintable(QString::number(errV2)));
}

void TestExactChecks::gibbsMomentsMatchEnumeration()
{
    checkGibbsMoments(randomDbm(2, {3, 2}, 7, 1.2), 11);
}

// The chains' Rao-Blackwellised statistics average to the exact model terms.
void TestExactChecks::raoBlackwellisedStatisticsMatchEnumeration()
{
    const Dbm dbm = randomDbm(2, {3, 2}, 8, 1.2);
    const exact::Moments expected = exact::modelMoments(dbm);
    const std::size_t chainsCount = 400, steps = 1500;
    ChainState chains = startChains(dbm, chainsCount);
    DbmGradient sum = DbmGradient::zerosLike(dbm);
    for (std::size_t s = 0; s < 50; ++s) {
        RowStreams streams(12, s, 0, chainsCount);
        gibbsStep(dbm, chains, streams);
    }
    for (std::size_t s = 0; s < steps; ++s) {
        RowStreams streams(13, s, 0, chainsCount);
        advanceChainsAndSubtractStatistics(dbm, chains, 1, streams, sum);
    }
    const double n = double(chainsCount * steps);
    // -sum/n estimates E[(v / sigma^2) h1^T] and E[h1 h2^T].
    const VectorD precision = (-dbm.logVariance.cast<double>().array()).exp();
    const MatrixD expectedW1 = precision.asDiagonal() * expected.visibleHidden;
    const double errW1 = (-sum.weights[0].cast<double>() / n - expectedW1).cwiseAbs().maxCoeff();
    const double errW2 = (-sum.weights[1].cast<double>() / n - expected.hiddenHidden).cwiseAbs().maxCoeff();
    QVERIFY2(errW1 < 0.03, qPrintable(QString::number(errW1)));
    QVERIFY2(errW2 < 0.02, qPrintable(QString::number(errW2)));
}

// For every row of `data`: each sweep of the engine's mean-field raises the exact bound, which
// stays below the exact log p(v).
static void checkMeanFieldBound(const Dbm& dbm, const MatrixD& data)
{
    for (Eigen::Index r = 0; r < data.rows(); ++r) {
        const Matrix v = data.row(r).cast<Scalar>();
        const double logP = exact::logProbability(dbm, data.row(r).transpose());
        std::vector<Matrix> mu = meanField(dbm, v, 0);
        const Matrix scaledV = scaledVisible(dbm, v);
        double previous = -INFINITY;
        for (int sweep = 0; sweep < 10; ++sweep) {
            meanFieldSweep(dbm, scaledV, mu);
            std::vector<VectorD> q;
            for (const Matrix& m : mu)
                q.push_back(m.row(0).transpose().cast<double>());
            const double bound = exact::meanFieldBound(dbm, data.row(r).transpose(), q);
            QVERIFY2(bound >= previous - 1e-5,
                     qPrintable(QString("sweep %1: %2 < %3").arg(sweep).arg(bound).arg(previous)));
            QVERIFY2(bound <= logP + 1e-6, qPrintable(QString("%1 > log p %2").arg(bound).arg(logP)));
            previous = bound;
        }
    }
}

void TestExactChecks::meanFieldBoundRisesAndStaysBelowLogLikelihood()
{
    checkMeanFieldBound(randomDbm(3, {4, 3, 2}, 9, 1.5), randomData(8, 3, 10));
}

// The analytic sum over binary visible units agrees with enumerating them: p(v) over the binary
// states, with the Gaussian units integrated numerically on a grid, totals 1.
void TestExactChecks::binaryVisibleUnitsSumToOne()
{
    Dbm dbm = randomDbm(2, {3}, 21, 1.0);
    dbm.gaussianCount = 1;
    dbm.logVariance(1) = 0;
    double total = 0;
    const double step = 0.01;
    for (int binary = 0; binary < 2; ++binary) {
        for (double x = -12; x <= 12; x += step) {
            VectorD v(2);
            v << x, double(binary);
            total += std::exp(exact::logProbability(dbm, v)) * step;
        }
    }
    QVERIFY2(std::abs(total - 1.0) < 1e-4, qPrintable(QString::number(total, 'g', 10)));
}

// The engine's block Gibbs sweeps over a multimodal DBM (Bernoulli visible draws, block products)
// reach the enumerated moments.
void TestExactChecks::multimodalGibbsMomentsMatchEnumeration()
{
    checkGibbsMoments(multimodalDbm(17), 31);
}

// The engine's mean-field on a multimodal DBM raises the exact bound, which stays below log p(v).
void TestExactChecks::multimodalMeanFieldBoundRisesAndStaysBelowLogLikelihood()
{
    MatrixD data = randomData(8, 5, 20);
    data.rightCols(3) = (data.rightCols(3).array() > 0).cast<double>();
    checkMeanFieldBound(multimodalDbm(19), data);
}

static TrainingParams tinyParams()
{
    TrainingParams p;
    p.layers = {3};
    p.batchSize = 32;
    p.validationShare = 0.0;
    p.pretrainEpochs = 0;
    p.finetuneEpochs = 0;
    p.seed = 3;
    return p;
}

// A few CD epochs on data drawn from a known tiny GRBM raise the exact log-likelihood.
void TestExactChecks::cdPretrainingRaisesExactLikelihood()
{
    const Dbm teacher = randomDbm(2, {3}, 21, 1.5);
    const MatrixD data = exact::sample(teacher, 2000, 22);
    TrainingParams p = tinyParams();
    const double before = exact::meanLogLikelihood(trainDbm(data.cast<Scalar>(), p).dbm, data);
    p.pretrainEpochs = 10;
    p.pretrainLearningRate = 0.02;
    const double after = exact::meanLogLikelihood(trainDbm(data.cast<Scalar>(), p).dbm, data);
    const double best = exact::meanLogLikelihood(teacher, data);
    QVERIFY2(after > before + 0.05,
             qPrintable(QString("%1 -> %2 (teacher %3)").arg(before).arg(after).arg(best)));
}

void TestExactChecks::pcdFineTuningRaisesExactLikelihood()
{
    const Dbm teacher = randomDbm(2, {3}, 23, 1.5);
    const MatrixD data = exact::sample(teacher, 2000, 24);
    TrainingParams p = tinyParams();
    const double before = exact::meanLogLikelihood(trainDbm(data.cast<Scalar>(), p).dbm, data);
    p.finetuneEpochs = 10;
    p.finetuneLearningRate = 0.01;
    const double after = exact::meanLogLikelihood(trainDbm(data.cast<Scalar>(), p).dbm, data);
    QVERIFY2(after > before + 0.05, qPrintable(QString("%1 -> %2").arg(before).arg(after)));
}

QTEST_APPLESS_MAIN(TestExactChecks)
#include "TestExactChecks.moc"
