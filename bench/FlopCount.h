#pragma once

#include "model/Model.h"
#include "model/TrainingParams.h"

#include <cstddef>
#include <vector>

// Multiply-adds of the training algorithm (MODEL.md sections 3-5), counted from the matrix
// products it performs, for the benchmark's GFLOP/s (1 multiply-add = 2 flops). Element-wise
// work (sigmoids, sampling) is not counted: the figure is comparable with a GEMM rate.
namespace gdbm::bench {

struct MacCount
{
    double pretraining = 0; // the CD updates, and each layer's training rows pushed up to the next
    double fineTuning = 0;  // mean-field, Gibbs chains, statistics
    double monitoring = 0;  // the reconstruction errors: every epoch's, and those measured once
    double total() const { return pretraining + fineTuning + monitoring; }
};

// trainRows, monitoredRows and validationRows as the trainer uses them.
MacCount countMacs(std::size_t features, const model::TrainingParams& p, std::size_t trainRows,
                   std::size_t monitoredRows, std::size_t validationRows);

// The same for a trained hybrid (HYBRID.md; pretraining only, as its default is not fine-tuned),
// its dense products only: the sparse ones (binary data in the positive phase, sampled listening
// in the negative one) are a small part of its work. Per training row of each epoch, a block of
// layer 1 makes the reconstruction's product; the Gaussian block also the data's and the
// reconstruction's hidden units, both statistics and the z terms' two; a binary block
// reconstructed by its means the reconstruction's hidden units and its statistic. Each layer
// above is dense: five products. The curves: each epoch's monitored and validation songs
// reconstructed (up, dense for the Gaussian block only, and down).
MacCount countHybridMacs(const model::Model& hybrid);

} // namespace gdbm::bench
