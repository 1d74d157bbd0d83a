#pragma once

#include "rec/TrainingInteractions.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace gdbm::rec {

struct ItemKnnParams
{
    std::size_t neighbours = 50; // kept per track; 0 keeps every track it co-occurs with
    bool operator==(const ItemKnnParams&) const = default;
};

// Item-based collaborative filtering for implicit feedback (Sarwar, Karypis, Konstan & Riedl,
// "Item-based collaborative filtering recommendation algorithms", WWW 2001; Deshpande & Karypis,
// "Item-based top-N recommendation algorithms", ACM TOIS 22(1), 2004):
//   sim(i, j) = |U_i n U_j| / sqrt(|U_i| |U_j|)   (cosine of the binary listener vectors),
//   each track i keeps its `neighbours` most similar tracks j != i with sim > 0 (ties: lower j),
//   score(t) = sum over history tracks h of sim(h, t), for t among h's kept neighbours.
// Requires valid interactions (checkInteractions). Ensures: the same inputs give the same model
// whatever the thread count; tracks nobody heard have no neighbours and score 0.
class ItemKnn
{
public:
    ItemKnn(const TrainingInteractions& interactions, const ItemKnnParams& params);

    // Overwrites scores (size catalogSize) with every track's score for a history of distinct
    // catalog tracks. History tracks get scores too; callers exclude them from the ranking.
    void score(const std::vector<std::uint32_t>& history, std::span<double> scores) const;

    const ItemKnnParams& params() const { return m_params; }
    std::size_t catalogSize() const { return m_offsets.size() - 1; }

    // Track i's kept neighbours (sorted by decreasing similarity, ties by lower index) and their
    // similarities.
    std::span<const std::uint32_t> neighboursOf(std::uint32_t track) const;
    std::span<const double> similaritiesOf(std::uint32_t track) const;

private:
    ItemKnnParams m_params;
    // The truncated similarity matrix, one row per track, in compressed sparse row form.
    std::vector<std::size_t> m_offsets;
    std::vector<std::uint32_t> m_neighbours;
    std::vector<double> m_similarities;
};

} // namespace gdbm::rec
