#include "data/Feature.h"

#include "core/Text.h"

namespace gdbm::data {
namespace {

struct FeatureNames
{
    std::string_view display;
    std::string_view key;
};

constexpr std::array<FeatureNames, kFeatureCount> kNames = {{
    {"Danceability", "danceability"},
    {"Energy", "energy"},
    {"Key", "key"},
    {"Loudness", "loudness"},
    {"Mode", "mode"},
    {"Speechiness", "speechiness"},
    {"Acousticness", "acousticness"},
    {"Instrumentalness", "instrumentalness"},
    {"Liveness", "liveness"},
    {"Valence", "valence"},
    {"Tempo", "tempo"},
    {"Time Signature", "time_signature"},
    {"Popularity", "popularity"},
    {"Track Duration (ms)", "duration_ms"},
}};

} // namespace

std::string_view featureName(Feature f)
{
    return kNames[index(f)].display;
}

std::string_view featureKey(Feature f)
{
    return kNames[index(f)].key;
}

std::optional<Feature> featureFromName(std::string_view name)
{
    const std::string wanted = text::foldName(name);
    for (Feature f : kAllFeatures) {
        if (text::foldName(kNames[index(f)].display) == wanted ||
            text::foldName(kNames[index(f)].key) == wanted)
            return f;
    }
    return std::nullopt;
}

FeatureRange plausibleRange(Feature f)
{
    if (isUnitInterval(f))
        return {0.0, 1.0};
    switch (f) {
    case Feature::Key:
        return {-1.0, 11.0}; // pitch class; Spotify writes -1 when it detected no key
    case Feature::Loudness:
        return {-100.0, 10.0}; // dB: Spotify's are about -60..+5
    case Feature::Mode:
        return {0.0, 1.0};
    case Feature::Tempo:
        return {0.0, 400.0}; // BPM; 0 for tracks without a beat
    case Feature::TimeSignature:
        return {0.0, 16.0}; // beats per bar; Spotify writes 0 and 1 for unclear metre
    case Feature::Popularity:
        return {0.0, 100.0};
    case Feature::DurationMs:
        return {1.0, 24.0 * 3600.0 * 1000.0}; // up to a day: long mixes and recordings
    default:
        break;
    }
    return {0.0, 1.0};
}

bool isUnitInterval(Feature f)
{
    switch (f) {
    case Feature::Danceability:
    case Feature::Energy:
    case Feature::Speechiness:
    case Feature::Acousticness:
    case Feature::Instrumentalness:
    case Feature::Liveness:
    case Feature::Valence:
        return true;
    default:
        return false;
    }
}

std::size_t FeatureSet::size() const
{
    std::size_t n = 0;
    for (bool present : m_present)
        n += present ? 1 : 0;
    return n;
}

} // namespace gdbm::data
