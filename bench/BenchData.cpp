// Load and simulation throughput (issue: foundation). Prints a table; not a test.
//
//   bench-data [--tracks 100000] [--users 100000] [--seed 1]
//
// 1. generate the demo catalog, 2. write it as an Exportify CSV, 3. load that CSV back (and
// run Python's csv module on the same file as a peer), 4. simulate the users. Then the
// interactive case: a 10,000-track file loaded and 1,000 users simulated.
#include "core/AtomicFile.h"
#include "data/DatasetLoader.h"
#include "data/DemoCatalog.h"
#include "data/ExportifyWriter.h"
#include "sim/Simulator.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <tbb/info.h>

using namespace gdbm;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Runs the Python peer on the file and returns its seconds, or a negative value if it failed.
double peerLoadSeconds(const std::string& csv)
{
    const std::string command =
        std::string("/usr/bin/python3 ") + GDBM_BENCH_DIR + "/peer_csv_load.py '" + csv + "'";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return -1;
    char buffer[256] = {};
    const bool read = std::fgets(buffer, sizeof buffer, pipe) != nullptr;
    pclose(pipe);
    const char* at = read ? std::strstr(buffer, "\"seconds\": ") : nullptr;
    return at ? std::atof(at + 11) : -1;
}

struct Measured
{
    double generate = 0, write = 0, load = 0, simulate = 0, peerLoad = -1;
    std::size_t tracks = 0, interactions = 0, users = 0, bytes = 0;
};

Measured measure(std::size_t tracks, std::size_t users, std::uint64_t seed, bool withPeer)
{
    Measured m;
    auto t = Clock::now();
    const data::Catalog demo = data::generateDemoCatalog({tracks, seed});
    m.generate = secondsSince(t);

    const std::string csv = (std::filesystem::temp_directory_path() / "gdbm-bench-catalog.csv").string();
    t = Clock::now();
    writeFileAtomically(csv, [&](std::ostream& out) { data::writeExportifyCsv(demo, out); });
    m.write = secondsSince(t);
    m.bytes = std::filesystem::file_size(csv);

    t = Clock::now();
    const data::Catalog loaded = data::loadDataset({csv});
    m.load = secondsSince(t);
    m.tracks = loaded.size();
    if (withPeer)
        m.peerLoad = peerLoadSeconds(csv);
    std::filesystem::remove(csv);

    sim::SimulationParams params;
    params.users = users;
    params.seed = seed;
    params.thresholds = data::GenreThresholds::scaledFor(loaded.size());
    t = Clock::now();
    const sim::SimulationResult result = sim::simulate(loaded, sim::defaultArchetypes(), params);
    m.simulate = secondsSince(t);
    m.interactions = result.interactions.size();
    m.users = result.users.size();
    return m;
}

void report(const char* title, const Measured& m)
{
    std::printf("\n%s\n", title);
    std::printf("  generate demo catalog  %8.3f s  (%zu tracks)\n", m.generate, m.tracks);
    std::printf("  write Exportify CSV    %8.3f s  (%.1f MB)\n", m.write, double(m.bytes) / 1e6);
    std::printf("  load CSV               %8.3f s  (%.0f tracks/s, %.1f MB/s)\n", m.load,
                double(m.tracks) / m.load, double(m.bytes) / 1e6 / m.load);
    if (m.peerLoad > 0)
        std::printf("  peer: Python csv       %8.3f s  (the engine takes %.2fx its time)\n", m.peerLoad,
                    m.load / m.peerLoad);
    std::printf("  simulate               %8.3f s  (%zu users, %zu interactions, %.0f interactions/s)\n",
                m.simulate, m.users, m.interactions, double(m.interactions) / m.simulate);
    std::printf("  load + simulate        %8.3f s\n", m.load + m.simulate);
}

std::size_t argument(int argc, char** argv, const char* name, std::size_t fallback)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == name)
            return std::size_t(std::strtoull(argv[i + 1], nullptr, 10));
    }
    return fallback;
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t tracks = argument(argc, argv, "--tracks", 100000);
    const std::size_t users = argument(argc, argv, "--users", 100000);
    const std::uint64_t seed = argument(argc, argv, "--seed", 1);
    std::printf("bench-data: %d threads\n", tbb::info::default_concurrency());
    report("Large: demo catalog and simulation", measure(tracks, users, seed, true));
    report("Interactive: 10,000-track file, 1,000 users", measure(10000, 1000, seed, true));
    return 0;
}
