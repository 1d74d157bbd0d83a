#pragma once

#include "core/Text.h"
#include "data/Catalog.h"
#include "data/ColumnUnits.h"
#include "data/Schema.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The loader's rows between the CSV and the catalog (DatasetLoader): each field's cell, and
// reading a row's cells as a track with its features, or as the reason the row is dropped.
namespace gdbm::data {

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

inline const Cell& at(const Record& r, Field f)
{
    return r[static_cast<std::size_t>(f)];
}

// Placeholders that exports from other tools write for "no value" (pandas, Python's set()), and
// empty values.
bool isMissing(std::string_view value);

// The columns a file set provides, and which of them every kept row must have (DATA.md
// section 2's trimmed attributes).
struct Columns
{
    std::array<bool, kFieldCount> present{};
    FeatureSet features;
    std::vector<Field> required;
    // Per file, the column each field is read from ("" when the file has none): the reasons a
    // row is dropped name it.
    std::vector<std::array<std::string, kFieldCount>> headers;

    bool has(Field f) const { return present[static_cast<std::size_t>(f)]; }
    bool hasDate() const { return has(Field::ReleaseDate) || has(Field::Year); }
};

// A record read: its track, features and identity, or why its row is dropped.
struct ReadRecord
{
    TrackFields fields;
    FeatureRow features{};
    std::string identity; // trackIdentity(fields): the URI, or a hash of name, artists and album
    std::string defect;   // empty when the row is kept
};

// Reads one record (DatasetLoader.h lists the defects that drop a row). Touches nothing shared:
// records are read in parallel.
ReadRecord readRecordOrDefect(const Record& r, const Columns& columns);

} // namespace gdbm::data
