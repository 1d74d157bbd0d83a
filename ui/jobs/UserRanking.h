#pragma once

#include "core/Progress.h"
#include "jobs/EmbeddingCache.h"
#include "rec/ModalityExplanation.h"
#include "rec/Recommender.h"
#include "sim/Simulator.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace gdbm::ui {

// What the Recommendations page ranks: one user of a simulation, in one embedding snapshot.
struct RankingRequest
{
    std::shared_ptr<const EmbeddingSnapshot> snapshot;
    std::shared_ptr<const sim::SimulationResult> simulation;
    std::uint32_t user = 0;
    std::size_t top = 10;

    bool operator==(const RankingRequest&) const = default;
};

// A user's top N with a hybrid's notes (which songs are new, what each modality adds), and how
// long they took. Computed from shared read-only inputs, so any thread may compute it.
struct UserRanking
{
    RankingRequest request;
    rec::UserHistory history;
    std::vector<rec::Recommendation> top;
    std::vector<bool> isNew;                             // hybrid only
    std::vector<std::vector<rec::ModalityShare>> shares; // hybrid only
    bool flat = false; // the scores barely differ: the embedding hardly varies between songs
    double milliseconds = 0.0;
};

// Requires: request.snapshot and request.simulation set, request.user one of its users.
// Throws gdbm::Cancelled when *cancel is set during a hybrid's explanation.
UserRanking rankUser(const RankingRequest& request, std::size_t reasons, const CancelFlag* cancel = nullptr);

} // namespace gdbm::ui
