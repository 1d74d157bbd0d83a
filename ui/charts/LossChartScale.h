#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

// The error axis of the loss charts: round tick values, so that the axis moves in steps as a
// curve falls instead of at every epoch (Qt Charts lays out a whole chart again on a new range).
namespace gdbm::ui::scale {

// A step of 1, 2 or 5 times a power of ten, about `ticks` of them over `span`, at least
// `smallest`.
inline double niceStep(double span, int ticks, double smallest = 1.0)
{
    const double raw = std::max(span / ticks, smallest);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double f : {1.0, 2.0, 5.0}) {
        if (raw <= f * power)
            return f * power;
    }
    return 10 * power;
}

// A linear axis around [lo, hi] with a little room: about 5 ticks at a round step, never below 0
// (errors are not negative).
struct LinearScale
{
    double bottom = 0.0;
    double top = 1.0;
    int ticks = 5;
};

inline LinearScale linearScale(double lo, double hi)
{
    const double pad = std::max((hi - lo) * 0.05, std::abs(hi) * 0.01 + 1e-12);
    const double step = niceStep((hi - lo + 2 * pad) / 5, 1, 1e-300);
    LinearScale s;
    s.bottom = std::max(0.0, std::floor((lo - pad) / step) * step);
    s.top = std::ceil((hi + pad) / step) * step;
    s.ticks = int(std::lround((s.top - s.bottom) / step)) + 1;
    return s;
}

// Round values to label a log scale over [lo, hi] (0 < lo < hi), from the last one <= lo to the
// first one >= hi: 1, 2 and 5 times the powers of ten over up to 3 decades, the powers alone
// beyond, and evenly spaced round values within one decade (where a learning curve usually is).
inline std::vector<double> logTicks(double lo, double hi)
{
    std::vector<double> candidates;
    if (hi / lo >= 10) {
        const bool many = hi / lo > 1000;
        for (int k = int(std::floor(std::log10(lo))); k <= int(std::ceil(std::log10(hi))); ++k) {
            for (double f : {1.0, 2.0, 5.0}) {
                if (f == 1.0 || !many)
                    candidates.push_back(f * std::pow(10.0, k));
            }
        }
    } else {
        double step = std::pow(10.0, std::floor(std::log10((hi - lo) / 4)));
        if ((hi - lo) / step > 10)
            step *= 5;
        else if ((hi - lo) / step > 5)
            step *= 2;
        for (double k = std::floor(lo / step); k * step < hi + step; ++k) {
            if (k > 0)
                candidates.push_back(k * step);
        }
    }
    const auto first = std::upper_bound(candidates.begin(), candidates.end(), lo);
    const auto last = std::lower_bound(candidates.begin(), candidates.end(), hi);
    return {first == candidates.begin() ? first : first - 1, last == candidates.end() ? last : last + 1};
}

} // namespace gdbm::ui::scale
