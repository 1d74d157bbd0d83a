#include "data/RecordReader.h"

#include "data/FieldParsers.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace gdbm::data {

bool isMissing(std::string_view value)
{
    if (value.empty())
        return true;
    if (value.size() > 5)
        return false; // every placeholder is short; most values are not, so skip the folding
    const std::string lower = text::toLower(value);
    return lower == "nan" || lower == "null" || lower == "none" || lower == "n/a" || lower == "na" ||
           lower == "set()" || lower == "[]";
}

namespace {

// A defect of one row (the row is dropped and counted under its reason, the load goes on): a
// field's value missing, or a problem with it ("is not a number"). The reason is worded once the
// row's file is known, with the column that file names the field by.
struct RowDefect
{
    Field field;
    std::string problem; // empty: the value is missing
};

[[noreturn]] void rowDefect(Field field, const std::string& problem)
{
    throw RowDefect{field, problem};
}

// Where the file holds the field, when its column has another name (" (column 'genre')" for
// Artist Genres): the reasons a row is dropped say it, so that the user finds it in the file.
std::string columnNote(const Record& r, Field field, const Columns& columns)
{
    const Cell& cell = at(r, field);
    const std::size_t file = cell.text ? cell.file : at(r, Field::Name).file;
    if (file >= columns.headers.size())
        return {};
    std::string header = columns.headers[file][std::size_t(field)];
    if (header.empty() && field == Field::ReleaseDate)
        header = columns.headers[file][std::size_t(Field::Year)]; // a year stands for the date
    if (header.empty() || text::toLower(header) == text::toLower(fieldName(field)))
        return {};
    return " (column '" + header + "')";
}

std::string describeDefect(const Record& r, const RowDefect& defect, const Columns& columns)
{
    const std::string name(fieldName(defect.field));
    const std::string where = columnNote(r, defect.field, columns);
    return defect.problem.empty() ? "missing " + name + where
                                  : "'" + name + "'" + where + " " + defect.problem;
}

// "inf", "-Infinity", "1e999": numbers, but none a feature can take.
bool isInfiniteText(std::string_view v)
{
    const std::string lower = text::toLower(v);
    if (lower == "inf" || lower == "-inf" || lower == "+inf" || lower == "infinity" || lower == "-infinity" ||
        lower == "+infinity")
        return true;
    double value = 0.0;
    const char* begin = v.data() + (!v.empty() && v.front() == '+' ? 1 : 0);
    const auto [end, ec] = std::from_chars(begin, v.data() + v.size(), value);
    return ec == std::errc::result_out_of_range && end == v.data() + v.size();
}

double parseFeature(const Cell& cell, Feature feature)
{
    const Field field = fieldOf(feature);
    const std::string_view v = cell.value();
    const FeatureRange range = plausibleRange(feature);
    const std::string outside =
        "outside its plausible range " + text::formatDouble(range.min) + ".." + text::formatDouble(range.max);
    const auto value = readFeatureValue(feature, cell.unit, v);
    if (!value) {
        if (isInfiniteText(v))
            rowDefect(field, outside);
        if (feature == Feature::Key)
            rowDefect(field, "is not a key (0-11, or a note name such as C, C#, Db)");
        if (feature == Feature::Mode)
            rowDefect(field, "is not a mode (Major, Minor, 1 or 0)");
        rowDefect(field, "is not a number");
    }
    if (!range.contains(*value))
        rowDefect(field, outside);
    return *value;
}

constexpr int kFirstYear = 1000;
constexpr int kLastYear = 2100;

int checkedYear(int year, Field field)
{
    if (year < kFirstYear || year > kLastYear)
        rowDefect(field,
                  "is outside the years " + std::to_string(kFirstYear) + ".." + std::to_string(kLastYear));
    return year;
}

int parseReleaseYear(const Cell& cell)
{
    const auto year = parseDateYear(cell.value());
    if (!year)
        rowDefect(Field::ReleaseDate, "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    return checkedYear(*year, Field::ReleaseDate);
}

int parseInteger(const Cell& cell, Field field, const char* what)
{
    const auto number = parseNumberText(cell.value());
    if (!number || std::abs(*number) > 1e6 || *number != std::trunc(*number))
        rowDefect(field, std::string("is not ") + what);
    return int(*number);
}

// A Year column: "2009", or a date some files put there ("2009-10").
int parseYearCell(const Cell& cell)
{
    if (const auto number = parseNumberText(cell.value()); number && *number == std::trunc(*number))
        return int(std::clamp(*number, -1e6, 1e6));
    if (const auto year = parseDateYear(cell.value()))
        return *year;
    rowDefect(Field::Year, "is not a year");
}

// The release date of a file that splits it into year, month and day columns: "2023-07-14", or
// the year alone when the month or day is absent.
std::string releaseDateOf(int year, const Cell& month, const Cell& day)
{
    std::string date = std::to_string(year);
    if (!month.text || isMissing(month.value()))
        return date;
    const int m = parseInteger(month, Field::ReleaseMonth, "a month");
    if (m < 1 || m > 12)
        rowDefect(Field::ReleaseMonth, "is not a month (1-12)");
    const auto twoDigits = [](int v) { return (v < 10 ? "-0" : "-") + std::to_string(v); };
    date += twoDigits(m);
    if (!day.text || isMissing(day.value()))
        return date;
    const int d = parseInteger(day, Field::ReleaseDay, "a day");
    if (d < 1 || d > 31)
        rowDefect(Field::ReleaseDay, "is not a day of the month (1-31)");
    return date + twoDigits(d);
}

bool parseExplicit(const Cell& cell)
{
    const auto value = parseBooleanText(cell.value());
    if (!value)
        rowDefect(Field::Explicit, "is not true or false");
    return *value;
}

// Exportify separates several artists with commas, but names can hold commas too ("Tyler, The
// Creator"). We split only when the Artist URI(s) column confirms how many artists there are.
// Exports made with pandas write a Python list ("['Mamie Smith', 'Jazz Hounds']"): its items.
std::vector<std::string> splitArtists(const Record& r)
{
    const std::string_view names = at(r, Field::Artists).value();
    if (auto items = parsePythonList(names); items && !items->empty())
        return *items;
    const Cell& uris = at(r, Field::ArtistUris);
    if (uris.text) {
        std::vector<std::string> parts = text::splitTrimmed(names, ',');
        if (parts.size() > 1 && parts.size() == text::splitTrimmed(uris.value(), ',').size())
            return parts;
    }
    return {std::string(names)};
}

std::vector<std::string> splitGenres(std::string_view genres)
{
    if (auto items = parsePythonList(genres))
        return *items;
    return text::splitTrimmed(genres, ',');
}

// One record as a track and its features; throws RowDefect for what makes the row unusable.
std::pair<TrackFields, FeatureRow> readRecord(const Record& r, const Columns& columns)
{
    for (Field f : columns.required) {
        if (isMissing(at(r, f).value()))
            throw RowDefect{f, {}};
    }
    const Cell& date = at(r, Field::ReleaseDate);
    const Cell& yearCell = at(r, Field::Year);
    if (columns.hasDate() && isMissing(date.value()) && isMissing(yearCell.value()))
        throw RowDefect{Field::ReleaseDate, {}};

    TrackFields fields;
    fields.uri = std::string(at(r, Field::TrackUri).value());
    if (isMissing(fields.uri))
        fields.uri.clear();
    fields.name = std::string(at(r, Field::Name).value());
    fields.artists = splitArtists(r);
    fields.artistsText = parsePythonList(at(r, Field::Artists).value())
                             ? text::join(fields.artists, ", ")
                             : std::string(at(r, Field::Artists).value());
    fields.album = isMissing(at(r, Field::Album).value()) ? "" : std::string(at(r, Field::Album).value());
    if (!isMissing(date.value())) {
        fields.year = parseReleaseYear(date);
        fields.releaseDate = std::string(date.value());
    } else if (!isMissing(yearCell.value())) {
        fields.year = checkedYear(parseYearCell(yearCell), Field::Year);
        fields.releaseDate = releaseDateOf(fields.year, at(r, Field::ReleaseMonth), at(r, Field::ReleaseDay));
    }
    if (columns.has(Field::Explicit))
        fields.isExplicit = parseExplicit(at(r, Field::Explicit));
    if (columns.has(Field::Genres))
        fields.genres = splitGenres(at(r, Field::Genres).value());

    FeatureRow row;
    row.fill(std::numeric_limits<double>::quiet_NaN());
    for (Feature f : kAllFeatures) {
        if (columns.features.contains(f))
            row[index(f)] = parseFeature(at(r, fieldOf(f)), f);
    }
    return {std::move(fields), row};
}

} // namespace

ReadRecord readRecordOrDefect(const Record& r, const Columns& columns)
{
    try {
        auto [fields, features] = readRecord(r, columns);
        std::string id = trackIdentity(fields);
        return {std::move(fields), features, std::move(id), {}};
    } catch (const RowDefect& defect) {
        return {{}, {}, {}, describeDefect(r, defect, columns)};
    }
}

} // namespace gdbm::data
