#include "data/ExportifyWriter.h"

#include "core/Random.h"
#include "core/Text.h"
#include "data/CsvWriter.h"

#include <cmath>

namespace gdbm::data {
namespace {

constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// A Spotify-style URI whose 22 base62 characters are a hash of the name: stable across runs, so
// the same artist or album always gets the same URI.
std::string derivedUri(std::string_view kind, std::string_view name)
{
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (unsigned char c : name)
        hash = (hash ^ c) * 0x100000001b3ull;
    std::string uri = "spotify:";
    uri.append(kind).append(":");
    std::uint64_t bits = mix64(hash);
    for (int i = 0; i < 22; ++i) {
        if (i == 11)
            bits = mix64(hash ^ 0x5bd1e9955bd1e995ull);
        uri += kBase62[bits % 62];
        bits /= 62;
    }
    return uri;
}

// Integral values as integers ("228748", "4", never "1e+06"); the rest in the shortest form that
// reads back to the same double. Empty when the catalog lacks the feature.
std::string formatFeature(const Catalog& catalog, std::size_t i, Feature f)
{
    const double value = catalog.feature(i, f);
    if (!catalog.availableFeatures().contains(f) || !std::isfinite(value))
        return {};
    if (value == std::trunc(value) && std::abs(value) < 0x1p53)
        return std::to_string(static_cast<long long>(value));
    return text::formatDouble(value);
}

} // namespace

const std::vector<std::string>& exportifyHeader()
{
    static const std::vector<std::string> header = {
        "Track URI",
        "Track Name",
        "Artist URI(s)",
        "Artist Name(s)",
        "Album URI",
        "Album Name",
        "Album Artist URI(s)",
        "Album Artist Name(s)",
        "Album Release Date",
        "Album Image URL",
        "Disc Number",
        "Track Number",
        "Track Duration (ms)",
        "Track Preview URL",
        "Explicit",
        "Popularity",
        "ISRC",
        "Added By",
        "Added At",
        "Artist Genres",
        "Danceability",
        "Energy",
        "Key",
        "Loudness",
        "Mode",
        "Speechiness",
        "Acousticness",
        "Instrumentalness",
        "Liveness",
        "Valence",
        "Tempo",
        "Time Signature",
        "Album Genres",
        "Label",
        "Copyrights",
    };
    return header;
}

void writeExportifyCsv(const Catalog& catalog, std::ostream& out)
{
    CsvWriter csv(out, /*quoteAll=*/true);
    csv.writeRow(exportifyHeader());
    const std::string addedBy = catalog.isSynthetic() ? "gdbm-studio demo (synthetic)" : "";
    std::vector<std::string> row;
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        const Track& t = catalog.track(i);
        std::vector<std::string> artistUris;
        for (ArtistId id : t.artists)
            artistUris.push_back(derivedUri("artist", catalog.artistName(id)));
        const std::string firstArtist =
            t.artists.empty() ? std::string() : catalog.artistName(t.artists.front());
        std::vector<std::string> genres;
        for (GenreId id : t.genres)
            genres.push_back(catalog.genreName(id));
        const auto feature = [&](Feature f) { return formatFeature(catalog, i, f); };

        row = {t.uri.empty() ? catalog.identity(i) : t.uri,
               t.name,
               text::join(artistUris, ", "),
               t.artistsText,
               t.album.empty() ? std::string() : derivedUri("album", firstArtist + "\x1f" + t.album),
               t.album,
               artistUris.empty() ? std::string() : artistUris.front(),
               firstArtist,
               t.releaseDate,
               "",
               "1",
               "1",
               feature(Feature::DurationMs),
               "",
               t.isExplicit ? "true" : "false",
               feature(Feature::Popularity),
               "",
               addedBy,
               "",
               text::join(genres, ","),
               feature(Feature::Danceability),
               feature(Feature::Energy),
               feature(Feature::Key),
               feature(Feature::Loudness),
               feature(Feature::Mode),
               feature(Feature::Speechiness),
               feature(Feature::Acousticness),
               feature(Feature::Instrumentalness),
               feature(Feature::Liveness),
               feature(Feature::Valence),
               feature(Feature::Tempo),
               feature(Feature::TimeSignature),
               "",
               "",
               ""};
        csv.writeRow(row);
    }
}

} // namespace gdbm::data
