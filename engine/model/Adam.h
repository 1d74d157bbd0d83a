#pragma once

#include "core/Types.h"

#include <cmath>

namespace gdbm::model {

// Adam (Kingma & Ba) ASCENDING an objective: param += lr * m_hat / (sqrt(v_hat) + eps).
// One AdamMoments per parameter block; the step count t is shared and starts at 1.
template <typename Dense>
struct AdamMoments
{
    Dense first;
    Dense second;

    explicit AdamMoments(const Dense& shape)
        : first(Dense::Zero(shape.rows(), shape.cols())), second(Dense::Zero(shape.rows(), shape.cols()))
    {}

    void ascend(Dense& param, const Dense& gradient, double learningRate, double beta1, double beta2,
                double epsilon, long t)
    {
        const auto b1 = Scalar(beta1), b2 = Scalar(beta2);
        first = b1 * first + (Scalar(1) - b1) * gradient;
        second = b2 * second + (Scalar(1) - b2) * gradient.cwiseProduct(gradient);
        const auto correction1 = Scalar(1.0 - std::pow(beta1, double(t)));
        const auto correction2 = Scalar(1.0 - std::pow(beta2, double(t)));
        param.array() += Scalar(learningRate) * (first.array() / correction1) /
                         ((second.array() / correction2).sqrt() + Scalar(epsilon));
    }
};

// Elementwise clip to [-limit, limit].
template <typename Dense>
Dense clipped(const Dense& gradient, double limit)
{
    return gradient.cwiseMax(Scalar(-limit)).cwiseMin(Scalar(limit));
}

} // namespace gdbm::model
