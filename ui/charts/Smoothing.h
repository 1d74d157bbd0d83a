#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace gdbm::ui {

// TensorBoard's smoothing of a noisy curve: an exponential moving average that is debiased, so
// that the first points are not pulled towards 0 (the average starts at 0):
//   last = last * weight + (1 - weight) * y,   smoothed = last / (1 - weight^n)
// where n counts the finite values so far. weight 0 gives the raw values; it is clamped to
// [0, 0.999]. Like TensorBoard, non-finite values pass through without entering the average,
// and a constant curve is returned as it is (no rounding noise on a flat line).
inline std::vector<double> smoothed(const std::vector<double>& values, double weight)
{
    weight = std::clamp(weight, 0.0, 0.999);
    const bool constant =
        std::all_of(values.begin(), values.end(), [&](double v) { return v == values.front(); });
    if (weight == 0.0 || constant)
        return values;
    std::vector<double> out;
    out.reserve(values.size());
    double last = 0.0;
    double weightPower = 1.0; // weight^n
    for (double y : values) {
        if (!std::isfinite(y)) {
            out.push_back(y);
            continue;
        }
        last = last * weight + (1.0 - weight) * y;
        weightPower *= weight;
        out.push_back(last / (1.0 - weightPower));
    }
    return out;
}

} // namespace gdbm::ui
