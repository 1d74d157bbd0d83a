#include "data/FieldParsers.h"

#include "core/Text.h"

#include <array>
#include <cmath>

namespace gdbm::data {
namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool allDigits(std::string_view s)
{
    if (s.empty())
        return false;
    for (char c : s) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

// "2,445" or "-1,412.5": an optional sign, 1-3 digits, then ",ddd" groups, then an optional
// fraction. Anything else with a comma is not a number (a list, or a decimal comma we do not
// guess at).
std::optional<std::string> withoutThousandsSeparators(std::string_view s)
{
    std::string out;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+'))
        out += s[i++];
    std::size_t lead = 0;
    while (i < s.size() && isDigit(s[i]) && lead < 4) {
        out += s[i++];
        ++lead;
    }
    if (lead == 0 || lead > 3)
        return std::nullopt;
    std::size_t groups = 0;
    while (i < s.size() && s[i] == ',') {
        const std::string_view group = s.substr(i + 1, 3);
        if (group.size() != 3 || !allDigits(group))
            return std::nullopt;
        out += group;
        i += 4;
        ++groups;
    }
    if (groups == 0)
        return std::nullopt;
    if (i < s.size()) {
        if (s[i] != '.' || !allDigits(s.substr(i + 1)))
            return std::nullopt;
        out += s.substr(i);
    }
    return out;
}

// Removes a trailing mode word from a key ("F# major" -> "F#").
std::string_view withoutModeWord(std::string_view s)
{
    const std::size_t space = s.find_last_of(" \t");
    if (space == std::string_view::npos)
        return s;
    const std::string word = text::toLower(s.substr(space + 1));
    if (word == "major" || word == "minor" || word == "maj" || word == "min")
        return text::trim(s.substr(0, space));
    return s;
}

} // namespace

std::optional<double> parseNumberText(std::string_view s)
{
    s = text::trim(s);
    if (const auto plain = text::parseDouble(s))
        return plain;
    if (s.find(',') == std::string_view::npos)
        return std::nullopt;
    const auto digits = withoutThousandsSeparators(s);
    return digits ? text::parseDouble(*digits) : std::nullopt;
}

std::optional<double> parseKeyText(std::string_view s)
{
    s = withoutModeWord(text::trim(s));
    if (const auto number = text::parseInteger(s)) {
        if (*number >= -1 && *number <= 11)
            return double(*number);
        return std::nullopt;
    }
    if (s.empty())
        return std::nullopt;
    // Pitch classes of the natural notes C D E F G A B.
    static constexpr std::array<int, 7> kNatural = {9, 11, 0, 2, 4, 5, 7}; // A..G
    const char letter = char(s[0] >= 'a' && s[0] <= 'z' ? s[0] - 'a' + 'A' : s[0]);
    if (letter < 'A' || letter > 'G')
        return std::nullopt;
    int pitch = kNatural[std::size_t(letter - 'A')];
    const std::string_view accidental = s.substr(1);
    if (accidental.empty()) {
        // natural
    } else if (accidental == "#" || accidental == "\u266F" || text::toLower(accidental) == "sharp") {
        pitch += 1;
    } else if (accidental == "b" || accidental == "\u266D" || text::toLower(accidental) == "flat") {
        pitch += 11;
    } else {
        return std::nullopt;
    }
    return double(pitch % 12);
}

std::optional<double> parseModeText(std::string_view s)
{
    const std::string v = text::toLower(text::trim(s));
    if (v == "major" || v == "maj" || v == "1" || v == "1.0")
        return 1.0;
    if (v == "minor" || v == "min" || v == "0" || v == "0.0")
        return 0.0;
    return std::nullopt;
}

std::optional<bool> parseBooleanText(std::string_view s)
{
    const std::string v = text::toLower(text::trim(s));
    if (v == "true" || v == "t" || v == "1" || v == "yes" || v == "y" || v == "1.0")
        return true;
    if (v == "false" || v == "f" || v == "0" || v == "no" || v == "n" || v == "0.0")
        return false;
    return std::nullopt;
}

std::optional<double> parseTimeSignatureText(std::string_view s)
{
    s = text::trim(s);
    const std::size_t slash = s.find('/');
    if (slash == std::string_view::npos)
        return parseNumberText(s);
    const auto beats = text::parseInteger(s.substr(0, slash));
    const auto unit = text::parseInteger(s.substr(slash + 1));
    if (!beats || !unit || *unit <= 0)
        return std::nullopt;
    return double(*beats);
}

std::optional<double> parseClockSeconds(std::string_view s)
{
    s = text::trim(s);
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t colon = s.find(':', start);
        parts.emplace_back(s.substr(start, colon == std::string_view::npos ? colon : colon - start));
        if (colon == std::string_view::npos)
            break;
        start = colon + 1;
    }
    if (parts.size() < 2 || parts.size() > 3)
        return std::nullopt;
    double seconds = 0.0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string& part = parts[i];
        // Minutes and hours are whole; the seconds may have a fraction ("3:45.5").
        const bool last = i + 1 == parts.size();
        if (part.empty() || part.size() > 9)
            return std::nullopt;
        const auto value = last ? text::parseDouble(part) : std::optional<double>();
        if (last) {
            if (!value || *value < 0 || *value >= 60 || !isDigit(part[0]))
                return std::nullopt;
            seconds = seconds * 60.0 + *value;
        } else {
            if (!allDigits(part) || (i > 0 && std::stoi(part) >= 60))
                return std::nullopt;
            seconds = seconds * 60.0 + std::stod(part);
        }
    }
    return seconds;
}

