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

std::size_t FeatureSet::size() const
{
    std::size_t n = 0;
    for (bool present : m_present)
        n += present ? 1 : 0;
    return n;
}

} // namespace gdbm::data
