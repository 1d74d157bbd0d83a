#pragma once

#include "core/Types.h"
#include "model/Sampling.h"
#include "model/UnitLayout.h"

namespace gdbm::model {

// One restricted Boltzmann machine of the pretraining stack (MODEL.md section 3): Gaussian
// visible units with learned log-variance z (the bottom layer), or Bernoulli visible units
// (every layer above). A multimodal bottom layer (HYBRID.md) has both: Gaussian units first,
// binary units after them, and block-diagonal weights (one block per modality), which makes it
// one independent RBM per modality. upFactor and downFactor are 2 where weight doubling applies.
struct Rbm
{
    Matrix weights; // visible x hidden
    Vector visibleBias;
    Vector hiddenBias;
    Vector logVariance;            // learned for the Gaussian visible units only; zero for the binary ones
    std::size_t gaussianCount = 0; // visible units [0, gaussianCount) are Gaussian, the rest binary
    BlockList blocks;              // empty: dense weights
    Scalar upFactor = 1;
    Scalar downFactor = 1;

    std::size_t visibleCount() const { return std::size_t(weights.rows()); }
    std::size_t hiddenCount() const { return std::size_t(weights.cols()); }
    bool hasGaussian() const { return gaussianCount > 0; }
    // Every parameter but the weights (the pretraining's update checks those as it writes them).
    bool biasesFinite() const;

    // V / sigma^2 for a Gaussian RBM, V itself otherwise.
    Matrix scaled(const Matrix& v) const;
    // p(h = 1 | v), rows are samples.
    Matrix hiddenProbabilities(const Matrix& v) const;
    // The visible mean given h: b + down h W^T, through the sigmoid for Bernoulli units.
    Matrix visibleMean(const Matrix& h) const;
};

// Sums (not means) of the CD-k gradient terms of section 3 over a chunk of rows, ready to be
// added in a fixed order and divided by the batch size. The pretraining keeps only the biases'
// here (weights empty): it takes the weights' statistics tile by tile as it steps them.
struct RbmGradient
{
    Matrix weights;
    Vector visibleBias;
    Vector hiddenBias;
    Vector logVariance;

    static RbmGradient zerosLike(const Rbm& rbm);
    static RbmGradient biasesLike(const Rbm& rbm);
    // Zero again, for the next batch; the weights only inside the blocks (outside, nothing ever
    // adds to them).
    void setZero(const BlockList& blocks);
    // += other, the weights only inside the blocks.
    void add(const RbmGradient& other, const BlockList& blocks);
};

// Adds sign * (one phase's statistics) to out, as sums over rows: <s h^T> with s = V / sigma^2
// (V for Bernoulli units), <(v - b) / sigma^2>, <h>, and for Gaussian units the z term
// exp(-z) * <0.5 (v - b)^2 - v (h W^T)>. h holds hidden probabilities (or samples).
void accumulateStatistics(const Rbm& rbm, const Matrix& v, const Matrix& h, Scalar sign, RbmGradient& out);
// The same but the weights' <s h^T>.
void accumulateBiasStatistics(const Rbm& rbm, const Matrix& v, const Matrix& h, Scalar sign,
                              RbmGradient& out);

// How CD's negative phase treats some of a layer's input columns (the rest are sampled).
struct NegativePhaseColumns
{
    // Kept at their data: CD of the conditional distribution of the other visible units given
    // these (their visible-bias terms cancel).
    std::vector<ColumnRange> given = {};
    // Reconstructed by their mean (a probability, or a Gaussian's b + W h) instead of a
    // sample of it, as Hinton's practical guide (section 3.2) advises for visible units: less
    // noise in the negative statistics, the same expectation.
    std::vector<ColumnRange> means = {};
};

// CD-k on the chunk `v` (rows firstRow.. of the batch), adding data minus model terms to `out`.
// Every column's draws are taken whatever `columns` says, so the other units' draws do not
// depend on which columns are given or kept at their means.
void accumulateCdGradient(const Rbm& rbm, const Matrix& v, int k, RowStreams& streams, RbmGradient& out,
                          const NegativePhaseColumns& columns = {});

// CD-k's chain from the chunk `v`: the data's hidden probabilities, and the reconstruction after
// k steps with its hidden probabilities (what accumulateCdGradient takes its statistics from).
struct CdChain
{
    Matrix positiveHidden;
    Matrix negativeVisible;
    Matrix negativeHidden;
};
CdChain runCdChain(const Rbm& rbm, const Matrix& v, int k, RowStreams& streams,
                   const NegativePhaseColumns& columns = {});

// Initial weights: uniform in +-scale * sqrt(6 / (visible + hidden)) (Glorot's limit; per block,
// of the block's own size, zero outside the blocks), biases and z zero.
Rbm initialRbm(std::size_t visible, std::size_t hidden, std::size_t gaussianCount, std::uint64_t seed,
               std::size_t layer, double scale = 1.0, const BlockList& blocks = {});

// How strongly a started unit follows its visible unit: on with probability sigm(3) = 0.95 when
// the visible unit is on, sigm(-3) = 0.05 when off.
inline constexpr Scalar kUnitStartWeight = 6;

// Starts block `b` of `rbm` with its k-th hidden unit on its k-th visible unit (for k below the
// smaller of its sizes): kUnitStartWeight added to that weight and half of it taken from the
// unit's bias. Sparse binary inputs (the hybrid's tags, hundreds of artists of five songs each)
// then each have a unit of their own from the start, which a random start and a few thousand
// CD updates do not carve out (docs/MODEL.md section 10, "The tag units' start").
void startUnitsOnInputs(Rbm& rbm, const WeightBlock& b);

} // namespace gdbm::model
