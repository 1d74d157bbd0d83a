#pragma once

#include "core/Types.h"

#include <optional>
#include <string_view>
#include <vector>

namespace gdbm::rec {

using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using VectorD = Eigen::Matrix<double, Eigen::Dynamic, 1>;

// How a user's history scores a song (HYBRID.md section 4). Both split exactly into one term
// per history song, which is what "because you played" shows.
enum class ScoringRule {
    HistoryMean, // cosine between the song and the weighted mean of the history's vectors
    MeanCosine,  // the weighted mean of the cosines between the song and each history song
};
inline constexpr ScoringRule kDefaultScoringRule = ScoringRule::MeanCosine; // measured: see docs/MODEL.md

std::string_view scoringRuleKey(ScoringRule rule); // "history-mean", "mean-cosine"
std::string_view scoringRuleLabel(ScoringRule rule);
std::optional<ScoringRule> scoringRuleFromKey(std::string_view key);

// Song vectors prepared for cosine scoring: every unit centred by its catalog mean and divided by
// its catalog standard deviation, units that do not vary (standard deviation below 1e-9 of the
// largest) dropped, all in double. A DBM's top layer has units that barely vary between songs:
// raw, every cosine rounds to 1 and the ranking is rounding noise; centred and scaled, each
// unit's variation counts.
// Ensures: vectors has the embeddings' rows; directions holds each row scaled to unit length
// (a zero row stays zero and scores 0 with everything).
struct ScoringSpace
{
    MatrixD vectors;
    MatrixD directions;
    Eigen::Index droppedUnits = 0;
    // How an embedding becomes a vector: the kept units, each minus offset and times scale.
    std::vector<Eigen::Index> keptUnits;
    VectorD offset;
    VectorD scale;

    Eigen::Index songs() const { return vectors.rows(); }
};

// `unitWeights` (one per column, or empty for all 1) multiply the standardized units, for vectors
// made of blocks that should weigh alike (TagFeatures.h's audioAndTags).
ScoringSpace makeScoringSpace(const Matrix& embeddings, const std::vector<double>& unitWeights = {});

// The direction another embedding of a song (one row, the embeddings' width) takes in the space,
// prepared as the space's own rows were: for scoring a song inferred differently.
VectorD directionOf(const ScoringSpace& space, const Matrix& embedding);

} // namespace gdbm::rec
