#include "core/PauseGate.h"

namespace gdbm {

void PauseGate::pause()
{
    std::lock_guard lock(m_mutex);
    m_paused = true;
}

void PauseGate::resume()
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = false;
    }
    m_resumed.notify_all();
}

bool PauseGate::paused() const
{
    std::lock_guard lock(m_mutex);
    return m_paused;
}

void PauseGate::waitWhilePaused(const CancelFlag* cancel)
{
    std::unique_lock lock(m_mutex);
    if (!m_paused)
        return;
    const auto since = std::chrono::steady_clock::now();
    // A cancel does not notify this gate, so wake up now and then to look at the flag.
    constexpr auto kCancelPoll = std::chrono::milliseconds(20);
    while (m_paused && !(cancel && cancel->load(std::memory_order_relaxed)))
        m_resumed.wait_for(lock, kCancelPoll);
    m_pausedTime += std::chrono::steady_clock::now() - since;
}

std::chrono::steady_clock::duration PauseGate::pausedTime() const
{
    std::lock_guard lock(m_mutex);
    return m_pausedTime;
}

} // namespace gdbm
