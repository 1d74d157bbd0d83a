#include "core/Random.h"
#include "rec/Projection.h"

#include <QTest>
#include <cmath>

using namespace gdbm;
using namespace gdbm::rec;

class TestProjection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recoversTheDominantDirectionIn2d();
    void recoversBothDirectionsIn3d();
    void signIsDeterministic();
    void pointsAreTheCenteredRowsOnTheAxes();
    void constantDataGivesTheOrigin();
    void fewerThanTwoRows();
    void oneColumn();
};

namespace {

// Every combination of na values a and nb values b (evenly spaced, centred on 0, widths
// spreadA and spreadB): the points a u + b v + c. a and b are exactly uncorrelated, so u and v
// are exactly the principal directions when spreadA > spreadB and u, v are orthonormal.
struct Plane
{
    Matrix data;
    double varianceA = 0.0; // the sample variance of the a's over all points
    double varianceB = 0.0;
};

Plane planeData(int na, int nb, const Vector& u, const Vector& v, const Vector& c, double spreadA,
                double spreadB)
{
    Plane p;
    p.data.resize(Eigen::Index(na) * nb, u.size());
    double sumA = 0.0, sumB = 0.0;
    Eigen::Index row = 0;
    for (int i = 0; i < na; ++i) {
        const double a = spreadA * (double(i) / (na - 1) - 0.5);
        for (int j = 0; j < nb; ++j) {
            const double b = spreadB * (double(j) / (nb - 1) - 0.5);
            p.data.row(row++) = (float(a) * u + float(b) * v + c).transpose();
            sumA += a * a;
            sumB += b * b;
        }
    }
    p.varianceA = sumA / double(row - 1);
    p.varianceB = sumB / double(row - 1);
    return p;
}

Vector vec(std::initializer_list<float> values)
{
    Vector v(Eigen::Index(values.size()));
    Eigen::Index i = 0;
    for (float x : values)
        v(i++) = x;
    return v;
}

bool allFinite(const Projection2d& p)
{
    return p.points.allFinite() && p.axes.allFinite() && p.mean.allFinite() && std::isfinite(p.variance[0]) &&
           std::isfinite(p.variance[1]) && std::isfinite(p.totalVariance);
}

} // namespace

void TestProjection::recoversTheDominantDirectionIn2d()
{
    const float s = std::sqrt(0.5f);
    const Plane plane = planeData(60, 9, vec({s, s}), vec({-s, s}), vec({3, -1}), 10.0, 0.5);
    const Matrix& data = plane.data;
    const Projection2d p = principalComponents2d(data);
    QVERIFY(allFinite(p));
    QCOMPARE(p.points.rows(), data.rows());
    QCOMPARE(p.points.cols(), Eigen::Index(2));
    // First axis along (1, 1)/sqrt 2; its components tie, so the first one decides: positive.
    QVERIFY(std::abs(p.axes(0, 0) - s) < 1e-3f);
    QVERIFY(std::abs(p.axes(1, 0) - s) < 1e-3f);
    QVERIFY(std::abs(p.axes.col(0).dot(p.axes.col(1))) < 1e-5f);
    QVERIFY(std::abs(p.mean(0) - 3.0f) < 1e-4f && std::abs(p.mean(1) + 1.0f) < 1e-4f);
    QVERIFY(std::abs(p.variance[0] - plane.varianceA) < 1e-4 * plane.varianceA);
    QVERIFY(std::abs(p.variance[1] - plane.varianceB) < 1e-3 * plane.varianceB);
    QVERIFY(std::abs(p.totalVariance - p.variance[0] - p.variance[1]) < 1e-6 * p.totalVariance);
}

void TestProjection::recoversBothDirectionsIn3d()
{
    // u's largest-magnitude component is negative: the axis comes out as -u.
    const Vector u = vec({0.6f, 0.0f, -0.8f});
    const Vector v = vec({0.0f, 1.0f, 0.0f});
    const Plane plane = planeData(50, 20, u, v, vec({1, 2, 3}), 8.0, 2.0);
    const Projection2d p = principalComponents2d(plane.data);
    QVERIFY(allFinite(p));
    QVERIFY((p.axes.col(0) + u).norm() < 1e-3f);
    QVERIFY((p.axes.col(1) - v).norm() < 1e-3f);
    QVERIFY(std::abs(p.variance[0] - plane.varianceA) < 1e-4 * plane.varianceA);
    QVERIFY(std::abs(p.variance[1] - plane.varianceB) < 1e-4 * plane.varianceB);
    // Planar data: the two axes hold all of the variance.
    QVERIFY(std::abs(p.variance[0] + p.variance[1] - p.totalVariance) < 1e-4 * p.totalVariance);
}

