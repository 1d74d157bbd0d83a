#include "data/Schema.h"

#include "core/Text.h"

#include <limits>

namespace gdbm::data {
namespace {

struct Alias
{
    Field field;
    std::string_view name; // as people write it; folded before matching
    Unit unit = Unit::Native;
};

Field feature(Feature f)
{
    return fieldOf(f);
}

// Known column names, best first within each field. Sources: Exportify (the reference), the
// snake_case Kaggle exports (song, artist, duration_ms, genre) and top10s.csv's abbreviations.
const std::vector<Alias>& aliases()
{
    static const std::vector<Alias> table = {
        {Field::TrackUri, "Track URI"},
        {Field::TrackUri, "uri"},
        {Field::TrackUri, "track_id"},
        {Field::TrackUri, "spotify_id"},
        {Field::TrackUri, "id"},
        {Field::Name, "Track Name"},
        {Field::Name, "name"},
        {Field::Name, "song"},
        {Field::Name, "title"},
        {Field::Name, "song_name"},
        {Field::Name, "track"},
        {Field::Artists, "Artist Name(s)"},
        {Field::Artists, "artists"},
        {Field::Artists, "artist"},
        {Field::Artists, "artist_name"},
        {Field::Artists, "artist_names"},
        {Field::ArtistUris, "Artist URI(s)"},
        {Field::Album, "Album Name"},
        {Field::Album, "album"},
        {Field::ReleaseDate, "Album Release Date"},
        {Field::ReleaseDate, "release_date"},
        {Field::Year, "year"},
        {Field::Year, "release_year"},
        {Field::Explicit, "Explicit"},
        {Field::Genres, "Artist Genres"},
        {Field::Genres, "genres"},
        {Field::Genres, "genre"},
        {Field::Genres, "top genre"},
        {Field::Genres, "track_genre"},
        {feature(Feature::Danceability), "Danceability"},
        {feature(Feature::Danceability), "dnce", Unit::Percent},
        {feature(Feature::Energy), "Energy"},
        {feature(Feature::Energy), "nrgy", Unit::Percent},
        {feature(Feature::Key), "Key"},
        {feature(Feature::Loudness), "Loudness"},
        {feature(Feature::Loudness), "Loudness (dB)"},
        {feature(Feature::Loudness), "dB"},
        {feature(Feature::Mode), "Mode"},
        {feature(Feature::Speechiness), "Speechiness"},
        {feature(Feature::Speechiness), "spch", Unit::Percent},
        {feature(Feature::Acousticness), "Acousticness"},
        {feature(Feature::Acousticness), "acous", Unit::Percent},
        {feature(Feature::Instrumentalness), "Instrumentalness"},
        {feature(Feature::Instrumentalness), "instr", Unit::Percent},
        {feature(Feature::Liveness), "Liveness"},
        {feature(Feature::Liveness), "live", Unit::Percent},
        {feature(Feature::Valence), "Valence"},
        {feature(Feature::Valence), "val", Unit::Percent},
        {feature(Feature::Tempo), "Tempo"},
        {feature(Feature::Tempo), "Beats Per Minute (BPM)"},
        {feature(Feature::Tempo), "bpm"},
        {feature(Feature::TimeSignature), "Time Signature"},
        {feature(Feature::Popularity), "Popularity"},
        {feature(Feature::Popularity), "pop"},
        {feature(Feature::DurationMs), "Track Duration (ms)"},
        {feature(Feature::DurationMs), "duration_ms"},
        {feature(Feature::DurationMs), "duration (ms)"},
        {feature(Feature::DurationMs), "Length (Duration)", Unit::Seconds},
        {feature(Feature::DurationMs), "length", Unit::Seconds},
        {feature(Feature::DurationMs), "duration", Unit::Seconds},
        {feature(Feature::DurationMs), "dur", Unit::Seconds},
    };
    return table;
}

constexpr std::array<std::string_view, static_cast<std::size_t>(Field::FirstFeature)> kFieldNames = {
    "Track URI",          "Track Name", "Artist Name(s)", "Artist URI(s)", "Album Name",
    "Album Release Date", "Year",       "Explicit",       "Artist Genres",
};

} // namespace

std::optional<Feature> featureOf(Field field)
{
    const auto i = static_cast<std::size_t>(field);
    const auto first = static_cast<std::size_t>(Field::FirstFeature);
    if (i < first || i >= kFieldCount)
        return std::nullopt;
    return static_cast<Feature>(i - first);
}

std::string_view fieldName(Field field)
{
    if (const auto f = featureOf(field))
        return featureName(*f);
    return kFieldNames[static_cast<std::size_t>(field)];
}

SchemaMatch matchSchema(const std::vector<std::string>& header)
{
    SchemaMatch match;
    // Rank of the alias that bound each field so far; a better (lower) rank replaces it.
    std::array<std::size_t, kFieldCount> boundRank;
    boundRank.fill(std::numeric_limits<std::size_t>::max());

    const auto& table = aliases();
    for (std::size_t column = 0; column < header.size(); ++column) {
        const std::string folded = text::foldName(header[column]);
        if (folded.empty())
            continue;
        for (std::size_t rank = 0; rank < table.size(); ++rank) {
            const Alias& alias = table[rank];
            if (text::foldName(alias.name) != folded)
                continue;
            const auto f = static_cast<std::size_t>(alias.field);
            if (rank < boundRank[f]) {
                boundRank[f] = rank;
                match.columns[f] = ColumnBinding{column, header[column], alias.unit};
            }
            break;
        }
    }
    return match;
}

std::vector<std::string> fieldAliases(Field field)
{
    std::vector<std::string> names;
    for (const Alias& alias : aliases()) {
        if (alias.field == field)
            names.emplace_back(alias.name);
    }
    return names;
}

} // namespace gdbm::data
