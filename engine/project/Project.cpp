#include "project/Project.h"

namespace gdbm::project {
namespace {

class Fnv1a
{
public:
    void add(std::string_view bytes)
    {
        for (unsigned char c : bytes) {
            m_hash ^= c;
            m_hash *= 0x100000001b3ull;
        }
    }
    void add(std::uint64_t value)
    {
        for (int i = 0; i < 8; ++i) {
            m_hash ^= (value >> (8 * i)) & 0xFF;
            m_hash *= 0x100000001b3ull;
        }
    }
    std::uint64_t value() const { return m_hash; }

private:
    std::uint64_t m_hash = 0xcbf29ce484222325ull;
};

} // namespace

std::uint64_t catalogFingerprint(const data::Catalog& catalog)
{
    // Each identity is preceded by its length, so that no two lists of identities feed the
    // same bytes ("ab", "c" and "a", "bc" differ).
    Fnv1a hash;
    hash.add(std::uint64_t(catalog.size()));
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        const std::string identity = catalog.identity(i);
        hash.add(std::uint64_t(identity.size()));
        hash.add(std::string_view(identity));
    }
    return hash.value();
}

std::uint64_t simulationFingerprint(const sim::SimulationResult& simulation)
{
    // What a hybrid learns from it: who heard which track (and the seed, which tells two runs
    // with the same listening apart only when it should: a rerun with the same seed is the same).
    Fnv1a hash;
    hash.add(simulation.seed);
    hash.add(std::uint64_t(simulation.users.size()));
    hash.add(std::uint64_t(simulation.interactions.size()));
    for (const sim::Interaction& i : simulation.interactions)
        hash.add((std::uint64_t(i.user) << 32) | i.track);
    return hash.value();
}

} // namespace gdbm::project
