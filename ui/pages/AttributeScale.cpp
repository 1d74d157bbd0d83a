#include "pages/AttributeScale.h"

#include "AppState.h"

#include <algorithm>
#include <cmath>

namespace gdbm::ui {
namespace {

using data::Feature;

AttributeScale fallbackScale(sim::Attribute attribute)
{
    const auto feature = sim::featureOf(attribute);
    if (!feature)
        return {1900, 2030, 1, 0};
    switch (*feature) {
    case Feature::Key:
        return {0, 11, 1, 0};
    case Feature::Mode:
        return {0, 1, 1, 0};
    case Feature::TimeSignature:
        return {0, 5, 1, 0};
    case Feature::Loudness:
        return {-60, 0, 0.5, 1};
    case Feature::Tempo:
        return {0, 250, 1, 1};
    case Feature::Popularity:
        return {0, 100, 1, 0};
    case Feature::DurationMs:
        return {0, 600000, 1000, 0};
    default:
        return {0, 1, 0.01, 2};
    }
}

} // namespace

double roundTo(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

AttributeScale attributeScale(sim::Attribute attribute, const AppState& state)
{
    AttributeScale scale = fallbackScale(attribute);
    const std::size_t a = static_cast<std::size_t>(attribute);
    if (!state.catalog() || state.catalog()->empty() || a >= sim::kAttributeCount)
        return scale;
    double lo = state.facts().minimum[a];
    const double hi = state.facts().maximum[a];
    if (!std::isfinite(lo) || !std::isfinite(hi))
        return scale; // the catalog lacks this feature
    if (attribute == sim::Attribute::ReleaseYear)
        lo = std::max(lo, 1900.0); // year 0 means unknown
    scale.lo = std::floor(lo / scale.step) * scale.step;
    scale.hi = std::max(std::ceil(hi / scale.step) * scale.step, scale.lo + scale.step);
    scale.lo = roundTo(scale.lo, scale.decimals);
    scale.hi = roundTo(scale.hi, scale.decimals);
    return scale;
}

} // namespace gdbm::ui
