#pragma once

#include "data/Catalog.h"
#include "rec/Recommender.h"
#include "rec/TrainingInteractions.h"

#include <map>
#include <string>
#include <vector>

namespace gdbm::rec {

struct InteractionHistories
{
    std::map<long long, UserHistory> users; // by user_id; weights = the user's mean rating of the track
    std::size_t unknownTracks = 0;          // interactions naming tracks the catalog lacks (skipped)
    std::size_t interactions = 0;           // interactions read
};

// Reads interaction_data.csv (user_id, track_id, and rating if present) into per-user
// histories against a catalog. A malformed user id or a rating outside 1..5 (what the
// simulation writes) is an InputError naming the file, line, column and field; a track the
// catalog lacks is skipped and counted.
InteractionHistories readInteractionHistories(const std::string& path, const data::Catalog& catalog);

// Who heard what in the file, for the hybrid's listening modality: one user per user_id in
// increasing order, named "user:ID".
NamedInteractions listeningOf(const InteractionHistories& histories, std::size_t catalogSize);

} // namespace gdbm::rec
