#include "core/Random.h"

#include <cmath>
#include <numbers>

namespace gdbm {
namespace {

// 128-bit products for unbiased bounded integers; __extension__ keeps -Wpedantic quiet.
__extension__ using Uint128 = unsigned __int128;

constexpr std::uint32_t kPhiloxM0 = 0xD2511F53u;
constexpr std::uint32_t kPhiloxM1 = 0xCD9E8D57u;
constexpr std::uint32_t kPhiloxW0 = 0x9E3779B9u;
constexpr std::uint32_t kPhiloxW1 = 0xBB67AE85u;

inline void philoxRound(std::array<std::uint32_t, 4>& ctr, const std::array<std::uint32_t, 2>& key)
{
    const std::uint64_t p0 = std::uint64_t(kPhiloxM0) * ctr[0];
    const std::uint64_t p1 = std::uint64_t(kPhiloxM1) * ctr[2];
    const auto hi0 = std::uint32_t(p0 >> 32), lo0 = std::uint32_t(p0);
    const auto hi1 = std::uint32_t(p1 >> 32), lo1 = std::uint32_t(p1);
    ctr = {hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0};
}

} // namespace

std::array<std::uint32_t, 2> philoxKey(std::uint64_t seed, RandomPurpose purpose, std::uint64_t a)
{
    const std::uint64_t key = mix64(mix64(seed) ^ (std::uint64_t(purpose) << 32) ^ mix64(a));
    return {std::uint32_t(key), std::uint32_t(key >> 32)};
}

void philoxLanes(PhiloxLanes& lanes, std::array<std::uint32_t, 2> key)
{
    auto& [c0, c1, c2, c3] = lanes;
    std::uint32_t k0 = key[0], k1 = key[1];
    for (int round = 0; round < 10; ++round) {
        for (std::size_t l = 0; l < PhiloxLanes::kLanes; ++l) {
            const std::uint64_t p0 = std::uint64_t(kPhiloxM0) * c0[l];
            const std::uint64_t p1 = std::uint64_t(kPhiloxM1) * c2[l];
            const std::uint32_t n0 = std::uint32_t(p1 >> 32) ^ c1[l] ^ k0;
            const std::uint32_t n2 = std::uint32_t(p0 >> 32) ^ c3[l] ^ k1;
            c1[l] = std::uint32_t(p1);
            c3[l] = std::uint32_t(p0);
            c0[l] = n0;
            c2[l] = n2;
        }
        k0 += kPhiloxW0;
        k1 += kPhiloxW1;
    }
}

std::uint64_t mix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

CounterRng::CounterRng(std::uint64_t seed, RandomPurpose purpose, std::uint64_t a, std::uint64_t b,
                       std::uint32_t c)
{
    m_key = philoxKey(seed, purpose, a);
    // The last counter word counts blocks within the stream.
    m_counter = {std::uint32_t(b), std::uint32_t(b >> 32), c, 0};
}

void CounterRng::refill()
{
    std::array<std::uint32_t, 4> ctr = m_counter;
    std::array<std::uint32_t, 2> key = m_key;
    for (int round = 0; round < 10; ++round) {
        philoxRound(ctr, key);
        key[0] += kPhiloxW0;
        key[1] += kPhiloxW1;
    }
    m_block = ctr;
    ++m_counter[3];
    m_used = 0;
}

std::uint32_t CounterRng::nextU32()
{
    if (m_used == 4)
        refill();
    return m_block[m_used++];
}

std::uint64_t CounterRng::nextU64()
{
    const std::uint64_t hi = nextU32();
    return (hi << 32) | nextU32();
}

double CounterRng::uniform()
{
    return double(nextU64() >> 11) * 0x1.0p-53;
}

float CounterRng::uniformFloat()
{
    return float(nextU32() >> 8) * 0x1.0p-24f;
}

std::uint64_t CounterRng::below(std::uint64_t n)
{
    // Lemire's nearly-divisionless method on 64 bits via 128-bit products.
    std::uint64_t x = nextU64();
    Uint128 m = static_cast<Uint128>(x) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            x = nextU64();
            m = static_cast<Uint128>(x) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

void CounterRng::fillUniform(float* out, std::size_t n)
{
    // Leftover words of the current block first, then whole blocks straight from the counter.
    std::size_t i = 0;
    for (; i < n && m_used < 4; ++i)
        out[i] = unitFloat(m_block[m_used++]);
    constexpr std::size_t kLanes = PhiloxLanes::kLanes;
    std::array<std::uint32_t, 4 * kLanes> words;
    while (i < n) {
        PhiloxLanes lanes;
        for (std::size_t l = 0; l < kLanes; ++l) {
            lanes.c0[l] = m_counter[0];
            lanes.c1[l] = m_counter[1];
            lanes.c2[l] = m_counter[2];
            lanes.c3[l] = m_counter[3] + std::uint32_t(l);
        }
        philoxLanes(lanes, m_key);
        for (std::size_t l = 0; l < kLanes; ++l) {
            words[4 * l] = lanes.c0[l];
            words[4 * l + 1] = lanes.c1[l];
            words[4 * l + 2] = lanes.c2[l];
            words[4 * l + 3] = lanes.c3[l];
        }
        const std::size_t take = std::min(n - i, words.size());
        for (std::size_t w = 0; w < take; ++w)
            out[i + w] = unitFloat(words[w]);
        i += take;
        // Blocks consumed: every whole one, and a partly used last one is kept for later calls.
        const std::size_t usedBlocks = (take + 3) / 4;
        if (take % 4 != 0) {
            const std::size_t last = usedBlocks - 1;
            m_block = {words[4 * last], words[4 * last + 1], words[4 * last + 2], words[4 * last + 3]};
            m_used = int(take % 4);
        }
        m_counter[3] += std::uint32_t(usedBlocks);
    }
}

double CounterRng::normal()
{
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spareNormal;
    }
    double u1 = uniform();
    while (u1 <= 0.0)
        u1 = uniform();
    const double u2 = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 2.0 * std::numbers::pi * u2;
    m_spareNormal = radius * std::sin(angle);
    m_hasSpare = true;
    return radius * std::cos(angle);
}

} // namespace gdbm
