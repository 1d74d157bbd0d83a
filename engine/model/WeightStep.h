#pragma once

#include "core/Types.h"
#include "model/Rbm.h"

#include <cstddef>
#include <vector>

namespace gdbm::model {

// One chunk's two CD phases as the weights' statistics read them: the visible rows scaled by
// their precision (Rbm::scaled) and their hidden probabilities, and for each block of the layer
// (one for a dense layer) whether each phase's visible rows are read as sparse.
struct ChunkPhases
{
    Matrix positiveVisible;
    Matrix positiveHidden;
    Matrix negativeVisible;
    Matrix negativeHidden;
    std::vector<char> positiveSparse;
    std::vector<char> negativeSparse;
};

// The phases of the chunk `data` from its CD chain (which it takes apart).
ChunkPhases chunkPhases(const Rbm& rbm, const Matrix& data, CdChain&& chain);

// The momentum step of Hinton's practical guide (section 9) on every weight inside the blocks:
// velocity = momentum * velocity + rowRates(i) * clip(scale * g - decay * w); w += velocity,
// where g sums <s h^T>_data - <s h^T>_model over the first `chunks` chunks, in their order.
struct MomentumStep
{
    Scalar scale = 1; // 1 / batch size
    Scalar momentum = 0;
    Scalar decay = 0;
    Scalar clip = 0;
};

// Whether a layer is stepped from its chunks' phases tile by tile (more than one tile of 16k
// weights) or from its chunks' summed statistics (a small layer: each chunk's statistics are
// then a few microseconds of work in the chunk's own task, in parallel, and one serial pass
// steps them).
bool stepsByTiles(const Rbm& rbm);

// Takes g tile by tile (64 KB of weights each) and steps the tile while it is in cache: a
// hybrid's first layer has half a million weights, and summing each chunk's statistics over
// the whole matrix, adding the chunks and then stepping made three passes over memory per
// batch. A tile's statistics add the chunks in order, whichever thread takes it, so the result
// does not depend on the thread count. False if a weight or a statistic is not finite.
bool stepWeights(Rbm& rbm, const std::vector<ChunkPhases>& phases, std::size_t chunks,
                 const MomentumStep& step, const Vector& rowRates, Matrix& velocity);

// The same step from g = `sum`, the chunks' statistics already added (inside the blocks).
bool stepWeights(Rbm& rbm, const Matrix& sum, const MomentumStep& step, const Vector& rowRates,
                 Matrix& velocity);

} // namespace gdbm::model
