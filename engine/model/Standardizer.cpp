#include "model/Standardizer.h"

#include <cmath>
#include <stdexcept>

namespace gdbm::model {

Standardizer::Standardizer(std::vector<double> mean, std::vector<double> stddev)
    : m_mean(std::move(mean)), m_stddev(std::move(stddev))
{
    if (m_mean.size() != m_stddev.size())
        throw std::invalid_argument("Standardizer: mean and stddev differ in size");
}

Standardizer Standardizer::fit(const RawMatrix& data)
{
    const auto cols = std::size_t(data.cols());
    std::vector<double> mean(cols, 0.0), stddev(cols, 1.0);
    const double n = double(data.rows());
    for (std::size_t j = 0; j < cols; ++j) {
        if (data.rows() == 0)
            continue;
        const auto column = data.col(Eigen::Index(j));
        mean[j] = column.sum() / n;
        const double variance = (column.array() - mean[j]).square().sum() / n;
        const double sd = std::sqrt(variance);
        // A (near-)constant column is kept with std 1: dividing by ~0 would blow it up.
        stddev[j] = sd > 1e-12 * std::max(1.0, std::abs(mean[j])) ? sd : 1.0;
    }
    return Standardizer(std::move(mean), std::move(stddev));
}

Matrix Standardizer::transform(const RawMatrix& data) const
{
    if (std::size_t(data.cols()) != size())
        throw std::invalid_argument("Standardizer: column count differs from the fitted data");
    Matrix out(data.rows(), data.cols());
    for (Eigen::Index i = 0; i < data.rows(); ++i) {
        for (Eigen::Index j = 0; j < data.cols(); ++j)
            out(i, j) = Scalar((data(i, j) - m_mean[std::size_t(j)]) / m_stddev[std::size_t(j)]);
    }
    return out;
}

RawMatrix Standardizer::inverse(const Matrix& standardized) const
{
    RawMatrix out(standardized.rows(), standardized.cols());
    for (Eigen::Index i = 0; i < standardized.rows(); ++i) {
        for (Eigen::Index j = 0; j < standardized.cols(); ++j)
            out(i, j) = double(standardized(i, j)) * m_stddev[std::size_t(j)] + m_mean[std::size_t(j)];
    }
    return out;
}

} // namespace gdbm::model
