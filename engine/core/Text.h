#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Small text helpers shared by the readers and writers. ASCII-only case folding: the names we
// fold (column headers, genres, feature keys) compare equal in any locale that way.
namespace gdbm::text {

std::string_view trim(std::string_view s);
std::string toLower(std::string_view s);
// Lower-case letters and digits only: "Track Duration (ms)" -> "trackdurationms". Column and
// feature names are matched on this form.
std::string foldName(std::string_view s);
// Splits on a delimiter and trims each part; empty parts are dropped.
std::vector<std::string> splitTrimmed(std::string_view s, char delimiter);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
// A value as messages quote it: 'value'.
std::string quoted(std::string_view s);

// Strict number parsing of a whole (trimmed) field: "1e-5", "-7.1", "12". No locale, no
// trailing garbage. nullopt when it is not a number or not finite.
std::optional<double> parseDouble(std::string_view s);
std::optional<long long> parseInteger(std::string_view s);

// Shortest text that reads back to the same double ("0.5", "228748", "8.42e-06").
std::string formatDouble(double value);
// How many decimals a ranked list of scores needs (at least `minimum`, at most `maximum`) so
// that no two different values print the same: a list ordered by 0.56193 and 0.56187 must not
// show 0.5619 twice. Equal values print equal whatever the decimals.
int distinguishingDecimals(const std::vector<double>& values, int minimum = 4, int maximum = 7);
// Thousands separators for messages: 100000 -> "100,000".
std::string withThousands(long long value);

} // namespace gdbm::text
