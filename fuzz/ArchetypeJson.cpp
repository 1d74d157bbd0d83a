#include "sim/ArchetypeJson.h"

#include "FuzzTargets.h"
#include "core/Error.h"

namespace gdbm::fuzz {

void archetypeJson(std::string_view bytes)
{
    try {
        const sim::ArchetypeSet set = sim::archetypesFromJson(std::string(bytes), "fuzz.json");
        set.problems();
    } catch (const InputError&) {
    }
}

} // namespace gdbm::fuzz
