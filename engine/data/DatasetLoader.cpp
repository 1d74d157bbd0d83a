#include "data/DatasetLoader.h"

#include "core/Error.h"
#include "core/Text.h"
#include "data/ColumnUnits.h"
#include "data/FieldParsers.h"
#include "data/Schema.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <deque>
#include <filesystem>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <unordered_map>

namespace gdbm::data {
namespace {

// One value of a source row, with where it came from for the drop summary. 16 bytes: a
// million-row file holds 27 of them per row while it loads.
struct Cell
{
    const std::string_view* text = nullptr; // null when the file has no column for the field
    std::uint32_t line = 0;
    std::uint8_t file = 0; // which of the files loaded together (kMaxFiles)
    Unit unit = Unit::Native;

    std::string_view value() const { return text ? text::trim(*text) : std::string_view(); }
};

using Record = std::array<Cell, kFieldCount>;

// Files merged in one load (the app and gdbm-cli give one or two): Cell::file counts them.
constexpr std::size_t kMaxFiles = 255;

const Cell& at(const Record& r, Field f)
{
    return r[static_cast<std::size_t>(f)];
}

// Placeholders that exports from other tools write for "no value" (pandas, Python's set()).
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

// A defect of one row: the row is dropped and counted under `reason`, the load goes on.
struct RowDefect
{
    std::string reason;
};

[[noreturn]] void rowDefect(Field field, const std::string& problem)
{
    throw RowDefect{"'" + std::string(fieldName(field)) + "' " + problem};
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

void checkCancel(const CancelFlag* cancel)
{
    if (cancel && cancel->load(std::memory_order_relaxed))
        throw Cancelled();
}

std::string describeAliases(Field field)
{
    return text::join(fieldAliases(field), ", ");
}

std::string baseName(const std::string& path)
{
    return std::filesystem::path(path).filename().string();
}

// Decides the unit of every feature column of one file from its values (ColumnUnits.h) and notes
// each conversion in the report.
std::array<Unit, kFieldCount> columnUnits(const CsvDocument& doc, const SchemaMatch& schema,
                                          const std::string& base, LoadReport& report)
{
    // Only 0-1 features and durations come in other units; the rest are read as they are.
    std::vector<Feature> checked;
    for (Feature feature : kAllFeatures) {
        const auto& binding = schema[fieldOf(feature)];
        if (binding && (isUnitInterval(feature) || feature == Feature::DurationMs))
            checked.push_back(feature);
    }
    // Each column parses all its values: the columns in parallel, the report in column order.
    std::vector<ColumnUnit> found(checked.size());
    tbb::parallel_for(std::size_t(0), checked.size(), [&](std::size_t i) {
        const auto& binding = schema[fieldOf(checked[i])];
        std::vector<std::string_view> values;
        values.reserve(doc.rows.size());
        for (const CsvRow& row : doc.rows) {
            if (binding->column < row.fields.size())
                values.push_back(text::trim(row.fields[binding->column]));
        }
        found[i] = detectUnit(checked[i], binding->header, values);
    });
    std::array<Unit, kFieldCount> units{};
    for (std::size_t i = 0; i < checked.size(); ++i) {
        units[static_cast<std::size_t>(fieldOf(checked[i]))] = found[i].unit;
        if (found[i].unit != Unit::Native)
            report.conversions.push_back(base + ": '" + schema[fieldOf(checked[i])]->header + "' (" +
                                         std::string(featureName(checked[i])) + "): " + found[i].reason);
    }
    return units;
}

// Reads one document's rows into records. A file without a name or artist column, or without
// data rows, is an InputError; a row whose field count differs from the header's is dropped.
std::vector<Record> recordsOf(const CsvDocument& doc, std::uint8_t file, const std::string& base,
                              LoadReport& report)
{
    const SchemaMatch schema = matchSchema(doc.header);
    for (Field required : {Field::Name, Field::Artists}) {
        if (!schema.has(required)) {
            throw InputError({doc.fileName, 1, 0, std::string(fieldName(required))},
                             "no column for this field (looked for: " + describeAliases(required) + ")");
        }
    }
    if (doc.rows.empty())
        throw InputError({doc.fileName, 1, 0, {}}, "the file has a header line but no data rows");

    const std::array<Unit, kFieldCount> units = columnUnits(doc, schema, base, report);
    const std::string ragged =
        "a different number of fields than the header's " + std::to_string(doc.header.size());
    std::vector<Record> records;
    records.reserve(doc.rows.size());
    for (const CsvRow& row : doc.rows) {
        if (row.fields.size() != doc.header.size()) {
            report.drop(ragged, {base, row.line});
            continue;
        }
        Record record;
        for (std::size_t f = 0; f < kFieldCount; ++f) {
            const auto& binding = schema.columns[f];
            if (!binding)
                continue;
            record[f] = Cell{&row.fields[binding->column], std::uint32_t(row.line), file, units[f]};
        }
        records.push_back(record);
    }
    return records;
}

std::string joinKey(const Record& r)
{
    std::string key(at(r, Field::Name).value());
    key += '\x1F';
    key += at(r, Field::Artists).value();
    key += '\x1F';
    key += at(r, Field::Album).value();
    return key;
}

// Joins the second file's rows into the first's on (name, artists, album). The k-th row of a
// key in the first file pairs with the k-th row of that key in the second.
std::vector<Record> mergeRecords(std::vector<Record> first, const std::vector<Record>& second)
{
    std::unordered_map<std::string, std::deque<std::size_t>> pending;
    for (std::size_t i = 0; i < second.size(); ++i)
        pending[joinKey(second[i])].push_back(i);

    std::vector<bool> used(second.size(), false);
    for (Record& record : first) {
        const auto it = pending.find(joinKey(record));
        if (it == pending.end() || it->second.empty())
            continue;
        const std::size_t j = it->second.front();
        it->second.pop_front();
        used[j] = true;
        for (std::size_t f = 0; f < kFieldCount; ++f) {
            if (isMissing(record[f].value()) && second[j][f].text)
                record[f] = second[j][f];
        }
    }
    for (std::size_t j = 0; j < second.size(); ++j) {
        if (!used[j])
            first.push_back(second[j]);
    }
    return first;
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

// The columns a file set provides, and which of them every kept row must have (DATA.md
// section 2's trimmed attributes).
struct Columns
{
    std::array<bool, kFieldCount> present{};
    FeatureSet features;
    std::vector<Field> required;

    bool has(Field f) const { return present[static_cast<std::size_t>(f)]; }
    bool hasDate() const { return has(Field::ReleaseDate) || has(Field::Year); }
};

Columns columnsOf(const std::vector<CsvDocument>& documents, LoadReport& report)
{
    Columns columns;
    for (const CsvDocument& doc : documents) {
        const SchemaMatch schema = matchSchema(doc.header);
        for (std::size_t f = 0; f < kFieldCount; ++f)
            columns.present[f] = columns.present[f] || schema.columns[f].has_value();
    }
    for (Feature f : kAllFeatures) {
        if (columns.has(fieldOf(f)))
            columns.features.insert(f);
        else
            report.notes.push_back("no column for " + std::string(featureName(f)) + ": left out");
    }
    for (Field f : {Field::ReleaseDate, Field::Explicit, Field::Genres, Field::Album}) {
        if (!columns.has(f) && !(f == Field::ReleaseDate && columns.has(Field::Year)))
            report.notes.push_back("no column for " + std::string(fieldName(f)));
    }
    columns.required = {Field::Name, Field::Artists};
    if (columns.has(Field::Explicit))
        columns.required.push_back(Field::Explicit);
    if (columns.has(Field::Genres))
        columns.required.push_back(Field::Genres);
    for (Feature f : kAllFeatures) {
        if (columns.features.contains(f))
            columns.required.push_back(fieldOf(f));
    }
    return columns;
}

// One record as a track and its features; throws RowDefect for what makes the row unusable.
std::pair<TrackFields, FeatureRow> readRecord(const Record& r, const Columns& columns)
{
    for (Field f : columns.required) {
        if (isMissing(at(r, f).value()))
            throw RowDefect{"missing " + std::string(fieldName(f))};
    }
    const Cell& date = at(r, Field::ReleaseDate);
    const Cell& yearCell = at(r, Field::Year);
    if (columns.hasDate() && isMissing(date.value()) && isMissing(yearCell.value()))
        throw RowDefect{"missing " + std::string(fieldName(Field::ReleaseDate))};

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

// A record read: its track, features and identity, or why its row is dropped.
struct ReadRecord
{
    TrackFields fields;
    FeatureRow features{};
    std::string identity; // trackIdentity(fields): the URI, or a hash of name, artists and album
    std::string defect;   // empty when the row is kept
};

ReadRecord readRecordOrDefect(const Record& r, const Columns& columns)
{
    try {
        auto [fields, features] = readRecord(r, columns);
        std::string id = trackIdentity(fields);
        return {std::move(fields), features, std::move(id), {}};
    } catch (const RowDefect& defect) {
        return {{}, {}, {}, defect.reason};
    }
}

std::string joinedNames(const std::vector<std::string>& files)
{
    std::vector<std::string> names;
    for (const std::string& file : files)
        names.push_back(baseName(file));
    return text::join(names, " + ");
}

} // namespace

Catalog loadDocuments(const std::vector<CsvDocument>& documents, const ProgressCallback& progress,
                      const CancelFlag* cancel)
{
    if (documents.empty())
        throw InputError({}, "no dataset file given");

    if (documents.size() > kMaxFiles)
        throw InputError({}, "more than " + std::to_string(kMaxFiles) + " dataset files given at once");

    LoadReport report;
    std::vector<std::string> baseNames; // the files' names, as the cells' `file` counts them
    std::vector<Record> records;
    for (std::size_t d = 0; d < documents.size(); ++d) {
        const CsvDocument& doc = documents[d];
        checkCancel(cancel);
        report.files.push_back(doc.fileName);
        report.rowsRead += doc.rows.size();
        baseNames.push_back(baseName(doc.fileName));
        std::vector<Record> own = recordsOf(doc, std::uint8_t(d), baseNames.back(), report);
        records = d == 0 ? std::move(own) : mergeRecords(std::move(records), own);
    }
    report.rowsMerged = records.size();
    const Columns columns = columnsOf(documents, report);

    Catalog catalog;
    catalog.reserve(records.size());
    catalog.setAvailableFeatures(columns.features);
    // Records are read (parsed and checked) in parallel, a block at a time, and kept in file order:
    // the duplicates and the drops come out the same whatever the thread count.
    constexpr std::size_t kBlock = 16384;
    std::vector<ReadRecord> read(std::min(kBlock, records.size()));
    for (std::size_t first = 0; first < records.size(); first += kBlock) {
        checkCancel(cancel);
        if (progress)
            progress({"Checking rows", first, records.size()});
        const std::size_t count = std::min(kBlock, records.size() - first);
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 512),
                          [&](const tbb::blocked_range<std::size_t>& range) {
                              for (std::size_t i = range.begin(); i != range.end(); ++i)
                                  read[i] = readRecordOrDefect(records[first + i], columns);
                          });
        for (std::size_t i = 0; i < count; ++i) {
            const Cell& name = at(records[first + i], Field::Name);
            const LoadReport::RowRef where{baseNames[name.file], name.line};
            if (!read[i].defect.empty()) {
                report.drop(read[i].defect, where);
                continue;
            }
            if (catalog.findTrack(read[i].identity)) {
                report.drop("duplicate track", where);
                continue;
            }
            catalog.addTrack(std::move(read[i].fields), read[i].features, std::move(read[i].identity));
        }
    }
    report.rowsKept = catalog.size();
    if (progress)
        progress({"Checking rows", records.size(), records.size()});

    if (catalog.empty()) {
        std::vector<std::string> reasons;
        for (const LoadReport::Drop& drop : report.dropped)
            reasons.push_back(describeDrop(drop));
        throw InputError(
            {documents.size() == 1 ? documents[0].fileName : joinedNames(report.files), 0, 0, {}},
            "no usable row: " + text::join(reasons, "; "));
    }
    catalog.setLabel(joinedNames(report.files));
    catalog.setReport(std::move(report));
    return catalog;
}

Catalog loadDataset(const std::vector<std::string>& paths, const ProgressCallback& progress,
                    const CancelFlag* cancel)
{
    std::vector<CsvDocument> documents;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        checkCancel(cancel);
        if (progress)
            progress({"Reading " + baseName(paths[i]), i, paths.size()});
        documents.push_back(readCsvFile(paths[i]));
    }
    return loadDocuments(documents, progress, cancel);
}

} // namespace gdbm::data
