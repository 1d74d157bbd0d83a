#pragma once

#include "data/Feature.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdbm::data {

// How a file writes a feature, relative to Spotify's unit for it.
enum class Unit : std::uint8_t {
    Native,  // Spotify's own unit
    Percent, // a 0-1 feature written on 0-100: divided by 100
    Seconds, // a duration in seconds: times 1000
    Minutes, // a duration in minutes: times 60,000
    Clock,   // a duration written "m:ss" or "h:mm:ss"
};

struct ColumnUnit
{
    Unit unit = Unit::Native;
    std::string reason; // why, for the load summary; empty for Native
};

// Decides a feature column's unit from its values (and a '%' in its header), never from its name
// alone: files call 0-100 columns "Energy" as often as "nrgy". A 0-1 feature is on 0-100 when its
// header has a '%' or at least 1% of its numeric values exceed 1 (a lone corrupt value in a 0-1
// column stays a defect of its row instead of rescaling the column). A duration is "m:ss" when
// most values are written so, else its median decides: below 30 minutes, below 30,000 seconds,
// else milliseconds. `values` are the column's trimmed fields, missing ones included.
ColumnUnit detectUnit(Feature feature, std::string_view header, const std::vector<std::string_view>& values);

// One field of a feature column in Spotify's unit: numbers (with thousands separators), key
// names, Major/Minor, "4/4", "m:ss" durations. nullopt when the text is none of these; the
// caller checks the plausible range.
std::optional<double> readFeatureValue(Feature feature, Unit unit, std::string_view text);

} // namespace gdbm::data
