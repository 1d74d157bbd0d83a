#pragma once

#include "core/Types.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace gdbm::model {

// Rows are processed in chunks of this many: the unit of parallel work, and of the fixed-order
// reductions that make results independent of the thread count.
inline constexpr std::size_t kChunkRows = 64;

// The order in which an epoch visits the training rows: a permutation keyed by (seed, phase,
// layer, epoch), cut into mini-batches.
std::vector<std::uint32_t> epochOrder(std::size_t rows, std::uint64_t seed, std::uint64_t key);

// Copies the rows order[begin, end) of data into out.
void gatherRows(const Matrix& data, const std::vector<std::uint32_t>& order, std::size_t begin,
                std::size_t end, Matrix& out);

// Calls work(chunk, firstRow, rowCount) for every chunk of `rows` rows, in parallel (oneTBB).
void forEachChunk(std::size_t rows, const std::function<void(std::size_t, std::size_t, std::size_t)>& work);

// Calls work(task) for task in [0, tasks), in parallel (oneTBB).
void forEachTask(std::size_t tasks, const std::function<void(std::size_t)>& work);

// Calls work(begin, end) on ranges covering [0, count), in parallel (oneTBB) when count is over
// `grain`, else once on this thread. Only for work whose result does not depend on the split
// (each index's own entries): a hybrid's weight updates between batches.
void forEachRange(std::size_t count, std::size_t grain,
                  const std::function<void(std::size_t, std::size_t)>& work);

// Rows of a weight matrix per task of such work: about 64k weights, so that only a hybrid's
// wide layers are split (an audio-only layer's update is a few microseconds of work).
inline std::size_t rowsPerTask(Eigen::Index cols)
{
    return std::max<std::size_t>(1, std::size_t(65536 / std::max<Eigen::Index>(1, cols)));
}

inline std::size_t chunkCount(std::size_t rows)
{
    return (rows + kChunkRows - 1) / kChunkRows;
}

// The curves' errors are summed over chunks of this many rows. Each chunk's products pack the
// weights anew, so chunks must not be small; but the 1,000 validation songs of a 10,000-song
// catalog were one chunk of 1,024, measured by one thread while the others waited. With 512 the
// default hybrid trained in 0.91 of the time and the reference configuration in 0.93 (medians
// of paired runs); 256 was no faster than 512.
inline constexpr std::size_t kMonitorChunkRows = 512;

// Sum over rows of a per-row error, computed in parallel over fixed chunks of `chunkRows`
// and added in chunk order.
double sumOverRowChunks(std::size_t rows, std::size_t chunkRows,
                        const std::function<double(std::size_t begin, std::size_t end)>& partial);

} // namespace gdbm::model