void TestProjection::signIsDeterministic()
{
    // Random data: no structure to lean on, only the sign rule.
    Matrix data(500, 4);
    CounterRng rng(3, RandomPurpose::Baseline);
    for (Eigen::Index i = 0; i < data.size(); ++i)
        data.data()[i] = rng.uniformFloat() * float(1 + i % 4);
    const Projection2d p = principalComponents2d(data);
    for (int k = 0; k < 2; ++k) {
        Eigen::Index largest = 0;
        p.axes.col(k).cwiseAbs().maxCoeff(&largest);
        QVERIFY(p.axes(largest, k) > 0.0f);
    }
    // The mirror image of the data has the same covariance: the same axes, mirrored points.
    const Projection2d mirrored = principalComponents2d(-data);
    QVERIFY((mirrored.axes - p.axes).norm() < 1e-5f);
    QVERIFY((mirrored.points + p.points).norm() < 1e-3f * p.points.norm());
    // The same input twice: the same picture, bit for bit.
    const Projection2d again = principalComponents2d(data);
    QVERIFY(again.points == p.points);
    QVERIFY(again.axes == p.axes);
}

void TestProjection::pointsAreTheCenteredRowsOnTheAxes()
{
    Matrix data(4, 3);
    data << 1, 2, 0, 3, 2, 1, 5, 0, 2, 7, 4, 1;
    const Projection2d p = principalComponents2d(data);
    QVERIFY(allFinite(p));
    for (Eigen::Index i = 0; i < data.rows(); ++i) {
        const Vector centered = data.row(i).transpose() - p.mean;
        for (Eigen::Index k = 0; k < 2; ++k)
            QVERIFY(std::abs(p.points(i, k) - centered.dot(p.axes.col(k))) < 1e-4f);
    }
    // Centered coordinates: each column of points sums to zero.
    QVERIFY(p.points.colwise().sum().cwiseAbs().maxCoeff() < 1e-4f);
}

void TestProjection::constantDataGivesTheOrigin()
{
    const Matrix data = Matrix::Constant(50, 6, 0.25f);
    const Projection2d p = principalComponents2d(data);
    QVERIFY(allFinite(p));
    QCOMPARE(p.points.rows(), Eigen::Index(50));
    QVERIFY(p.points.isZero());
    QVERIFY(p.axes.isZero());
    QCOMPARE(p.totalVariance, 0.0);
    QVERIFY(std::abs(p.mean(3) - 0.25f) < 1e-7f);

    // Rank 1: the second axis has no variance and stays zero.
    Matrix line(3, 2);
    line << 0, 0, 1, 2, 2, 4;
    const Projection2d q = principalComponents2d(line);
    QVERIFY(allFinite(q));
    QVERIFY(q.axes.col(1).isZero());
    QVERIFY(q.points.col(1).isZero());
    QVERIFY(std::abs(q.points(2, 0) - q.points(0, 0) - 2.0f * std::sqrt(5.0f)) < 1e-5f);
}

void TestProjection::fewerThanTwoRows()
{
    const Projection2d none = principalComponents2d(Matrix(0, 5));
    QCOMPARE(none.points.rows(), Eigen::Index(0));
    QCOMPARE(none.points.cols(), Eigen::Index(2));
    QCOMPARE(none.axes.rows(), Eigen::Index(5));
    QVERIFY(allFinite(none));

    Matrix one(1, 3);
    one << 1, -2, 3;
    const Projection2d single = principalComponents2d(one);
    QVERIFY(allFinite(single));
    QCOMPARE(single.points.rows(), Eigen::Index(1));
    QVERIFY(single.points.isZero());
    QVERIFY(single.mean == one.row(0).transpose());
}

void TestProjection::oneColumn()
{
    Matrix data(5, 1);
    data << 1, 2, 3, 4, 5;
    const Projection2d p = principalComponents2d(data);
    QVERIFY(allFinite(p));
    QCOMPARE(p.axes(0, 0), 1.0f);
    QCOMPARE(p.axes(0, 1), 0.0f);
    QCOMPARE(p.points(0, 0), -2.0f);
    QCOMPARE(p.points(4, 0), 2.0f);
    QVERIFY(p.points.col(1).isZero());
    QCOMPARE(p.variance[0], 2.5);
}

QTEST_APPLESS_MAIN(TestProjection)
#include "TestProjection.moc"
