#pragma once

#include "model/TrainingProgress.h"

#include <mutex>
#include <utility>
#include <vector>

namespace gdbm::ui {

// Hands epoch statistics from the training thread to the GUI without flooding it: the engine's
// observer push()es every epoch (cheap, never blocks for long), and the GUI take()s whatever
// arrived on its own timer, so the GUI's work per second is bounded by its timer, not by how
// fast epochs finish. Thread-safe.
class EpochBuffer
{
public:
    void push(const model::EpochStats& stats)
    {
        std::lock_guard lock(m_mutex);
        m_pending.push_back(stats);
    }

    // Everything pushed since the last take, oldest first.
    std::vector<model::EpochStats> take()
    {
        std::lock_guard lock(m_mutex);
        return std::exchange(m_pending, {});
    }

private:
    std::mutex m_mutex;
    std::vector<model::EpochStats> m_pending;
};

} // namespace gdbm::ui
