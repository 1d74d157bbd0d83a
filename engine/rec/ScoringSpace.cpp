#include "rec/ScoringSpace.h"

#include <array>
#include <cmath>

namespace gdbm::rec {
namespace {

struct RuleNames
{
    std::string_view key;
    std::string_view label;
};

constexpr std::array<RuleNames, 2> kRules = {{
    {"history-mean", "cosine with the history's mean"},
    {"mean-cosine", "mean cosine with each history song"},
}};

} // namespace

std::string_view scoringRuleKey(ScoringRule rule)
{
    return kRules[static_cast<std::size_t>(rule)].key;
}

std::string_view scoringRuleLabel(ScoringRule rule)
{
    return kRules[static_cast<std::size_t>(rule)].label;
}

std::optional<ScoringRule> scoringRuleFromKey(std::string_view key)
{
    for (std::size_t i = 0; i < kRules.size(); ++i) {
        if (kRules[i].key == key)
            return static_cast<ScoringRule>(i);
    }
    return std::nullopt;
}

ScoringSpace makeScoringSpace(const Matrix& embeddings, const std::vector<double>& unitWeights)
{
    const MatrixD raw = embeddings.cast<double>();
    const Eigen::Index n = raw.rows();
    ScoringSpace space;
    if (n == 0 || raw.cols() == 0) {
        space.vectors = MatrixD::Zero(n, 0);
        space.directions = space.vectors;
        space.droppedUnits = raw.cols();
        return space;
    }
    const Eigen::RowVectorXd mean = raw.colwise().mean();
    const Eigen::RowVectorXd sd =
        ((raw.rowwise() - mean).array().square().colwise().sum() / double(n)).sqrt();
    // A unit is constant when its spread is negligible next to the widest unit's: float noise.
    const double widest = sd.maxCoeff();
    std::vector<Eigen::Index> kept;
    for (Eigen::Index j = 0; j < raw.cols(); ++j) {
        if (sd(j) > 1e-9 * widest && sd(j) > 0.0)
            kept.push_back(j);
    }
    space.droppedUnits = raw.cols() - Eigen::Index(kept.size());
    space.vectors.resize(n, Eigen::Index(kept.size()));
    space.offset.resize(Eigen::Index(kept.size()));
    space.scale.resize(Eigen::Index(kept.size()));
    for (std::size_t c = 0; c < kept.size(); ++c) {
        const Eigen::Index j = kept[c];
        const double weight = unitWeights.empty() ? 1.0 : unitWeights[std::size_t(j)];
        space.offset(Eigen::Index(c)) = mean(j);
        space.scale(Eigen::Index(c)) = weight / sd(j);
        space.vectors.col(Eigen::Index(c)) = weight * (raw.col(j).array() - mean(j)) / sd(j);
    }
    space.keptUnits = std::move(kept);
    space.directions = space.vectors;
    for (Eigen::Index i = 0; i < n; ++i) {
        const double norm = space.vectors.row(i).norm();
        if (norm > 0.0)
            space.directions.row(i) /= norm;
    }
    return space;
}

VectorD directionOf(const ScoringSpace& space, const Matrix& embedding)
{
    VectorD v(Eigen::Index(space.keptUnits.size()));
    for (std::size_t c = 0; c < space.keptUnits.size(); ++c) {
        const auto i = Eigen::Index(c);
        v(i) = (double(embedding(0, space.keptUnits[c])) - space.offset(i)) * space.scale(i);
    }
    const double norm = v.norm();
    if (norm > 0.0)
        v /= norm;
    return v;
}

} // namespace gdbm::rec
