#include "data/Catalog.h"

#include "core/Text.h"

#include <algorithm>
#include <limits>

namespace gdbm::data {

std::string compositeIdentity(std::string_view name, std::string_view artists, std::string_view album)
{
    // FNV-1a over the three fields with a separator byte that text fields never contain: stable
    // across runs and platforms, so exported track ids read back to the same tracks.
    std::uint64_t hash = 0xcbf29ce484222325ull;
    const auto feed = [&hash](std::string_view part) {
        for (unsigned char c : part) {
            hash ^= c;
            hash *= 0x100000001b3ull;
        }
        hash ^= 0x1F;
        hash *= 0x100000001b3ull;
    };
    feed(name);
    feed(artists);
    feed(album);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id = "local:";
    for (int shift = 60; shift >= 0; shift -= 4)
        id += kHex[(hash >> shift) & 0xF];
    return id;
}

std::string trackIdentity(const TrackFields& fields)
{
    return fields.uri.empty() ? compositeIdentity(fields.name, fields.artistsText, fields.album) : fields.uri;
}

std::size_t Catalog::addTrack(TrackFields fields, const FeatureRow& features)
{
    std::string id = trackIdentity(fields);
    return addTrack(std::move(fields), features, std::move(id));
}

std::size_t Catalog::addTrack(TrackFields fields, const FeatureRow& features, std::string id)
{
    Track track;
    track.uri = std::move(fields.uri);
    track.name = std::move(fields.name);
    track.artistsText = std::move(fields.artistsText);
    for (const std::string& artist : fields.artists)
        track.artists.push_back(internArtist(artist));
    track.album = std::move(fields.album);
    track.releaseDate = std::move(fields.releaseDate);
    track.year = fields.year;
    track.isExplicit = fields.isExplicit;
    for (const std::string& genre : fields.genres)
        track.genres.push_back(internGenre(text::toLower(text::trim(genre))));
    std::sort(track.genres.begin(), track.genres.end());
    track.genres.erase(std::unique(track.genres.begin(), track.genres.end()), track.genres.end());

    const std::size_t i = m_tracks.size();
    m_tracks.push_back(std::move(track));
    m_features.push_back(features);
    m_trackIndex.emplace(std::move(id), i);
    return i;
}

void Catalog::reserve(std::size_t tracks)
{
    m_tracks.reserve(tracks);
    m_features.reserve(tracks);
    m_trackIndex.reserve(tracks);
}

std::vector<Feature> Catalog::featureList() const
{
    std::vector<Feature> list;
    for (Feature f : kAllFeatures) {
        if (m_available.contains(f))
            list.push_back(f);
    }
    return list;
}

RawMatrix Catalog::featureMatrix(const std::vector<Feature>& features) const
{
    RawMatrix out(Eigen::Index(size()), Eigen::Index(features.size()));
    for (std::size_t i = 0; i < size(); ++i) {
        for (std::size_t j = 0; j < features.size(); ++j)
            out(Eigen::Index(i), Eigen::Index(j)) = m_features[i][index(features[j])];
    }
    return out;
}

std::optional<GenreId> Catalog::findGenre(std::string_view name) const
{
    const auto it = m_genreIds.find(text::toLower(text::trim(name)));
    if (it == m_genreIds.end())
        return std::nullopt;
    return it->second;
}

std::optional<ArtistId> Catalog::findArtist(std::string_view name) const
{
    const auto it = m_artistIds.find(text::trim(name));
    if (it == m_artistIds.end())
        return std::nullopt;
    return it->second;
}

std::string Catalog::identity(std::size_t i) const
{
    const Track& t = m_tracks[i];
    return t.uri.empty() ? compositeIdentity(t.name, t.artistsText, t.album) : t.uri;
}

std::optional<std::size_t> Catalog::findTrack(std::string_view identity) const
{
    const auto it = m_trackIndex.find(identity);
    if (it == m_trackIndex.end())
        return std::nullopt;
    return it->second;
}

GenreId Catalog::internGenre(const std::string& name)
{
    // find before emplace: emplace would build (and free) a node for every known name.
    if (const auto it = m_genreIds.find(name); it != m_genreIds.end())
        return it->second;
    const auto id = GenreId(m_genreNames.size());
    m_genreIds.emplace(name, id);
    m_genreNames.push_back(name);
    return id;
}

ArtistId Catalog::internArtist(const std::string& name)
{
    if (const auto it = m_artistIds.find(name); it != m_artistIds.end())
        return it->second;
    const auto id = ArtistId(m_artistNames.size());
    m_artistIds.emplace(name, id);
    m_artistNames.push_back(name);
    return id;
}

} // namespace gdbm::data
