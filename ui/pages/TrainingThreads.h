#pragma once

#include <functional>

namespace gdbm::ui {

// The Training page's "threads" setting, kept out of the Qt files: oneTBB's headers must not
// follow Qt's (see ARCHITECTURE.md, threads), and this file includes no Qt at all.

// How many threads "automatic" means on this machine.
int availableThreads();

// Runs `work` on the calling thread with the engine's parallel loops limited to `threads`
// worker threads (0: all cores). The limit is a task arena, so it holds for this job only and
// not for other jobs running at the same time. Exceptions from `work` pass through.
void runWithThreads(int threads, const std::function<void()>& work);

} // namespace gdbm::ui
