#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gdbm::data {

// The audio features the model trains on, in MODEL.md's order. A dataset may lack some.
enum class Feature : std::size_t {
    Danceability,
    Energy,
    Key,
    Loudness,
    Mode,
    Speechiness,
    Acousticness,
    Instrumentalness,
    Liveness,
    Valence,
    Tempo,
    TimeSignature,
    Popularity,
    DurationMs,
};
inline constexpr std::size_t kFeatureCount = 14;

inline constexpr std::size_t index(Feature f)
{
    return static_cast<std::size_t>(f);
}

// The display name, as in the Exportify header: "Danceability", "Track Duration (ms)".
std::string_view featureName(Feature f);
// The short key used in files we write (archetype JSON, exports): "danceability", "duration_ms".
std::string_view featureKey(Feature f);
// Looks a feature up by display name or key, case- and punctuation-insensitive.
std::optional<Feature> featureFromName(std::string_view name);

// The values a feature can take in Spotify's units (after a load's unit conversions). A value
// outside is a defect of its row: "1e306" as a duration would make training diverge.
struct FeatureRange
{
    double min = 0.0;
    double max = 0.0;
    bool contains(double v) const { return v >= min && v <= max; } // false for NaN
};
FeatureRange plausibleRange(Feature f);

// True for the features Spotify defines on 0-1 (danceability, energy, speechiness, acousticness,
// instrumentalness, liveness, valence), which some exports write as 0-100 percentages.
bool isUnitInterval(Feature f);

// Which features a catalog carries, in canonical order.
class FeatureSet
{
public:
    void insert(Feature f) { m_present[index(f)] = true; }
    void erase(Feature f) { m_present[index(f)] = false; }
    bool contains(Feature f) const { return m_present[index(f)]; }
    std::size_t size() const;
    bool operator==(const FeatureSet&) const = default;

private:
    std::array<bool, kFeatureCount> m_present{};
};

inline constexpr std::array<Feature, kFeatureCount> kAllFeatures = {
    Feature::Danceability, Feature::Energy,      Feature::Key,          Feature::Loudness,
    Feature::Mode,         Feature::Speechiness, Feature::Acousticness, Feature::Instrumentalness,
    Feature::Liveness,     Feature::Valence,     Feature::Tempo,        Feature::TimeSignature,
    Feature::Popularity,   Feature::DurationMs,
};

} // namespace gdbm::data
