#include "data/Schema.h"

#include "core/Text.h"

#include <limits>

namespace gdbm::data {
namespace {

struct Alias
{
    Field field;
    std::string_view name; // as people write it; folded before matching
};

Field feature(Feature f)
{
    return fieldOf(f);
}

// Known column names, best first within each field. Sources, all public Spotify exports:
// Exportify (the reference: "Track Name", "Artist Name(s)"); the snake_case Kaggle files
// (songs_normalize: song, artist, duration_ms, genre; the 114k "tracks" set: track_name,
// album_name, track_genre; the 600k / 1.2M sets: name, artists, id_artists, release_date, year;
// tidytuesday's spotify_songs: track_artist, track_popularity, track_album_name,
// track_album_release_date, playlist_genre; the 19k song_data: song_name, song_popularity,
// song_duration_ms, audio_mode, audio_valence; universal_top_spotify_songs: spotify_id,
// is_explicit, album_release_date); "Most Streamed Spotify Songs 2023" (track_name,
// artist(s)_name, released_year/month/day, bpm, danceability_%: the '%' is folded away);
// "Top 2000" and top50 (Title, Top Genre, "Beats Per Minute (BPM)", "Length (Duration)",
// Beats.Per.Minute, Length.); top10s's abbreviations (nrgy, dnce, val, acous, spch, dB, dur).
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
        {Field::Name, "song_title"},
        {Field::Name, "track_title"},
        {Field::Name, "track"},
        {Field::Artists, "Artist Name(s)"},
        {Field::Artists, "artists"},
        {Field::Artists, "artist"},
        {Field::Artists, "artist_name"},
        {Field::Artists, "artist_names"},
        {Field::Artists, "artist(s)_name"},
        {Field::Artists, "track_artist"},
        {Field::Artists, "artists_names"},
        {Field::ArtistUris, "Artist URI(s)"},
        {Field::ArtistUris, "id_artists"},
        {Field::ArtistUris, "artist_ids"},
        {Field::Album, "Album Name"},
        {Field::Album, "album"},
        {Field::Album, "track_album_name"},
        {Field::ReleaseDate, "Album Release Date"},
        {Field::ReleaseDate, "release_date"},
        {Field::ReleaseDate, "track_album_release_date"},
        {Field::Year, "year"},
        {Field::Year, "release_year"},
        {Field::Year, "released_year"},
        {Field::ReleaseMonth, "released_month"},
        {Field::ReleaseMonth, "release_month"},
        {Field::ReleaseDay, "released_day"},
        {Field::ReleaseDay, "release_day"},
        {Field::Explicit, "Explicit"},
        {Field::Explicit, "is_explicit"},
        {Field::Genres, "Artist Genres"},
        {Field::Genres, "genres"},
        {Field::Genres, "genre"},
        {Field::Genres, "top genre"},
        {Field::Genres, "track_genre"},
        {Field::Genres, "playlist_genre"},
        {feature(Feature::Danceability), "Danceability"},
        {feature(Feature::Danceability), "dnce"},
        {feature(Feature::Energy), "Energy"},
        {feature(Feature::Energy), "nrgy"},
        {feature(Feature::Key), "Key"},
        {feature(Feature::Loudness), "Loudness"},
        {feature(Feature::Loudness), "Loudness (dB)"},
        {feature(Feature::Loudness), "dB"},
        {feature(Feature::Mode), "Mode"},
        {feature(Feature::Mode), "audio_mode"},
        {feature(Feature::Speechiness), "Speechiness"},
        {feature(Feature::Speechiness), "spch"},
        {feature(Feature::Acousticness), "Acousticness"},
        {feature(Feature::Acousticness), "acous"},
        {feature(Feature::Instrumentalness), "Instrumentalness"},
        {feature(Feature::Instrumentalness), "instr"},
        {feature(Feature::Liveness), "Liveness"},
        {feature(Feature::Liveness), "live"},
        {feature(Feature::Valence), "Valence"},
        {feature(Feature::Valence), "val"},
        {feature(Feature::Valence), "audio_valence"},
        {feature(Feature::Tempo), "Tempo"},
        {feature(Feature::Tempo), "Beats Per Minute (BPM)"},
        {feature(Feature::Tempo), "Beats Per Minute"},
        {feature(Feature::Tempo), "bpm"},
        {feature(Feature::TimeSignature), "Time Signature"},
        {feature(Feature::Popularity), "Popularity"},
        {feature(Feature::Popularity), "pop"},
        {feature(Feature::Popularity), "track_popularity"},
        {feature(Feature::Popularity), "song_popularity"},
        {feature(Feature::DurationMs), "Track Duration (ms)"},
        {feature(Feature::DurationMs), "duration_ms"},
        {feature(Feature::DurationMs), "duration (ms)"},
        {feature(Feature::DurationMs), "song_duration_ms"},
        {feature(Feature::DurationMs), "track_duration_ms"},
        {feature(Feature::DurationMs), "Length (Duration)"},
        {feature(Feature::DurationMs), "length"},
        {feature(Feature::DurationMs), "duration"},
        {feature(Feature::DurationMs), "dur"},
    };
    return table;
}

constexpr std::array<std::string_view, static_cast<std::size_t>(Field::FirstFeature)> kFieldNames = {
    "Track URI", "Track Name", "Artist Name(s)", "Artist URI(s)", "Album Name", "Album Release Date", "Year",
    "Month",     "Day",        "Explicit",       "Artist Genres",
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
                if (match.columns[f])
                    match.ignored.push_back({alias.field, match.columns[f]->header});
                boundRank[f] = rank;
                match.columns[f] = ColumnBinding{column, header[column]};
            } else {
                match.ignored.push_back({alias.field, header[column]});
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
