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

// How a column's numbers relate to Spotify's units.
enum class Unit : std::uint8_t {
    Native,  // already in Spotify's unit
    Percent, // 0-100 scale of a 0-1 feature (top10s.csv's nrgy, dnce, ...): divided by 100
    Seconds, // a duration in seconds: multiplied by 1000
};

struct ColumnBinding
{
    std::size_t column = 0; // 0-based index in the header
    std::string header;     // the header text as the file wrote it
    Unit unit = Unit::Native;
};

// Which column of a file holds each canonical field. Columns are matched by name, case- and
// punctuation-insensitive ("Track Duration (ms)", "duration_ms", "DurationMs" are one name),
// through a table of known aliases; when several columns match a field, the alias listed first
// wins. Columns that match nothing are ignored.
struct SchemaMatch
{
    std::array<std::optional<ColumnBinding>, kFieldCount> columns;

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
