#pragma once

#include "core/Progress.h"
#include "data/Catalog.h"

#include <cstdint>

namespace gdbm::data {

struct DemoCatalogParams
{
    std::size_t tracks = 10000;
    std::uint64_t seed = 1;
};

// The built-in demo catalog: a seeded, synthetic catalog in the Exportify schema whose feature
// distributions, correlations, years, popularity, artists and genres resemble the real
// "Top 10000 Spotify Songs" data closely enough that all 12 default archetypes find tracks.
// Ensures: the same params give the same catalog; isSynthetic() is true and label() says so;
// all 14 features are available.
Catalog generateDemoCatalog(const DemoCatalogParams& params, const ProgressCallback& progress = {},
                            const CancelFlag* cancel = nullptr);

} // namespace gdbm::data
