#include "core/GemmRate.h"

#include "core/Types.h"

#include <algorithm>
#include <chrono>
#include <tbb/parallel_for.h>
#include <vector>

namespace gdbm {

double measureGemmRate(int threads)
{
    using Clock = std::chrono::steady_clock;
    constexpr int n = 1024, reps = 4;
    std::vector<double> seconds(std::size_t(threads), 0);
    tbb::parallel_for(0, threads, [&](int t) {
        const Matrix a = Matrix::Random(n, n), b = Matrix::Random(n, n);
        Matrix c(n, n);
        c.noalias() = a * b; // warm up
        const auto start = Clock::now();
        for (int r = 0; r < reps; ++r)
            c.noalias() = a * b;
        seconds[std::size_t(t)] = std::chrono::duration<double>(Clock::now() - start).count();
    });
    const double slowest = *std::max_element(seconds.begin(), seconds.end());
    return 2.0 * n * n * double(n) * reps * threads / slowest / 1e9;
}

} // namespace gdbm
