#pragma once

#include "core/PauseGate.h"
#include "core/Progress.h"
#include "core/Types.h"
#include "model/TrainingParams.h"
#include "model/TrainingProgress.h"
#include "model/UnitLayout.h"

#include <chrono>
#include <vector>

namespace gdbm::model {

// How many training songs the per-epoch curve reports on (see TrainingContext::monitored).
inline constexpr std::size_t kMonitoredRows = 2048;

// What both training phases share: the data, the settings, the observer, the cancel flag and
// pause gate, the clock, and the curves collected so far.
struct TrainingContext
{
    const Matrix& train;
    const Matrix& validation;
    // The training songs whose reconstruction error is reported each epoch: all of them up to
    // kMonitoredRows, else an evenly spaced subset (the curve is the same shape at a fraction
    // of the cost; the final error is over every training song).
    const Matrix& monitored;
    const TrainingParams& params;
    const EpochObserver& observer;
    const CancelFlag* cancel = nullptr;
    PauseGate* pause = nullptr;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::vector<EpochStats> curves;
    // The DBM's shape; audio-only training leaves it empty (params.layers, all Gaussian, dense).
    Architecture architecture;
    Monitoring monitoring = Monitoring::Curves;

    bool measuresCurves() const { return monitoring == Monitoring::Curves; }

    // Called between mini-batches: waits here while paused, then says whether to stop.
    bool cancelled() const
    {
        if (pause)
            pause->waitWhilePaused(cancel);
        return cancel && cancel->load(std::memory_order_relaxed);
    }
    // Seconds since training started, not counting time spent paused.
    double elapsedSeconds() const
    {
        auto running = std::chrono::steady_clock::now() - started;
        if (pause)
            running -= pause->pausedTime();
        return std::chrono::duration<double>(running).count();
    }
    // Records the epoch and asks the observer; true means stop.
    bool report(const EpochStats& stats)
    {
        curves.push_back(stats);
        return observer && observer(stats);
    }
};

} // namespace gdbm::model
