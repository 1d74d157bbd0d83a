#include "core/Random.h"
#include "model/Rbm.h"
#include "model/UnitLayout.h"

#include <QTest>
#include <cmath>

using namespace gdbm;
using namespace gdbm::model;

// The layer-1 RBM of the multimodal DBM, with Gaussian and binary visible units and block weights:
// its CD statistics against the free energy's gradient, and its block products (dense and sparse)
// against plain ones.
class TestMixedRbm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoModalityRbmStatisticsAreTheFreeEnergyGradient();
    void sparseBlocksMultiplyAsDenseOnes();
};

namespace {

// A two-modality RBM in double: 2 Gaussian and 3 binary visible units, 2 + 2 hidden units in
// two blocks. Its free energy F(v) = sum_G (v - b)^2 / 2 sigma^2 - sum_B b v
// - sum_j log(1 + exp(c_j + sum_i s_i W_ij)), s = v / sigma^2 (Gaussian) or v (binary).
struct SmallRbm
{
    Eigen::MatrixXd w;
    Eigen::VectorXd b, c, z;
};

constexpr int kGaussian = 2;

double freeEnergy(const SmallRbm& r, const Eigen::VectorXd& v)
{
    double f = 0;
    Eigen::VectorXd s = v;
    for (int i = 0; i < v.size(); ++i) {
        if (i < kGaussian) {
            f += (v(i) - r.b(i)) * (v(i) - r.b(i)) / (2 * std::exp(r.z(i)));
            s(i) = v(i) / std::exp(r.z(i));
        } else {
            f -= r.b(i) * v(i);
        }
    }
    const Eigen::VectorXd input = r.c + r.w.transpose() * s;
    for (int j = 0; j < input.size(); ++j)
        f -= std::log1p(std::exp(input(j)));
    return f;
}

double meanFreeEnergy(const SmallRbm& r, const Eigen::MatrixXd& data)
{
    double sum = 0;
    for (int n = 0; n < data.rows(); ++n)
        sum += freeEnergy(r, data.row(n).transpose());
    return sum / double(data.rows());
}

} // namespace

// The statistics both CD phases add up are minus the free energy's gradient (central
// differences in double), for every parameter of a Gaussian + binary RBM with block weights;
// the binary units' log-variance statistic is 0 and the weights outside the blocks get none.
void TestMixedRbm::twoModalityRbmStatisticsAreTheFreeEnergyGradient()
{
    const BlockList blocks{{0, 2, 0, 2}, {2, 3, 2, 2}};
    Rbm rbm = initialRbm(5, 4, kGaussian, 3, 0, 1.0, blocks);
    CounterRng rng(9, RandomPurpose::Initialization, 7);
    for (Eigen::Index i = 0; i < 5; ++i) {
        rbm.visibleBias(i) = Scalar(rng.uniform(-0.5, 0.5));
        if (i < kGaussian)
            rbm.logVariance(i) = Scalar(rng.uniform(-0.4, 0.4));
    }
    for (Eigen::Index j = 0; j < 4; ++j)
        rbm.hiddenBias(j) = Scalar(rng.uniform(-0.5, 0.5));
    Matrix v(30, 5);
    for (Eigen::Index n = 0; n < v.rows(); ++n) {
        for (Eigen::Index i = 0; i < 5; ++i)
            v(n, i) = i < kGaussian ? Scalar(rng.uniform(-2, 2)) : Scalar(rng.uniform(0, 1) < 0.4 ? 1 : 0);
    }
    RbmGradient sum = RbmGradient::zerosLike(rbm);
    accumulateStatistics(rbm, v, rbm.hiddenProbabilities(v), Scalar(1), sum);
    zeroOutsideBlocks(rbm.blocks, sum.weights);

    SmallRbm r{rbm.weights.cast<double>(), rbm.visibleBias.cast<double>(), rbm.hiddenBias.cast<double>(),
               rbm.logVariance.cast<double>()};
    const Eigen::MatrixXd data = v.cast<double>();
    const double n = double(v.rows());
    const double h = 1e-6;
    double worst = 0;
    const auto check = [&](double& parameter, double engineSum) {
        const double kept = parameter;
        parameter = kept + h;
        const double up = meanFreeEnergy(r, data);
        parameter = kept - h;
        const double down = meanFreeEnergy(r, data);
        parameter = kept;
        worst = std::max(worst, std::abs(-(up - down) / (2 * h) - engineSum / n));
    };
    for (const WeightBlock& b : blocks) {
        for (std::size_t i = b.row; i < b.row + b.rows; ++i)
            for (std::size_t j = b.col; j < b.col + b.cols; ++j)
                check(r.w(Eigen::Index(i), Eigen::Index(j)), sum.weights(Eigen::Index(i), Eigen::Index(j)));
    }
    for (Eigen::Index i = 0; i < 5; ++i) {
        check(r.b(i), sum.visibleBias(i));
        if (i < kGaussian)
            check(r.z(i), sum.logVariance(i)); // catches a missing 1/2 in dz
        else
            QCOMPARE(sum.logVariance(i), 0.0f);
    }
    for (Eigen::Index j = 0; j < 4; ++j)
        check(r.c(j), sum.hiddenBias(j));
    QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));
    QCOMPARE(sum.weights(0, 3), 0.0f); // audio unit 0 never feeds a listening hidden unit
    QCOMPARE(rbm.weights(4, 0), 0.0f);
}

