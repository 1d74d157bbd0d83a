#include "pages/TrainingThreads.h"

#include <cerrno>
#include <sys/resource.h>
#include <tbb/info.h>
#include <tbb/task_arena.h>
#include <tbb/task_scheduler_observer.h>
#include <unistd.h>

namespace gdbm::ui {
namespace {

// Training is background work: its threads yield to the GUI thread (and to the user's other
// programs) whenever those want the CPU, so the window stays responsive on a busy machine.
// A nice value only changes who runs first, never the results.
constexpr int kBackgroundNice = 10;

int niceOf(pid_t thread)
{
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, id_t(thread));
    return errno == 0 ? nice : kBackgroundNice;
}

// Every thread that works in the arena (the job's own and oneTBB's workers) is moved to
// background priority when it joins. It is not moved back when it leaves: Linux does not let an
// ordinary user raise a thread's priority again, so oneTBB's workers stay in the background for
// the app's later engine jobs too, which is where the app's engine work belongs anyway.
class BackgroundPriority : public tbb::task_scheduler_observer
{
public:
    explicit BackgroundPriority(tbb::task_arena& arena) : tbb::task_scheduler_observer(arena)
    {
        observe(true);
    }
    ~BackgroundPriority() override { observe(false); }

    void on_scheduler_entry(bool) override
    {
        const pid_t self = ::gettid();
        if (niceOf(self) < kBackgroundNice)
            ::setpriority(PRIO_PROCESS, id_t(self), kBackgroundNice);
    }
    void on_scheduler_exit(bool) override {}
};

} // namespace

int availableThreads()
{
    return tbb::info::default_concurrency();
}

void runWithThreads(int threads, const std::function<void()>& work)
{
    tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
    arena.initialize();
    BackgroundPriority background(arena);
    arena.execute(work);
}

} // namespace gdbm::ui
