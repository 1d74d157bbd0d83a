#include "sim/SimulationImport.h"

#include "FuzzTargets.h"
#include "ScratchFile.h"
#include "core/Error.h"
#include "data/DemoCatalog.h"

namespace gdbm::fuzz {

void simulationImport(std::string_view bytes)
{
    static const data::Catalog catalog = data::generateDemoCatalog({kSimulationCatalogTracks, 1});
    static ScratchFile interactions("interaction_data.csv");
    static ScratchFile profiles("user_profiles.csv");
    const std::size_t cut = bytes.find(kFileSeparator);
    const std::string_view first = bytes.substr(0, cut);
    const std::string_view second =
        cut == std::string_view::npos ? std::string_view() : bytes.substr(cut + kFileSeparator.size());
    try {
        sim::importSimulation(interactions.write(first), profiles.write(second), catalog);
    } catch (const InputError&) {
    }
}

} // namespace gdbm::fuzz
