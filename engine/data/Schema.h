#pragma once

#include "data/Feature.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdbm::data {

// The canonical fields a dataset column can hold. The audio features follow the identity and
// metadata fields, in Feature order.
enum class Field : std::size_t {
    TrackUri,
    Name,
    Artists,
    ArtistUris,
    Album,
    ReleaseDate,
    Year,
    ReleaseMonth, // with Year, when a file splits the date (released_year, released_month, ...)
    ReleaseDay,
    Explicit,
    Genres,
    FirstFeature,
};
inline constexpr std::size_t kFieldCount = static_cast<std::size_t>(Field::FirstFeature) + kFeatureCount;

inline constexpr Field fieldOf(Feature f)
{
    return static_cast<Field>(static_cast<std::size_t>(Field::FirstFeature) + index(f));
}
std::optional<Feature> featureOf(Field field);
// The name used in messages: the Exportify column name ("Artist Name(s)", "Danceability").
std::string_view fieldName(Field field);

struct ColumnBinding
{
    std::size_t column = 0; // 0-based index in the header
    std::string header;     // the header text as the file wrote it
};

// Which column of a file holds each canonical field. Columns are matched by name, case- and
// punctuation-insensitive ("Track Duration (ms)", "duration_ms", "DurationMs" are one name),
// through a table of known aliases from public Spotify exports; when several columns match a
// field, the alias listed first wins. Columns that match nothing are ignored. The units of a
// column's values are decided from the values themselves (ColumnUnits.h), not from its name.
struct SchemaMatch
{
    std::array<std::optional<ColumnBinding>, kFieldCount> columns;
    // Columns that name a field another column is read for ("song" beside "title"): the load
    // summary says which one is ignored. Each with the field and the ignored column's header.
    struct Ignored
    {
        Field field;
        std::string header;
    };
    std::vector<Ignored> ignored;

    const std::optional<ColumnBinding>& operator[](Field f) const
    {
        return columns[static_cast<std::size_t>(f)];
    }
    bool has(Field f) const { return (*this)[f].has_value(); }
};

SchemaMatch matchSchema(const std::vector<std::string>& header);

// The aliases of a field, for messages such as "no column for the track name (looked for ...)".
std::vector<std::string> fieldAliases(Field field);

} // namespace gdbm::data
