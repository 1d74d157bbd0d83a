#include "rec/Rankers.h"

#include "core/Random.h"
#include "rec/MethodTable.h"

#include <algorithm>
#include <numeric>

namespace gdbm::rec {
namespace {

class CosineRanker : public Ranker
{
public:
    CosineRanker(std::string name, const Matrix& vectors, ScoringRule rule,
                 const std::vector<double>& weights)
        : m_name(std::move(name)), m_space(makeScoringSpace(vectors, weights)), m_rule(rule)
    {}
    std::string name() const override { return m_name; }
    void score(std::uint32_t, const UserHistory& history, std::span<double> scores) const override
    {
        const VectorD q = queryVector(m_space, history, m_rule);
        Eigen::Map<VectorD>(scores.data(), Eigen::Index(scores.size())).noalias() = m_space.directions * q;
    }
    void scoreUsers(std::span<const std::uint32_t>, std::span<const UserHistory* const> histories,
                    MatrixD& scores) const override
    {
        MatrixD queries(Eigen::Index(histories.size()), m_space.directions.cols());
        for (std::size_t i = 0; i < histories.size(); ++i)
            queries.row(Eigen::Index(i)) = queryVector(m_space, *histories[i], m_rule).transpose();
        scores.noalias() = queries * m_space.directions.transpose();
    }

private:
    std::string m_name;
    ScoringSpace m_space;
    ScoringRule m_rule;
};

class PopularityRanker : public Ranker
{
public:
    explicit PopularityRanker(std::vector<std::size_t> listeners) : m_listeners(std::move(listeners)) {}
    std::string name() const override { return std::string(methodInfo(Method::Popularity).key); }
    bool ranksNewTracks() const override { return false; }
    void score(std::uint32_t, const UserHistory&, std::span<double> scores) const override
    {
        for (std::size_t t = 0; t < scores.size(); ++t)
            scores[t] = double(m_listeners[t]);
    }

private:
    std::vector<std::size_t> m_listeners;
};

class RandomRanker : public Ranker
{
public:
    explicit RandomRanker(std::uint64_t seed) : m_seed(seed) {}
    std::string name() const override { return std::string(methodInfo(Method::Random).key); }
    void score(std::uint32_t user, const UserHistory&, std::span<double> scores) const override
    {
        CounterRng rng(m_seed, RandomPurpose::Baseline, user);
        for (double& s : scores)
            s = rng.uniform();
    }

private:
    std::uint64_t m_seed;
};

} // namespace

void Ranker::scoreUsers(std::span<const std::uint32_t> users, std::span<const UserHistory* const> histories,
                        MatrixD& scores) const
{
    for (std::size_t i = 0; i < users.size(); ++i)
        score(users[i], *histories[i],
              std::span(scores.row(Eigen::Index(i)).data(), std::size_t(scores.cols())));
}

std::vector<std::uint32_t> topTracks(std::span<const double> scores, const UserHistory& history,
                                     std::size_t k, const std::vector<std::uint32_t>& candidates)
{
    std::vector<std::uint32_t> pool;
    if (candidates.empty()) {
        pool.resize(scores.size());
        std::iota(pool.begin(), pool.end(), std::uint32_t(0));
    } else {
        pool = candidates;
    }
    std::erase_if(pool, [&](std::uint32_t t) {
        return std::binary_search(history.tracks.begin(), history.tracks.end(), t);
    });
    const std::size_t n = std::min(k, pool.size());
    std::partial_sort(pool.begin(), pool.begin() + long(n), pool.end(),
                      [&](std::uint32_t a, std::uint32_t b) {
                          return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
                      });
    pool.resize(n);
    return pool;
}

std::unique_ptr<Ranker> makeCosineRanker(std::string name, const Matrix& vectors, ScoringRule rule,
                                         const std::vector<double>& unitWeights)
{
    return std::make_unique<CosineRanker>(std::move(name), vectors, rule, unitWeights);
}

std::unique_ptr<Ranker> makePopularityRanker(std::vector<std::size_t> listeners)
{
    return std::make_unique<PopularityRanker>(std::move(listeners));
}

std::unique_ptr<Ranker> makeRandomRanker(std::uint64_t seed)
{
    return std::make_unique<RandomRanker>(seed);
}

} // namespace gdbm::rec
