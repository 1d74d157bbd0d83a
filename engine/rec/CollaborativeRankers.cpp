#include "rec/CollaborativeRankers.h"

#include "core/Text.h"
#include "rec/BaselineTuning.h"
#include "rec/ImplicitAls.h"
#include "rec/ItemKnn.h"
#include "rec/MethodTable.h"

namespace gdbm::rec {
namespace {

std::string formatted(double value)
{
    return text::formatDouble(value);
}

class ItemKnnRanker : public Ranker
{
public:
    ItemKnnRanker(const TrainingInteractions& training, const TunedItemKnn& tuned)
        : m_model(training, tuned.best), m_validationNdcg(tuned.validationNdcg)
    {}
    std::string name() const override { return std::string(methodInfo(Method::ItemKnn).key); }
    bool ranksNewTracks() const override { return false; }
    std::map<std::string, std::string> settings() const override
    {
        const std::size_t n = m_model.params().neighbours;
        return {{"neighbours", n == 0 ? "all" : std::to_string(n)},
                {"validation_ndcg", formatted(m_validationNdcg)}};
    }
    void score(std::uint32_t, const UserHistory& history, std::span<double> scores) const override
    {
        m_model.score(history.tracks, scores);
    }

private:
    ItemKnn m_model;
    double m_validationNdcg;
};

class ImplicitMfRanker : public Ranker
{
public:
    ImplicitMfRanker(const TrainingInteractions& training, const TunedAls& tuned, const CancelFlag* cancel)
        : m_model(training, tuned.best, cancel), m_validationNdcg(tuned.validationNdcg)
    {}
    std::string name() const override { return std::string(methodInfo(Method::ImplicitMf).key); }
    bool ranksNewTracks() const override { return false; }
    std::map<std::string, std::string> settings() const override
    {
        const AlsParams& p = m_model.params();
        return {{"rank", std::to_string(p.rank)},
                {"alpha", formatted(p.alpha)},
                {"lambda", formatted(p.lambda)},
                {"iterations", std::to_string(p.iterations)},
                {"validation_ndcg", formatted(m_validationNdcg)}};
    }
    // The user's factor was fitted to their training tracks (the history passed in is the same).
    void score(std::uint32_t user, const UserHistory&, std::span<double> scores) const override
    {
        m_model.score(user, scores);
    }

private:
    ImplicitAls m_model;
    double m_validationNdcg;
};

} // namespace

TrainingInteractions trainingInteractions(const std::vector<std::vector<std::uint32_t>>& tracksOfUser,
                                          std::size_t catalogSize)
{
    return {catalogSize, tracksOfUser};
}

std::unique_ptr<Ranker> makeItemKnnRanker(const TrainingInteractions& training, std::uint64_t seed)
{
    return std::make_unique<ItemKnnRanker>(training, tuneItemKnn(training, seed));
}

std::unique_ptr<Ranker> makeImplicitMfRanker(const TrainingInteractions& training, std::uint64_t seed,
                                             const CancelFlag* cancel)
{
    return std::make_unique<ImplicitMfRanker>(training, tuneImplicitAls(training, seed, cancel), cancel);
}

} // namespace gdbm::rec
