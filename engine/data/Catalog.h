#pragma once

#include "core/Types.h"
#include "data/Feature.h"
#include "data/LoadReport.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gdbm::data {

using GenreId = std::uint32_t;
using ArtistId = std::uint32_t;
using FeatureRow = std::array<double, kFeatureCount>;

// One song of a catalog, with the trimmed attributes of DATA.md section 2.
struct Track
{
    std::string uri; // Spotify Track URI; empty when the dataset has none
    std::string name;
    std::string artistsText; // as the file wrote it: "Mike Posner, Seeb"
    std::vector<ArtistId> artists;
    std::string album;       // empty when the dataset has no album column
    std::string releaseDate; // "2009", "2009-10" or "1975-01-01"
    int year = 0;            // 0 when unknown
    bool isExplicit = false;
    std::vector<GenreId> genres; // lower-cased, sorted by id, unique
};

// The fields a loader or generator hands over for one track; the catalog interns the names.
struct TrackFields
{
    std::string uri;
    std::string name;
    std::string artistsText;
    std::vector<std::string> artists;
    std::string album;
    std::string releaseDate;
    int year = 0;
    bool isExplicit = false;
    std::vector<std::string> genres;
};

// A catalog of tracks with their raw (unstandardized) audio features.
// Ensures: genre and artist ids index genreNames() and artistNames(); features of columns not
// in availableFeatures() are NaN; track order is the order of the source rows.
class Catalog
{
public:
    std::size_t addTrack(TrackFields fields, const FeatureRow& features);
    // The same when the caller has computed the track's trackIdentity(fields) already.
    std::size_t addTrack(TrackFields fields, const FeatureRow& features, std::string id);
    // Room for this many tracks, so that a large file's tracks are added without the index
    // rehashing as it grows.
    void reserve(std::size_t tracks);

    std::size_t size() const { return m_tracks.size(); }
    bool empty() const { return m_tracks.empty(); }
    const Track& track(std::size_t i) const { return m_tracks[i]; }
    const std::vector<Track>& tracks() const { return m_tracks; }
    double feature(std::size_t i, Feature f) const { return m_features[i][index(f)]; }
    const FeatureRow& featureRow(std::size_t i) const { return m_features[i]; }

    // The features every track carries; what the model trains on.
    const FeatureSet& availableFeatures() const { return m_available; }
    void setAvailableFeatures(const FeatureSet& features) { m_available = features; }
    std::vector<Feature> featureList() const;
    // tracks x features, in the order given.
    RawMatrix featureMatrix(const std::vector<Feature>& features) const;

    const std::vector<std::string>& genreNames() const { return m_genreNames; }
    const std::string& genreName(GenreId id) const { return m_genreNames[id]; }
    std::optional<GenreId> findGenre(std::string_view name) const;
    const std::vector<std::string>& artistNames() const { return m_artistNames; }
    const std::string& artistName(ArtistId id) const { return m_artistNames[id]; }
    std::optional<ArtistId> findArtist(std::string_view name) const;

    // A track's identity (DATA.md section 2): its URI when it has one, else a stable id derived
    // from (name, artists, album): "local:" and 16 hex digits. Written as track_id in exports.
    std::string identity(std::size_t i) const;
    // The index of the track with this identity.
    std::optional<std::size_t> findTrack(std::string_view identity) const;

    // Where the catalog came from, shown to the user: file names, or the demo catalog's label.
    const std::string& label() const { return m_label; }
    void setLabel(std::string label) { m_label = std::move(label); }
    bool isSynthetic() const { return m_synthetic; }
    void setSynthetic(bool synthetic) { m_synthetic = synthetic; }

    const LoadReport& report() const { return m_report; }
    void setReport(LoadReport report) { m_report = std::move(report); }

private:
    // Names looked up by string_view without building a string (C++20 heterogeneous lookup).
    struct NameHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    template <class T>
    using NameMap = std::unordered_map<std::string, T, NameHash, std::equal_to<>>;

    GenreId internGenre(const std::string& name);
    ArtistId internArtist(const std::string& name);

    std::vector<Track> m_tracks;
    std::vector<FeatureRow> m_features;
    FeatureSet m_available;
    std::vector<std::string> m_genreNames;
    NameMap<GenreId> m_genreIds;
    std::vector<std::string> m_artistNames;
    NameMap<ArtistId> m_artistIds;
    NameMap<std::size_t> m_trackIndex;
    std::string m_label;
    bool m_synthetic = false;
    LoadReport m_report;
};

// The identity of a track without a URI: "local:" and a 64-bit hash of (name, artists, album).
std::string compositeIdentity(std::string_view name, std::string_view artists, std::string_view album);
// A track's identity (Catalog::identity) from its fields, before it is added.
std::string trackIdentity(const TrackFields& fields);

} // namespace gdbm::data
