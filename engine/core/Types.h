#pragma once

#include <Eigen/Core>

namespace gdbm {

// The model computes in single precision: it halves memory traffic and doubles SIMD width, and
// the data (audio features) carries far less precision than float.
using Scalar = float;
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
using RowVector = Eigen::Matrix<Scalar, 1, Eigen::Dynamic>;

// Raw catalog values (durations in ms, years) are kept in double until they are standardized.
using RawMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

} // namespace gdbm
