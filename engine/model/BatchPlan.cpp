#include "model/BatchPlan.h"

#include "core/Random.h"

#include <numeric>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

namespace gdbm::model {

std::vector<std::uint32_t> epochOrder(std::size_t rows, std::uint64_t seed, std::uint64_t key)
{
    std::vector<std::uint32_t> order(rows);
    std::iota(order.begin(), order.end(), std::uint32_t(0));
    CounterRng rng(seed, RandomPurpose::Shuffle, key);
    for (std::size_t i = rows; i > 1; --i)
        std::swap(order[i - 1], order[rng.below(i)]);
    return order;
}

void gatherRows(const Matrix& data, const std::vector<std::uint32_t>& order, std::size_t begin,
                std::size_t end, Matrix& out)
{
    out.resize(Eigen::Index(end - begin), data.cols());
    for (std::size_t r = begin; r < end; ++r)
        out.row(Eigen::Index(r - begin)) = data.row(Eigen::Index(order[r]));
}

void forEachChunk(std::size_t rows, const std::function<void(std::size_t, std::size_t, std::size_t)>& work)
{
    const std::size_t chunks = chunkCount(rows);
    forEachTask(chunks, [&](std::size_t c) {
        const std::size_t first = c * kChunkRows;
        work(c, first, std::min(kChunkRows, rows - first));
    });
}

void forEachTask(std::size_t tasks, const std::function<void(std::size_t)>& work)
{
    // A mini-batch has only a few chunks, each a few tens of microseconds of work: hand them
    // out to the threads up front instead of splitting and stealing on demand.
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, tasks, 1),
        [&](const tbb::blocked_range<std::size_t>& range) {
            for (std::size_t t = range.begin(); t != range.end(); ++t)
                work(t);
        },
        tbb::static_partitioner());
}

void forEachRange(std::size_t count, std::size_t grain,
                  const std::function<void(std::size_t, std::size_t)>& work)
{
    if (count <= grain) {
        work(0, count);
        return;
    }
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, count, grain),
        [&](const tbb::blocked_range<std::size_t>& range) { work(range.begin(), range.end()); });
}

double sumOverRowChunks(std::size_t rows, std::size_t chunkRows,
                        const std::function<double(std::size_t begin, std::size_t end)>& partial)
{
    const std::size_t chunks = (rows + chunkRows - 1) / chunkRows;
    std::vector<double> sums(chunks, 0.0);
    tbb::parallel_for(std::size_t(0), chunks, [&](std::size_t c) {
        sums[c] = partial(c * chunkRows, std::min(rows, (c + 1) * chunkRows));
    });
    return std::accumulate(sums.begin(), sums.end(), 0.0);
}

} // namespace gdbm::model