// A listening block is read as sparse when few of its inputs are non-zero: the products and the
// outer-product statistics agree with the dense ones.
void TestMixedRbm::sparseBlocksMultiplyAsDenseOnes()
{
    const BlockList blocks{{0, 3, 0, 4}, {3, 200, 4, 6}};
    CounterRng rng(4, RandomPurpose::Initialization, 1);
    Matrix w = Matrix::Zero(203, 10);
    for (const WeightBlock& b : blocks)
        for (std::size_t i = b.row; i < b.row + b.rows; ++i)
            for (std::size_t j = b.col; j < b.col + b.cols; ++j)
                w(Eigen::Index(i), Eigen::Index(j)) = Scalar(rng.uniform(-1, 1));
    Matrix a = Matrix::Zero(50, 203);
    Matrix h(50, 10);
    for (Eigen::Index n = 0; n < a.rows(); ++n) {
        for (Eigen::Index i = 0; i < 3; ++i)
            a(n, i) = Scalar(rng.uniform(-2, 2));
        for (Eigen::Index i = 3; i < 203; ++i)
            a(n, i) = rng.uniform(0, 1) < 0.01 ? 1.0f : 0.0f;
        for (Eigen::Index j = 0; j < 10; ++j)
            h(n, j) = Scalar(rng.uniform(0, 1));
    }
    // The sparse path tests groups of 16 entries at once: non-zeros at a group's last and next
    // group's first entry, in the 8 entries after the last whole group, and a negative zero
    // (a zero, whose group is skipped) must all come out as the dense products say.
    a.row(0).segment(3, 200).setZero();
    a(0, 3 + 15) = 1.0f;
    a(0, 3 + 16) = 1.0f;
    a(0, 202) = 1.0f;
    a.row(1).segment(3, 200).setZero();
    a(1, 3 + 40) = -0.0f;
    QVERIFY(a.rightCols(200).sum() > 0);
    Matrix product;
    multiplyBlocks(a, w, blocks, product);
    QVERIFY((product - a * w).cwiseAbs().maxCoeff() < 1e-5f);
    Matrix outer = Matrix::Zero(203, 10);
    addOuterBlocks(a, h, blocks, Scalar(-1), outer);
    Matrix expected = -(a.transpose() * h);
    zeroOutsideBlocks(blocks, expected);
    QVERIFY((outer - expected).cwiseAbs().maxCoeff() < 1e-5f);
}

QTEST_APPLESS_MAIN(TestMixedRbm)
#include "TestMixedRbm.moc"
