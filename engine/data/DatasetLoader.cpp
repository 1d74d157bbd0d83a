#include "data/DatasetLoader.h"

#include "core/Error.h"
#include "core/Text.h"
#include "data/ColumnUnits.h"
#include "data/RecordReader.h"
#include "data/Schema.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <unordered_map>

namespace gdbm::data {
namespace {

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
    for (const SchemaMatch::Ignored& other : schema.ignored)
        report.notes.push_back(base + ": column '" + other.header + "' is another column for " +
                               std::string(fieldName(other.field)) + ": '" + schema[other.field]->header +
                               "' is read, '" + other.header + "' ignored");

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

Columns columnsOf(const std::vector<CsvDocument>& documents, LoadReport& report)
{
    Columns columns;
    for (const CsvDocument& doc : documents) {
        const SchemaMatch schema = matchSchema(doc.header);
        std::array<std::string, kFieldCount>& headers = columns.headers.emplace_back();
        for (std::size_t f = 0; f < kFieldCount; ++f) {
            columns.present[f] = columns.present[f] || schema.columns[f].has_value();
            if (schema.columns[f])
                headers[f] = schema.columns[f]->header;
        }
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

// Per file of a merge, the columns the catalog needs that it lacks: a row of it not joined with
// another file's row cannot be complete.
std::vector<std::vector<Field>> lackingColumns(const Columns& columns)
{
    const std::size_t files = columns.headers.size();
    std::vector<std::vector<Field>> lacking(files);
    for (std::size_t d = 0; files > 1 && d < files; ++d) {
        const auto has = [&](Field f) { return !columns.headers[d][std::size_t(f)].empty(); };
        for (Field f : columns.required) {
            if (!has(f))
                lacking[d].push_back(f);
        }
        // A date is required whenever a file has one (a year will do), though not listed above.
        if (columns.hasDate() && !has(Field::ReleaseDate) && !has(Field::Year))
            lacking[d].push_back(Field::ReleaseDate);
    }
    return lacking;
}

// Whether a row was dropped because its file lacks a column (rather than for a defect of its own).
bool lacksAColumnOfItsFile(const Record& r, const std::vector<Field>& lacking)
{
    return std::any_of(lacking.begin(), lacking.end(), [&](Field f) {
        // A year from the other file stands for the date.
        return at(r, f).text == nullptr && (f != Field::ReleaseDate || at(r, Field::Year).text == nullptr);
    });
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
    const std::vector<std::vector<Field>> lacking = lackingColumns(columns);
    std::vector<std::size_t> droppedForLacking(documents.size(), 0);

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
                droppedForLacking[name.file] +=
                    lacksAColumnOfItsFile(records[first + i], lacking[name.file]) ? 1 : 0;
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
    // Said once per file, beside the reasons per row ("missing Explicit"), which name only the
    // first field a row lacks: a merged catalog has the columns of every file.
    for (std::size_t d = 0; d < documents.size(); ++d) {
        if (droppedForLacking[d] == 0)
            continue;
        std::vector<std::string> names;
        for (Field f : lacking[d])
            names.emplace_back(fieldName(f));
        report.notes.push_back(baseNames[d] + " has no column for " + text::join(names, ", ") +
                               ", which another file has: " + std::to_string(droppedForLacking[d]) +
                               " of its rows, joined with no row of that file, were dropped");
    }
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
