#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace gdbm::rec {

// The recommendation methods the evaluation compares (HYBRID.md section 6), in the order every
// table shows them. One descriptor table; the CLI report, the JSON, the CSV export and the
// Evaluation page iterate it instead of matching strings.
enum class Method {
    DbmHybrid,         // the multimodal DBM (audio, tags, listening), joint-layer embedding
    DbmTop,            // the audio-only DBM, top-layer embedding
    DbmAll,            // the audio-only DBM, every hidden layer
    DbmReconstruction, // the audio-only DBM, mean reconstruction
    AudioFeatures,     // cosine on the standardized audio features
    AudioTags,         // audio features and tag indicators, each block of equal total variance
    ItemKnn,           // item-based collaborative filtering
    ImplicitMf,        // implicit-feedback matrix factorization (ALS)
    Popularity,
    Random,
};

struct MethodInfo
{
    Method method;
    std::string_view key;   // in files: "dbm-top", "item-knn"
    std::string_view label; // in tables: "DBM audio only, top layer"
    std::string_view description;
    bool learnsFromListening; // needs training listeners: cannot rank a track nobody heard
};

const std::vector<MethodInfo>& methodTable();
const MethodInfo& methodInfo(Method method);
std::optional<Method> methodFromKey(std::string_view key);

// The evaluation's metrics, in table order: ranking quality first, then what the lists look like.
enum class Metric {
    Precision,
    Recall,
    Ndcg,
    HitRate,
    Mrr,
    Map,
    Coverage,
    Gini,
    Novelty,
    Diversity,
    ArchetypeConsistency,
};

struct MetricInfo
{
    Metric metric;
    std::string_view key;   // "ndcg"
    std::string_view label; // "NDCG" (tables add "@K" where the metric is at K)
    bool atK;               // measured on the top K
    std::string_view description;
    bool higherIsBetter;
};

const std::vector<MetricInfo>& metricTable();
const MetricInfo& metricInfo(Metric metric);
std::optional<Metric> metricFromKey(std::string_view key);

// The two ways of holding data out (HYBRID.md section 5).
enum class Protocol {
    Warm,      // returning listeners: 20% of each user's tracks held out, the catalog ranked
    NewTracks, // new tracks: 10% of the heard tracks lose every listener, only they are ranked
};

struct ProtocolInfo
{
    Protocol protocol;
    std::string_view key;   // "warm", "new-tracks"
    std::string_view label; // "Returning listeners", "New tracks"
    std::string_view description;
};

const std::vector<ProtocolInfo>& protocolTable();
const ProtocolInfo& protocolInfo(Protocol protocol);
std::optional<Protocol> protocolFromKey(std::string_view key);

} // namespace gdbm::rec
