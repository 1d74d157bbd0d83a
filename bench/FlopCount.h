#pragma once

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

} // namespace gdbm::bench
