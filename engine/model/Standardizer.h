#pragma once

#include "core/Types.h"

#include <vector>

namespace gdbm::model {

// The z-score of MODEL.md section 1: each column minus its mean, divided by its standard
// deviation, with the training catalog's statistics. Stored with a model so that it embeds new
// songs the same way. A constant column keeps std 1 (it becomes all zeros, never NaN).
class Standardizer
{
public:
    Standardizer() = default;
    Standardizer(std::vector<double> mean, std::vector<double> stddev);

    // Statistics of the given rows (population standard deviation, as NumPy's default).
    static Standardizer fit(const RawMatrix& data);

    Matrix transform(const RawMatrix& data) const;
    // Back to raw units (for showing reconstructions).
    RawMatrix inverse(const Matrix& standardized) const;

    const std::vector<double>& mean() const { return m_mean; }
    const std::vector<double>& stddev() const { return m_stddev; }
    std::size_t size() const { return m_mean.size(); }
    bool operator==(const Standardizer&) const = default;

private:
    std::vector<double> m_mean;
    std::vector<double> m_stddev;
};

} // namespace gdbm::model
