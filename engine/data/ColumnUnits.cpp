#include "data/ColumnUnits.h"

#include "core/Text.h"
#include "data/FieldParsers.h"

#include <algorithm>
#include <cmath>

namespace gdbm::data {
namespace {

std::vector<double> numbersOf(const std::vector<std::string_view>& values)
{
    std::vector<double> numbers;
    numbers.reserve(values.size());
    for (std::string_view v : values) {
        if (const auto x = parseNumberText(v))
            numbers.push_back(*x);
    }
    return numbers;
}

double median(std::vector<double> numbers)
{
    const auto middle = numbers.begin() + std::ptrdiff_t(numbers.size() / 2);
    std::nth_element(numbers.begin(), middle, numbers.end());
    return *middle;
}

std::string formatValue(double v)
{
    return text::formatDouble(std::round(v * 100.0) / 100.0);
}

ColumnUnit unitIntervalUnit(std::string_view header, const std::vector<std::string_view>& values)
{
    if (header.find('%') != std::string_view::npos)
        return {Unit::Percent, "a percentage column ('%' in its name): divided by 100"};
    // Read as 0-100 when at least 1% of the values exceed 1 (a column of instrumentalness in
    // percent has most of its songs near 0) and more of them lie just above 1 than just below
    // it, in (0.05, 1]: that band is most of a 0-1 column, but only the 0.05-1% sliver of a
    // 0-100 one. So a 0-1 column with a few stray percentages keeps its scale, and the strays
    // are dropped as out of range, instead of every other value being divided by 100.
    const std::vector<double> numbers = numbersOf(values);
    std::size_t above = 0;
    std::size_t justBelow = 0;
    double largest = 0.0;
    for (double x : numbers) {
        above += x > 1.0 ? 1 : 0;
        justBelow += x > 0.05 && x <= 1.0 ? 1 : 0;
        largest = std::max(largest, x);
    }
    if (above == 0 || above * 100 < numbers.size() || above <= justBelow)
        return {};
    return {Unit::Percent,
            "values up to " + formatValue(largest) + " (" + text::withThousands((long long)above) + " of " +
                text::withThousands((long long)numbers.size()) + " above 1): read as 0-100, divided by 100"};
}

ColumnUnit durationUnit(const std::vector<std::string_view>& values)
{
    std::size_t clock = 0;
    std::size_t present = 0;
    for (std::string_view v : values) {
        if (v.empty())
            continue;
        ++present;
        clock += v.find(':') != std::string_view::npos && parseClockSeconds(v) ? 1 : 0;
    }
    if (present > 0 && clock * 2 >= present)
        return {Unit::Clock, "written as m:ss: converted to milliseconds"};
    const std::vector<double> numbers = numbersOf(values);
    if (numbers.empty())
        return {};
    const double m = median(numbers);
    const std::string around = "values around " + formatValue(m);
    if (m < 30.0)
        return {Unit::Minutes, around + ": read as minutes, converted to milliseconds"};
    if (m < 30000.0)
        return {Unit::Seconds, around + ": read as seconds, converted to milliseconds"};
    return {};
}

} // namespace

ColumnUnit detectUnit(Feature feature, std::string_view header, const std::vector<std::string_view>& values)
{
    if (isUnitInterval(feature))
        return unitIntervalUnit(header, values);
    if (feature == Feature::DurationMs)
        return durationUnit(values);
    return {};
}

std::optional<double> readFeatureValue(Feature feature, Unit unit, std::string_view text)
{
    switch (feature) {
    case Feature::Key:
        return parseKeyText(text);
    case Feature::Mode:
        return parseModeText(text);
    case Feature::TimeSignature:
        return parseTimeSignatureText(text);
    case Feature::DurationMs:
        // The form decides per value: a column of milliseconds with one "3:45" still reads it,
        // but a bare number among "m:ss" values has no unit we could trust.
        if (text.find(':') != std::string_view::npos) {
            const auto seconds = parseClockSeconds(text);
            return seconds ? std::optional<double>(*seconds * 1000.0) : std::nullopt;
        }
        if (unit == Unit::Clock)
            return std::nullopt;
        break;
    default:
        break;
    }
    const auto value = parseNumberText(text);
    if (!value)
        return std::nullopt;
    switch (unit) {
    case Unit::Percent:
        return *value / 100.0;
    case Unit::Seconds:
        return *value * 1000.0;
    case Unit::Minutes:
        return *value * 60000.0;
    case Unit::Native:
    case Unit::Clock:
        break;
    }
    return *value;
}

} // namespace gdbm::data
