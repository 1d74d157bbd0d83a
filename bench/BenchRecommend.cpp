// Recommendation speed on a large catalog (issue: recommendations). Prints a table; not a test.
//
//   bench-recommend [--tracks 1000000] [--users 100000]
//
// The app's default model is trained on a 10,000-track demo catalog and embeds a --tracks demo
// catalog (top layer); --users listeners are simulated on it. (A barely trained model would
// map thousands of songs to nearly one direction: every user's top 10 a near-tie, which the
// batch path resolves exactly but slowly, and which no user of the app sees.) Then: the top 10
// for one user (the app's interactive case, best of 20 runs), and the top 10 for every user
// with the screened batch recommender, with peak memory. The peer in the same run: the
// straightforward per-user loop (every song scored, then a partial sort) on a sample of users,
// whose lists the batch's must equal: the same songs in the same order with the same scores.
#include "core/Isa.h"
#include "data/DemoCatalog.h"
#include "model/Model.h"
#include "rec/BatchRecommender.h"
#include "rec/CatalogEmbedding.h"
#include "sim/Simulator.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <sys/resource.h>
#include <tbb/info.h>

using namespace gdbm;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

std::size_t option(int argc, char** argv, const char* name, std::size_t fallback)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0)
            return std::stoull(argv[i + 1]);
    }
    return fallback;
}

long peakMemoryMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

} // namespace

int main(int argc, char** argv)
{
    gdbm::relaunchForRequestedIsa(argv); // GDBM_ISA: before any work starts
    const std::size_t tracks = option(argc, argv, "--tracks", 1'000'000);
    const std::size_t users = option(argc, argv, "--users", 100'000);
    std::printf("bench-recommend: %zu tracks, %zu users, %d threads, %.*s\n", tracks, users,
                tbb::info::default_concurrency(), int(isaDescription().size()), isaDescription().data());

    model::TrainingParams params;
    const model::Model model = model::trainModel(data::generateDemoCatalog({10000, 1}), params).model;

    auto t = Clock::now();
    const data::Catalog catalog = data::generateDemoCatalog({tracks, 2});
    const rec::ScoringSpace embeddings =
        rec::makeScoringSpace(rec::embedCatalog(model, catalog, rec::EmbeddingKind::TopLayer));
    std::printf("  catalog and embeddings   %7.2f s  (%ld MB so far)\n", secondsSince(t), peakMemoryMb());

    t = Clock::now();
    sim::SimulationParams sp;
    sp.users = users;
    sp.thresholds = data::GenreThresholds::scaledFor(catalog.size());
    const sim::SimulationResult simulation = sim::simulate(catalog, sim::defaultArchetypes(), sp);
    std::vector<rec::UserHistory> histories;
    for (std::uint32_t u = 0; u < simulation.users.size(); ++u)
        histories.push_back(rec::historyOf(simulation, u, false));
    std::printf("  %zu listeners simulated  %7.2f s  (%ld MB so far)\n", histories.size(), secondsSince(t),
                peakMemoryMb());

    double best = 1e9;
    for (int run = 0; run < 20; ++run) {
        t = Clock::now();
        const auto top = rec::recommend(embeddings, histories[std::size_t(run)], {10, 3});
        best = std::min(best, secondsSince(t));
    }
    std::printf("  one user's top 10        %7.1f ms  (with explanations; best of 20)\n", best * 1000);

    const std::size_t sample = std::min<std::size_t>(2000, histories.size());
    std::vector<std::vector<rec::Recommendation>> peerLists(sample);
    t = Clock::now();
    for (std::size_t u = 0; u < sample; ++u)
        peerLists[u] = rec::recommend(embeddings, histories[u], {10, 0});
    const double perUser = secondsSince(t) / double(sample);
    std::printf(
        "  peer: one user at a time %7.2f s  for all users (measured on %zu, extrapolated; %ld MB so far)\n",
        perUser * double(histories.size()), sample, peakMemoryMb());

    t = Clock::now();
    const auto all = rec::recommendAll(embeddings, histories, {});
    const double batch = secondsSince(t);
    std::printf("  every user's top 10      %7.2f s  (screened batch; %.1fx the peer; %.0f users/s)\n", batch,
                perUser * double(histories.size()) / batch, double(histories.size()) / batch);
    std::printf("  peak memory              %7ld MB\n", peakMemoryMb());

    std::size_t differing = 0;
    for (std::size_t u = 0; u < sample; ++u) {
        const auto& a = all[u];
        const auto& b = peerLists[u];
        const bool same = a.size() == b.size() &&
                          std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) {
                              return x.track == y.track && x.score == y.score;
                          });
        differing += same ? 0 : 1;
    }
    std::printf("  lists as the one-user path's: %s (%zu users compared, %zu differ)\n",
                differing == 0 ? "identical" : "DIFFERENT", sample, differing);
    return all.empty() || differing > 0 ? 1 : 0;
}
