#include "rec/ItemKnn.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace gdbm::rec {
namespace {

struct Neighbour
{
    std::uint32_t track;
    double similarity;
};

} // namespace

ItemKnn::ItemKnn(const TrainingInteractions& interactions, const ItemKnnParams& params) : m_params(params)
{
    checkInteractions(interactions);
    const std::size_t tracks = interactions.catalogSize;
    const auto listeners = listenersOfTracks(interactions);

    // Row i of the co-occurrence matrix is the sum of the track lists of i's listeners: a sparse
    // product that costs sum over users of |tracks|^2, not tracks^2. Each row depends only on
    // the inputs, so rows can be built in any order on any thread.
    std::vector<std::vector<Neighbour>> rows(tracks);
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, tracks), [&](const tbb::blocked_range<std::size_t>& r) {
            std::vector<std::uint32_t> coCount(tracks, 0);
            std::vector<std::uint32_t> touched;
            for (std::size_t i = r.begin(); i != r.end(); ++i) {
                touched.clear();
                for (std::uint32_t u : listeners[i]) {
                    for (std::uint32_t j : interactions.tracksOfUser[u]) {
                        if (j != i && coCount[j]++ == 0)
                            touched.push_back(j);
                    }
                }
                std::vector<Neighbour>& row = rows[i];
                row.reserve(touched.size());
                const double ni = double(listeners[i].size());
                for (std::uint32_t j : touched) {
                    row.push_back({j, double(coCount[j]) / std::sqrt(ni * double(listeners[j].size()))});
                    coCount[j] = 0;
                }
                const auto better = [](const Neighbour& a, const Neighbour& b) {
                    return a.similarity != b.similarity ? a.similarity > b.similarity : a.track < b.track;
                };
                const std::size_t keep =
                    params.neighbours == 0 ? row.size() : std::min(params.neighbours, row.size());
                std::partial_sort(row.begin(), row.begin() + std::ptrdiff_t(keep), row.end(), better);
                row.resize(keep);
                row.shrink_to_fit();
            }
        });

    m_offsets.assign(tracks + 1, 0);
    for (std::size_t i = 0; i < tracks; ++i)
        m_offsets[i + 1] = m_offsets[i] + rows[i].size();
    m_neighbours.reserve(m_offsets.back());
    m_similarities.reserve(m_offsets.back());
    for (auto& row : rows) {
        for (const Neighbour& n : row) {
            m_neighbours.push_back(n.track);
            m_similarities.push_back(n.similarity);
        }
        std::vector<Neighbour>().swap(row);
    }
}

std::span<const std::uint32_t> ItemKnn::neighboursOf(std::uint32_t track) const
{
    return {m_neighbours.data() + m_offsets.at(track), m_offsets.at(track + 1) - m_offsets[track]};
}

std::span<const double> ItemKnn::similaritiesOf(std::uint32_t track) const
{
    return {m_similarities.data() + m_offsets.at(track), m_offsets.at(track + 1) - m_offsets[track]};
}

void ItemKnn::score(const std::vector<std::uint32_t>& history, std::span<double> scores) const
{
    if (scores.size() != catalogSize())
        throw std::invalid_argument("item-kNN: the scores must have one entry per catalog track");
    std::fill(scores.begin(), scores.end(), 0.0);
    // Summed in history order: the same history always gives the same bits.
    for (std::uint32_t h : history) {
        if (h >= catalogSize())
            throw std::invalid_argument("item-kNN: a history track is not in the catalog");
        for (std::size_t n = m_offsets[h]; n < m_offsets[h + 1]; ++n)
            scores[m_neighbours[n]] += m_similarities[n];
    }
}

} // namespace gdbm::rec
