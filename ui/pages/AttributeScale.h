#pragma once

#include "sim/Archetype.h"

namespace gdbm::ui {

class AppState;

// How the editors show one attribute: the catalog's range (snapped outwards to the step, with
// fallbacks when there is no catalog), the spin boxes' step and decimals.
struct AttributeScale
{
    double lo = 0.0;
    double hi = 1.0;
    double step = 0.01;
    int decimals = 2;
};
AttributeScale attributeScale(sim::Attribute attribute, const AppState& state);

// `value` rounded to `decimals` decimals.
double roundTo(double value, int decimals);

} // namespace gdbm::ui
