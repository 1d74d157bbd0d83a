#pragma once

#include "model/Dbm.h"
#include "model/Rbm.h"
#include "model/TrainingContext.h"

#include <vector>

namespace gdbm::model {

struct PretrainResult
{
    Dbm dbm; // the stack composed into a DBM (valid when !stopped)
    std::vector<Rbm> rbms;
    bool stopped = false; // cancelled or the observer asked to stop
};

// Greedy layer-wise pretraining (MODEL.md section 3): a Gaussian-Bernoulli RBM on the data,
// then Bernoulli RBMs on the mean activations of the layer below, with CD-k, weight decay,
// elementwise clipping, z clamped and learned at its own rate, optional weight doubling.
// Reports every epoch of every layer: layerRelativeError of that layer on its own input (for a
// conditional top layer, Architecture::topConditions, on the inputs it is not given).
// Throws TrainingDiverged on a non-finite value.
PretrainResult pretrain(TrainingContext& context);

// Composes trained RBMs into a DBM: weights as they are; a hidden layer's bias is its RBM's
// hidden bias, plus, with weight doubling, the visible bias of the RBM above it.
Dbm composeDbm(const std::vector<Rbm>& rbms, bool weightDoubling);

// How well one RBM reconstructs its input (up to hidden probabilities, back to the visible
// mean): the squared error divided by the input's squared deviation from its column means, so
// that 1.0 is "no better than predicting the mean" on every layer. 1 for a constant input.
double layerRelativeError(const Rbm& rbm, const Matrix& input);

// What the relative errors divide by: the input's squared deviation from its column means, in
// all and per column. A layer's inputs do not change while it trains, so pretraining works it
// out once per layer instead of once per epoch.
struct InputSpread
{
    double total = 0;
    Eigen::RowVectorXd columns;
};
InputSpread inputSpread(const Matrix& input);
double layerRelativeError(const Rbm& rbm, const Matrix& input, const InputSpread& spread);

// The same for groups of visible columns at once (a multimodal layer 1's modalities), from one
// reconstruction: per group, its squared error and its spread about the column means. The
// layer's error is the sum of the errors over the sum of the spreads.
struct GroupSums
{
    std::vector<double> error;
    std::vector<double> spread;

    double relative(std::size_t group) const;
    double overall() const;
};
GroupSums groupErrors(const Rbm& rbm, const Matrix& input, const InputSpread& spread,
                      const std::vector<ColumnRange>& groups);

} // namespace gdbm::model
