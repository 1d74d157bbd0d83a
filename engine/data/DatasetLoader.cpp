#include "data/DatasetLoader.h"

#include "core/Error.h"
#include "core/Text.h"
#include "data/Schema.h"

#include <deque>
#include <filesystem>
#include <unordered_map>

namespace gdbm::data {
namespace {

// One value of a source row, with where it came from for error messages.
struct Cell
{
    const std::string* text = nullptr; // null when the file has no column for the field
    const std::string* fileName = nullptr;
    std::uint32_t line = 0;
    std::uint16_t column = 0; // 1-based; files have far fewer columns
    Unit unit = Unit::Native;

    std::string_view value() const { return text ? text::trim(*text) : std::string_view(); }
};

using Record = std::array<Cell, kFieldCount>;

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

[[noreturn]] void failAt(const Cell& cell, Field field, const std::string& reason)
{
    throw InputError({*cell.fileName, cell.line, cell.column, std::string(fieldName(field))}, reason);
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

// Reads one document's rows into records, checking the schema and the row shapes.
std::vector<Record> recordsOf(const CsvDocument& doc, const SchemaMatch& schema, LoadReport& report)
{
    for (Field required : {Field::Name, Field::Artists}) {
        if (!schema.has(required)) {
            throw InputError({doc.fileName, 1, 0, std::string(fieldName(required))},
                             "no column for this field (looked for: " + describeAliases(required) + ")");
        }
    }
    if (doc.rows.empty())
        throw InputError({doc.fileName, 1, 0, {}}, "the file has a header line but no data rows");
    if (doc.header.size() > 0xFFFF)
        throw InputError({doc.fileName, 1, 0, {}}, "the header has more than 65,535 columns");

    const std::string base = std::filesystem::path(doc.fileName).filename().string();
    for (std::size_t f = 0; f < kFieldCount; ++f) {
        const auto& binding = schema.columns[f];
        if (!binding || binding->unit == Unit::Native)
            continue;
        report.notes.push_back(base + ": column '" + binding->header + "' " +
                               (binding->unit == Unit::Percent ? "is on a 0-100 scale, divided by 100"
                                                               : "is in seconds, converted to ms"));
    }

    std::vector<Record> records;
    records.reserve(doc.rows.size());
    for (const CsvRow& row : doc.rows) {
        if (row.fields.size() != doc.header.size()) {
            throw InputError({doc.fileName, row.line, std::min(row.fields.size(), doc.header.size()) + 1, {}},
                             "this row has " + std::to_string(row.fields.size()) +
                                 " fields but the header has " + std::to_string(doc.header.size()));
        }
        Record record;
        for (std::size_t f = 0; f < kFieldCount; ++f) {
            const auto& binding = schema.columns[f];
            if (!binding)
                continue;
            record[f] = Cell{&row.fields[binding->column], &doc.fileName, std::uint32_t(row.line),
                             std::uint16_t(binding->column + 1), binding->unit};
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

double parseNumber(const Cell& cell, Field field)
{
    const auto value = text::parseDouble(cell.value());
    if (!value)
        failAt(cell, field, "'" + std::string(cell.value()) + "' is not a number");
    switch (cell.unit) {
    case Unit::Percent:
        return *value / 100.0;
    case Unit::Seconds:
        return *value * 1000.0;
    case Unit::Native:
        break;
    }
    return *value;
}

// "2009", "2009-10" or "2009-10-28" -> 2009; anything else is an error.
int parseReleaseYear(const Cell& cell)
{
    const std::string_view v = cell.value();
    const auto digits = [&](std::size_t from, std::size_t count) {
        for (std::size_t i = from; i < from + count; ++i) {
            if (i >= v.size() || v[i] < '0' || v[i] > '9')
                return false;
        }
        return true;
    };
    const bool shaped =
        digits(0, 4) && (v.size() == 4 || (v.size() == 7 && v[4] == '-' && digits(5, 2)) ||
                         (v.size() == 10 && v[4] == '-' && digits(5, 2) && v[7] == '-' && digits(8, 2)));
    if (!shaped)
        failAt(cell, Field::ReleaseDate,
               "'" + std::string(v) + "' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
    return std::stoi(std::string(v.substr(0, 4)));
}

int parseYear(const Cell& cell)
{
    const auto year = text::parseInteger(cell.value());
    if (!year || *year < 0 || *year > 9999)
        failAt(cell, Field::Year, "'" + std::string(cell.value()) + "' is not a year");
    return int(*year);
}

bool parseExplicit(const Cell& cell)
{
    const std::string v = text::toLower(cell.value());
    if (v == "true" || v == "1" || v == "yes" || v == "t")
        return true;
    if (v == "false" || v == "0" || v == "no" || v == "f")
        return false;
    failAt(cell, Field::Explicit, "'" + std::string(cell.value()) + "' is not true or false");
}

// Exportify separates several artists with commas, but names can hold commas too ("Tyler, The
// Creator"). We split only when the Artist URI(s) column confirms how many artists there are.
std::vector<std::string> splitArtists(const Record& r)
{
    const std::string_view names = at(r, Field::Artists).value();
    const Cell& uris = at(r, Field::ArtistUris);
    if (uris.text) {
        std::vector<std::string> parts = text::splitTrimmed(names, ',');
        if (parts.size() > 1 && parts.size() == text::splitTrimmed(uris.value(), ',').size())
            return parts;
    }
    return {std::string(names)};
}

} // namespace

Catalog loadDocuments(const std::vector<CsvDocument>& documents, const ProgressCallback& progress,
                      const CancelFlag* cancel)
{
    if (documents.empty())
        throw InputError({}, "no dataset file given");

    LoadReport report;
    std::array<bool, kFieldCount> fieldInSomeFile{};
    std::vector<Record> records;
    for (std::size_t d = 0; d < documents.size(); ++d) {
        const CsvDocument& doc = documents[d];
        checkCancel(cancel);
        const SchemaMatch schema = matchSchema(doc.header);
        for (std::size_t f = 0; f < kFieldCount; ++f)
            fieldInSomeFile[f] = fieldInSomeFile[f] || schema.columns[f].has_value();
        report.files.push_back(doc.fileName);
        report.rowsRead += doc.rows.size();
        std::vector<Record> own = recordsOf(doc, schema, report);
        records = d == 0 ? std::move(own) : mergeRecords(std::move(records), own);
    }
    report.rowsMerged = records.size();

    const auto present = [&](Field f) { return fieldInSomeFile[static_cast<std::size_t>(f)]; };
    const bool hasDate = present(Field::ReleaseDate) || present(Field::Year);
    FeatureSet available;
    for (Feature f : kAllFeatures) {
        if (present(fieldOf(f)))
            available.insert(f);
        else
            report.notes.push_back("no column for " + std::string(featureName(f)) + ": left out");
    }
    for (Field f : {Field::ReleaseDate, Field::Explicit, Field::Genres, Field::Album}) {
        if (!present(f) && !(f == Field::ReleaseDate && present(Field::Year)))
            report.notes.push_back("no column for " + std::string(fieldName(f)));
    }

    // The trimmed attributes of DATA.md section 2, in the order their absence is reported.
    std::vector<Field> required = {Field::Name, Field::Artists};
    if (present(Field::Explicit))
        required.push_back(Field::Explicit);
    if (present(Field::Genres))
        required.push_back(Field::Genres);
    for (Feature f : kAllFeatures) {
        if (available.contains(f))
            required.push_back(fieldOf(f));
    }

    Catalog catalog;
    catalog.setAvailableFeatures(available);
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i % 4096 == 0) {
            checkCancel(cancel);
            if (progress)
                progress({"Checking rows", i, records.size()});
        }
        const Record& r = records[i];

        std::string missing;
        for (Field f : required) {
            if (isMissing(at(r, f).value())) {
                missing = "missing " + std::string(fieldName(f));
                break;
            }
        }
        const Cell& date = at(r, Field::ReleaseDate);
        const Cell& yearCell = at(r, Field::Year);
        const bool dateMissing = isMissing(date.value()) && isMissing(yearCell.value());
        if (missing.empty() && hasDate && dateMissing)
            missing = "missing " + std::string(fieldName(Field::ReleaseDate));
        if (!missing.empty()) {
            report.drop(missing);
            continue;
        }

        TrackFields fields;
        fields.uri = std::string(at(r, Field::TrackUri).value());
        if (isMissing(fields.uri))
            fields.uri.clear();
        fields.name = std::string(at(r, Field::Name).value());
        fields.artistsText = std::string(at(r, Field::Artists).value());
        fields.artists = splitArtists(r);
        fields.album = isMissing(at(r, Field::Album).value()) ? "" : std::string(at(r, Field::Album).value());
        if (!isMissing(date.value())) {
            fields.year = parseReleaseYear(date);
            fields.releaseDate = std::string(date.value());
        } else if (!isMissing(yearCell.value())) {
            fields.year = parseYear(yearCell);
            fields.releaseDate = std::to_string(fields.year);
        }
        if (present(Field::Explicit))
            fields.isExplicit = parseExplicit(at(r, Field::Explicit));
        if (present(Field::Genres))
            fields.genres = text::splitTrimmed(at(r, Field::Genres).value(), ',');

        FeatureRow row;
        row.fill(std::numeric_limits<double>::quiet_NaN());
        for (Feature f : kAllFeatures) {
            if (available.contains(f))
                row[index(f)] = parseNumber(at(r, fieldOf(f)), fieldOf(f));
        }

        const std::string identity = fields.uri.empty()
                                         ? compositeIdentity(fields.name, fields.artistsText, fields.album)
                                         : fields.uri;
        if (catalog.findTrack(identity)) {
            report.drop("duplicate track");
            continue;
        }
        catalog.addTrack(std::move(fields), row);
    }
    report.rowsKept = catalog.size();
    if (progress)
        progress({"Checking rows", records.size(), records.size()});

    std::vector<std::string> names;
    for (const std::string& file : report.files)
        names.push_back(std::filesystem::path(file).filename().string());
    catalog.setLabel(text::join(names, " + "));
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
            progress({"Reading " + std::filesystem::path(paths[i]).filename().string(), i, paths.size()});
        documents.push_back(readCsvFile(paths[i]));
    }
    return loadDocuments(documents, progress, cancel);
}

} // namespace gdbm::data
