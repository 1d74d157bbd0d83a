#include "rec/Projection.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

namespace gdbm::rec {
namespace {

using MatrixD = Eigen::MatrixXd;
using VectorD = Eigen::VectorXd;

// An eigenvector's sign is arbitrary; flip it so that its largest-magnitude component is
// positive, so that the same data always draws the same picture (not a mirror image).
void fixSign(Eigen::Ref<VectorD> axis)
{
    Eigen::Index largest = 0;
    for (Eigen::Index i = 1; i < axis.size(); ++i) {
        if (std::abs(axis(i)) > std::abs(axis(largest)))
            largest = i;
    }
    if (axis.size() > 0 && axis(largest) < 0)
        axis = -axis;
}

} // namespace

Projection2d principalComponents2d(const Matrix& embeddings)
{
    const Eigen::Index n = embeddings.rows();
    const Eigen::Index d = embeddings.cols();
    Projection2d out;
    out.points = Matrix::Zero(n, 2);
    out.axes = Matrix::Zero(d, 2);
    out.mean = n > 0 ? Vector(embeddings.colwise().mean().transpose()) : Vector::Zero(d);
    if (n < 2 || d == 0)
        return out;

    // Double precision for the sums: thousands of float rows lose digits in the covariance.
    const MatrixD centered = embeddings.cast<double>().rowwise() - out.mean.cast<double>().transpose();
    const MatrixD covariance = (centered.transpose() * centered) / double(n - 1);
    out.totalVariance = covariance.trace();
    if (!(out.totalVariance > 0.0) || !std::isfinite(out.totalVariance))
        return out; // constant (or non-finite) data: every point at the origin

    // Eigenvalues come in increasing order: the leading directions are the last columns.
    const Eigen::SelfAdjointEigenSolver<MatrixD> solver(covariance);
    if (solver.info() != Eigen::Success)
        return out;
    const Eigen::Index components = std::min<Eigen::Index>(2, d);
    MatrixD axes = MatrixD::Zero(d, 2);
    for (Eigen::Index k = 0; k < components; ++k) {
        const double variance = std::max(0.0, solver.eigenvalues()(d - 1 - k));
        // A direction without variance (rank-1 data, say) is arbitrary: leave that axis at zero.
        if (variance <= out.totalVariance * 1e-12)
            continue;
        axes.col(k) = solver.eigenvectors().col(d - 1 - k);
        fixSign(axes.col(k));
        out.variance[std::size_t(k)] = variance;
    }
    out.axes = axes.cast<Scalar>();
    out.points = (centered * axes).cast<Scalar>();
    return out;
}

} // namespace gdbm::rec