std::optional<int> parseDateYear(std::string_view v)
{
    v = text::trim(v);
    const auto digitsAt = [&](std::size_t from, std::size_t count) {
        return from + count <= v.size() && allDigits(v.substr(from, count));
    };
    // ISO: YYYY, YYYY-MM, YYYY-MM-DD, optionally followed by a time ("T..." or " ...").
    if (digitsAt(0, 4)) {
        const bool iso = v.size() == 4 || (v.size() == 7 && v[4] == '-' && digitsAt(5, 2)) ||
                         (v.size() >= 10 && v[4] == '-' && digitsAt(5, 2) && v[7] == '-' && digitsAt(8, 2) &&
                          (v.size() == 10 || v[10] == 'T' || v[10] == ' '));
        if (iso)
            return std::stoi(std::string(v.substr(0, 4)));
        return std::nullopt;
    }
    // Spreadsheet forms: M/D/YYYY, D/M/YYYY or D.M.YYYY; the year is the last part either way.
    for (char separator : {'/', '.'}) {
        const std::vector<std::string> parts = text::splitTrimmed(v, separator);
        if (parts.size() == 3 && allDigits(parts[0]) && parts[0].size() <= 2 && allDigits(parts[1]) &&
            parts[1].size() <= 2 && allDigits(parts[2]) && parts[2].size() == 4)
            return std::stoi(parts[2]);
    }
    return std::nullopt;
}

std::optional<std::vector<std::string>> parsePythonList(std::string_view s)
{
    s = text::trim(s);
    if (s.size() < 2 || s.front() != '[' || s.back() != ']')
        return std::nullopt;
    std::vector<std::string> items;
    std::size_t i = 1;
    const std::size_t end = s.size() - 1;
    const auto skipSpace = [&] {
        while (i < end && (s[i] == ' ' || s[i] == '\t'))
            ++i;
    };
    skipSpace();
    while (i < end) {
        const char quote = s[i];
        if (quote != '\'' && quote != '"')
            return std::nullopt;
        std::string item;
        ++i;
        while (i < end && s[i] != quote) {
            if (s[i] == '\\' && i + 1 < end)
                ++i; // an escaped quote or backslash
            item += s[i++];
        }
        if (i >= end)
            return std::nullopt; // unterminated
        ++i;
        items.push_back(std::string(text::trim(item)));
        skipSpace();
        if (i < end) {
            if (s[i] != ',')
                return std::nullopt;
            ++i;
            skipSpace();
        }
    }
    return items;
}

} // namespace gdbm::data
