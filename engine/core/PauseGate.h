#pragma once

#include "core/Progress.h"

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace gdbm {

// Lets a caller pause a long job between two of its steps and resume it later: the job calls
// waitWhilePaused() where it checks its cancel flag, and blocks there while paused. Time spent
// paused is counted so that the job's own clocks (elapsed time, samples per second) can leave
// it out. Thread-safe; pause() and resume() come from any thread.
class PauseGate
{
public:
    void pause();
    void resume();
    bool paused() const;

    // Returns at once when not paused; otherwise blocks until resume(), or until *cancel turns
    // true (polled, since whoever cancels does not know about this gate).
    void waitWhilePaused(const CancelFlag* cancel);

    // Total time any caller spent blocked in waitWhilePaused().
    std::chrono::steady_clock::duration pausedTime() const;

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_resumed;
    bool m_paused = false;
    std::chrono::steady_clock::duration m_pausedTime{};
};

} // namespace gdbm
