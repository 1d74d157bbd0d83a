#include "rec/Rankers.h"

#include "core/Random.h"

#include <algorithm>
#include <numeric>
#include <unordered_set>

namespace gdbm::rec {
namespace {

bool heard(const UserHistory& history, std::uint32_t track)
{
    return std::binary_search(history.tracks.begin(), history.tracks.end(), track);
}

class CosineRanker : public Ranker
{
public:
    CosineRanker(std::string name, Matrix vectors) : m_name(std::move(name)), m_vectors(std::move(vectors)) {}
    std::string name() const override { return m_name; }
    std::vector<std::uint32_t> rank(std::uint32_t, const UserHistory& history, std::size_t k) const override
    {
        std::vector<std::uint32_t> out;
        for (const Recommendation& r : recommend(m_vectors, history, {k, 0}))
            out.push_back(r.track);
        return out;
    }

private:
    std::string m_name;
    Matrix m_vectors;
};

class PopularityRanker : public Ranker
{
public:
    explicit PopularityRanker(std::vector<std::size_t> listeners) : m_order(listeners.size())
    {
        std::iota(m_order.begin(), m_order.end(), std::uint32_t(0));
        std::stable_sort(m_order.begin(), m_order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return listeners[a] > listeners[b]; });
    }
    std::string name() const override { return "popularity"; }
    std::vector<std::uint32_t> rank(std::uint32_t, const UserHistory& history, std::size_t k) const override
    {
        std::vector<std::uint32_t> out;
        for (std::uint32_t t : m_order) {
            if (out.size() == k)
                break;
            if (!heard(history, t))
                out.push_back(t);
        }
        return out;
    }

private:
    std::vector<std::uint32_t> m_order;
};

class RandomRanker : public Ranker
{
public:
    RandomRanker(std::size_t catalogSize, std::uint64_t seed) : m_size(catalogSize), m_seed(seed) {}
    std::string name() const override { return "random"; }
    std::vector<std::uint32_t> rank(std::uint32_t user, const UserHistory& history,
                                    std::size_t k) const override
    {
        const std::size_t available = m_size - std::min(m_size, history.tracks.size());
        const std::size_t want = std::min(k, available);
        CounterRng rng(m_seed, RandomPurpose::Baseline, user);
        std::vector<std::uint32_t> out;
        std::unordered_set<std::uint32_t> taken;
        while (out.size() < want) {
            const auto t = std::uint32_t(rng.below(m_size));
            if (!heard(history, t) && taken.insert(t).second)
                out.push_back(t);
        }
        return out;
    }

private:
    std::size_t m_size;
    std::uint64_t m_seed;
};

} // namespace

std::unique_ptr<Ranker> makeCosineRanker(std::string name, Matrix vectors)
{
    return std::make_unique<CosineRanker>(std::move(name), std::move(vectors));
}

std::unique_ptr<Ranker> makePopularityRanker(std::vector<std::size_t> listeners)
{
    return std::make_unique<PopularityRanker>(std::move(listeners));
}

std::unique_ptr<Ranker> makeRandomRanker(std::size_t catalogSize, std::uint64_t seed)
{
    return std::make_unique<RandomRanker>(catalogSize, seed);
}

} // namespace gdbm::rec
