#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace gdbm {

// What a stream of random numbers is used for. Part of every stream's key, so that two uses
// never share numbers even with the same seed and indices.
enum class RandomPurpose : std::uint32_t {
    DemoCatalog = 1,
    Simulation = 2,
    Holdout = 3,
    Initialization = 4,
    Shuffle = 5,
    Sampling = 6,
    ChainStart = 7,
    Validation = 8,
    Baseline = 9,
    NewTracks = 10,        // which heard tracks become new in the new-tracks protocol
    ListeningFactors = 11, // the random test matrix of the listening coding's range finder
};

// A counter-based generator (Philox4x32-10): the numbers of a stream are a pure function of
// (seed, purpose, a, b, c) and the position in the stream, never of a shared sequential state.
// Any thread can open the stream for (epoch, batch, row) and get the same numbers, which is
// what makes parallel work bit-identical whatever the thread count.
class CounterRng
{
public:
    CounterRng(std::uint64_t seed, RandomPurpose purpose, std::uint64_t a = 0, std::uint64_t b = 0,
               std::uint32_t c = 0);

    std::uint32_t nextU32();
    std::uint64_t nextU64();
    // Uniform in [0, 1), 53 random bits.
    double uniform();
    // Uniform in [0, 1) as float with 24 random bits; for bulk sampling in the model.
    float uniformFloat();
    // Uniform integer in [0, n); n > 0. Unbiased (Lemire's method).
    std::uint64_t below(std::uint64_t n);
    // Uniform in [lo, hi).
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // Standard normal (Box-Muller, both values used).
    double normal();
    // n uniform floats in (0, 1): (k + 0.5) / 2^24 for 24 random bits k, never 0 or 1. Uses whole
    // generator blocks: the fast path for bulk sampling.
    void fillUniform(float* out, std::size_t n);
    bool bernoulli(double p) { return uniform() < p; }

private:
    void refill();

    std::array<std::uint32_t, 2> m_key;
    std::array<std::uint32_t, 4> m_counter;
    std::array<std::uint32_t, 4> m_block{};
    int m_used = 4;
    double m_spareNormal = 0.0;
    bool m_hasSpare = false;
};

// Philox4x32-10 on 16 blocks at once, one lane per block, laid out so that the compiler
// vectorises the rounds at whatever width the build targets: lane l's counter
// (c0[l], c1[l], c2[l], c3[l]) is replaced by its output block under the key.
struct PhiloxLanes
{
    static constexpr std::size_t kLanes = 16;
    std::array<std::uint32_t, kLanes> c0, c1, c2, c3;
};
void philoxLanes(PhiloxLanes& lanes, std::array<std::uint32_t, 2> key);

// The Philox key of the stream family (seed, purpose, a): CounterRng's streams use it with
// their counter (b, c, block).
std::array<std::uint32_t, 2> philoxKey(std::uint64_t seed, RandomPurpose purpose, std::uint64_t a);

// A uniform float in (0, 1) from 24 of a word's bits: (k + 0.5) / 2^24, never 0 or 1.
inline float unitFloat(std::uint32_t word)
{
    return (float(word >> 8) + 0.5f) * 0x1.0p-24f;
}

// A well-mixed 64-bit hash step (SplitMix64's finaliser), for deriving keys and seeds.
std::uint64_t mix64(std::uint64_t x);

} // namespace gdbm
