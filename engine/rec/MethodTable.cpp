#include "rec/MethodTable.h"

#include <algorithm>

namespace gdbm::rec {
namespace {

template <typename Table, typename Key>
auto findBy(const Table& table, Key wanted, auto field) -> decltype(&table.front())
{
    const auto it =
        std::find_if(table.begin(), table.end(), [&](const auto& e) { return e.*field == wanted; });
    return it == table.end() ? nullptr : &*it;
}

} // namespace

const std::vector<MethodInfo>& methodTable()
{
    static const std::vector<MethodInfo> table = {
        {Method::DbmHybrid, "dbm-hybrid", "DBM hybrid",
         "The multimodal DBM over audio, tags and who listened, trained afresh on this protocol's "
         "training listening; a song nobody heard has its listening inferred",
         false},
        {Method::DbmTop, "dbm-top", "DBM audio only, top layer",
         "The original study's model: cosine between songs' top-layer activations", false},
        {Method::DbmAll, "dbm-all", "DBM audio only, all layers",
         "The original study's model, every hidden layer's activation concatenated", false},
        {Method::DbmReconstruction, "dbm-reconstruction", "DBM audio only, reconstruction",
         "The original study's model, the audio features it reconstructs", false},
        {Method::AudioFeatures, "features", "Audio features",
         "Cosine on the standardized audio features: the study's idea without a model", false},
        {Method::AudioTags, "audio-tags", "Audio + tags",
         "Audio features with genre, decade and artist indicators, each block of equal total variance",
         false},
        {Method::ItemKnn, "item-knn", "Item-kNN",
         "Item-based collaborative filtering: songs heard by the same listeners (Sarwar et al. 2001)", true},
        {Method::ImplicitMf, "implicit-mf", "Implicit MF",
         "Matrix factorization of who heard what, by alternating least squares (Hu, Koren & Volinsky "
         "2008)",
         true},
        {Method::Popularity, "popularity", "Popularity", "The songs most listeners heard", true},
        {Method::Random, "random", "Random", "Songs in a random order: the floor", false},
    };
    return table;
}

const MethodInfo& methodInfo(Method method)
{
    return methodTable()[static_cast<std::size_t>(method)];
}

std::optional<Method> methodFromKey(std::string_view key)
{
    const MethodInfo* info = findBy(methodTable(), key, &MethodInfo::key);
    return info ? std::optional<Method>(info->method) : std::nullopt;
}

const std::vector<MetricInfo>& metricTable()
{
    static const std::vector<MetricInfo> table = {
        {Metric::Precision, "precision", "Precision", true,
         "Share of the recommended songs the user listened to (held out)", true},
        {Metric::Recall, "recall", "Recall", true, "Share of the held-out songs that were recommended", true},
        {Metric::Ndcg, "ndcg", "NDCG", true,
         "Held-out songs found, counted more near the top of the list (1 = all at the top)", true},
        {Metric::HitRate, "hit_rate", "Hit rate", true,
         "Share of users with at least one held-out song listed", true},
        {Metric::Mrr, "mrr", "MRR", true, "One over the rank of the first held-out song, averaged", true},
        {Metric::Map, "map", "MAP", true, "Precision at each held-out song found, averaged", true},
        {Metric::Coverage, "coverage", "Coverage", false,
         "Share of the ranked songs that appear in some user's list", true},
        {Metric::Gini, "gini", "Gini", false,
         "How unequally the lists share the songs: 0 every song equally often, 1 always the same few", false},
        {Metric::Novelty, "novelty", "Novelty", false,
         "How rarely the listed songs were heard in training, in bits (higher: less obvious)", true},
        {Metric::Diversity, "diversity", "Diversity", false,
         "How different the songs of one list sound from each other (1 - cosine of their features)", true},
        {Metric::ArchetypeConsistency, "archetype_consistency", "Archetype fit", false,
         "Share of listed songs that match the user's own listener archetype", true},
    };
    return table;
}

const MetricInfo& metricInfo(Metric metric)
{
    return metricTable()[static_cast<std::size_t>(metric)];
}

std::optional<Metric> metricFromKey(std::string_view key)
{
    const MetricInfo* info = findBy(metricTable(), key, &MetricInfo::key);
    return info ? std::optional<Metric>(info->metric) : std::nullopt;
}

const std::vector<ProtocolInfo>& protocolTable()
{
    static const std::vector<ProtocolInfo> table = {
        {Protocol::Warm, "warm", "Returning listeners",
         "20% of each listener's songs held out; every method ranks the whole catalog"},
        {Protocol::NewTracks, "new-tracks", "New tracks",
         "10% of the heard songs lose every listener; methods rank only those new songs"},
    };
    return table;
}

const ProtocolInfo& protocolInfo(Protocol protocol)
{
    return protocolTable()[static_cast<std::size_t>(protocol)];
}

std::optional<Protocol> protocolFromKey(std::string_view key)
{
    const ProtocolInfo* info = findBy(protocolTable(), key, &ProtocolInfo::key);
    return info ? std::optional<Protocol>(info->protocol) : std::nullopt;
}

} // namespace gdbm::rec
