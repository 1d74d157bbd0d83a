#include "sim/CandidateIndex.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <tuple>

namespace gdbm::sim {
namespace {

// Users who draw their ranges (mood listeners) each have their own preferences, so their
// candidates are computed once per user: checking a slice of one attribute's order against the
// other ranges by looking each track up is a cache miss per track and check. For a set of range
// attributes that many groups use, every other attribute of the set is also stored in each
// one's sorted order, and the check streams through contiguous memory instead.
constexpr std::size_t kGroupsToCoSort = 64;

// The range attributes of preferences made only of ranges (two or more), else 0.
std::uint32_t rangeMask(const std::vector<UserPreference>& prefs)
{
    std::uint32_t mask = 0;
    for (const UserPreference& p : prefs) {
        if (p.kind != UserPreference::Kind::Range)
            return 0; // genres or artists: checked by looking tracks up
        mask |= std::uint32_t(1) << static_cast<std::uint32_t>(p.attribute);
    }
    return std::popcount(mask) >= 2 ? mask : 0;
}

} // namespace

CandidateSet CandidateSet::allOf(std::size_t tracks)
{
    CandidateSet set;
    set.m_all = true;
    set.m_size = tracks;
    return set;
}

CandidateSet::CandidateSet(std::vector<std::uint64_t> bits) : m_bits(std::move(bits))
{
    m_before.reserve(m_bits.size());
    for (std::uint64_t word : m_bits) {
        m_before.push_back(std::uint32_t(m_size));
        m_size += std::size_t(std::popcount(word));
    }
}

std::uint32_t CandidateSet::operator[](std::size_t i) const
{
    if (m_all)
        return std::uint32_t(i);
    // The last word with fewer than i + 1 tracks before it holds the i-th.
    const auto after = std::upper_bound(m_before.begin(), m_before.end(), std::uint32_t(i));
    const auto w = std::size_t(after - m_before.begin()) - 1;
    std::uint64_t word = m_bits[w];
    for (std::size_t skip = i - m_before[w]; skip > 0; --skip)
        word &= word - 1;
    return std::uint32_t(w * 64 + std::size_t(std::countr_zero(word)));
}

CandidateIndex::CandidateIndex(const data::Catalog& catalog, const std::vector<const User*>& users)
    : m_catalog(catalog)
{
    m_byGenre.resize(catalog.genreNames().size());
    m_byArtist.resize(catalog.artistNames().size());
    for (std::size_t t = 0; t < catalog.size(); ++t) {
        for (data::GenreId g : catalog.track(t).genres)
            m_byGenre[g].push_back(std::uint32_t(t));
        for (data::ArtistId a : catalog.track(t).artists)
            m_byArtist[a].push_back(std::uint32_t(t));
    }
    for (const User* user : users) {
        for (const UserPreference& p : user->preferences) {
            const auto a = static_cast<std::size_t>(p.attribute);
            if (p.kind != UserPreference::Kind::Range || !m_values[a].empty())
                continue;
            m_values[a].resize(catalog.size());
            for (std::size_t t = 0; t < catalog.size(); ++t)
                m_values[a][t] = attributeValue(catalog, t, p.attribute);
            sortBy(p.attribute, m_sorted[a]);
        }
    }
    coSortSharedRanges(users);
}

CandidateSet CandidateIndex::candidates(const std::vector<UserPreference>& prefs) const
{
    if (prefs.empty())
        return CandidateSet::allOf(m_catalog.size());
    // Mark the passing tracks in a bitmap, which is also catalog order: cheaper than sorting.
    std::vector<std::uint64_t> passing((m_catalog.size() + 63) / 64, 0);
    if (!markFromCoSorted(prefs, passing)) {
        // Check the tracks of the narrowest preference against all of them, reading its slice
        // where it lies (a genre's tracks, a range's stretch of the sorted order) without copying.
        const UserPreference* narrowest = &prefs.front();
        for (const UserPreference& p : prefs) {
            if (sliceSize(p) < sliceSize(*narrowest))
                narrowest = &p;
        }
        const auto mark = [&](std::uint32_t t) {
            if (passesEvery(prefs, t))
                passing[t / 64] |= std::uint64_t(1) << (t % 64);
        };
        switch (narrowest->kind) {
        case UserPreference::Kind::Range: {
            const auto& sorted = m_sorted[static_cast<std::size_t>(narrowest->attribute)];
            const auto [lo, hi] = sliceBounds(*narrowest);
            std::for_each(sorted.begin() + long(lo), sorted.begin() + long(hi), mark);
            break;
        }
        case UserPreference::Kind::Genres:
            for (data::GenreId g : narrowest->genres)
                std::for_each(m_byGenre[g].begin(), m_byGenre[g].end(), mark); // a track twice: same bit
            break;
        case UserPreference::Kind::Artist:
            std::for_each(m_byArtist[narrowest->artist].begin(), m_byArtist[narrowest->artist].end(), mark);
            break;
        }
    }
    return CandidateSet(std::move(passing));
}

void CandidateIndex::coSortSharedRanges(const std::vector<const User*>& users)
{
    std::map<std::uint32_t, std::size_t> groupsPerSet;
    for (const User* user : users) {
        if (const std::uint32_t mask = rangeMask(user->preferences))
            ++groupsPerSet[mask];
    }
    for (const auto& [mask, groups] : groupsPerSet) {
        if (groups < kGroupsToCoSort)
            continue;
        for (std::size_t a = 0; a < kAttributeCount; ++a) {
            for (std::size_t b = 0; b < kAttributeCount; ++b) {
                if (a == b || !(mask >> a & 1) || !(mask >> b & 1) || !m_coSorted[a][b].empty())
                    continue;
                m_coSorted[a][b].reserve(m_sorted[a].size());
                for (std::uint32_t t : m_sorted[a])
                    m_coSorted[a][b].push_back(m_values[b][t]);
            }
        }
    }
}

// Marks the tracks passing every preference, when all are ranges with co-sorted columns: streams
// the narrowest range's slice of its order. False (nothing marked) otherwise.
bool CandidateIndex::markFromCoSorted(const std::vector<UserPreference>& prefs,
                                      std::vector<std::uint64_t>& passing) const
{
    if (rangeMask(prefs) == 0)
        return false;
    std::size_t narrowest = 0, lo = 0, hi = 0;
    for (std::size_t i = 0; i < prefs.size(); ++i) {
        const auto [first, last] = sliceBounds(prefs[i]);
        if (i == 0 || last - first < hi - lo)
            std::tie(narrowest, lo, hi) = std::tuple(i, first, last);
    }
    const auto a = static_cast<std::size_t>(prefs[narrowest].attribute);
    std::vector<const UserPreference*> others;
    std::vector<const double*> columns;
    for (std::size_t i = 0; i < prefs.size(); ++i) {
        const auto b = static_cast<std::size_t>(prefs[i].attribute);
        if (i == narrowest)
            continue;
        if (b == a || m_coSorted[a][b].empty())
            return false;
        others.push_back(&prefs[i]);
        columns.push_back(m_coSorted[a][b].data());
    }
    // Without branches: about half the tracks pass, so a branch per track would be mispredicted
    // half the time; every track's bit is ORed in, 0 or 1.
    const std::vector<std::uint32_t>& order = m_sorted[a];
    for (std::size_t i = lo; i < hi; ++i) {
        int pass = 1;
        for (std::size_t k = 0; k < others.size(); ++k) {
            const double v = columns[k][i];
            pass &= int(v >= others[k]->min) & int(v <= others[k]->max);
        }
        passing[order[i] / 64] |= std::uint64_t(pass) << (order[i] % 64);
    }
    return true;
}

// passesAll, reading range attributes from the contiguous columns.
bool CandidateIndex::passesEvery(const std::vector<UserPreference>& prefs, std::uint32_t t) const
{
    for (const UserPreference& p : prefs) {
        if (p.kind == UserPreference::Kind::Range) {
            const double v = value(t, p.attribute);
            if (!(v >= p.min && v <= p.max))
                return false;
        } else if (!passes(p, m_catalog, t)) {
            return false;
        }
    }
    return true;
}

void CandidateIndex::sortBy(Attribute a, std::vector<std::uint32_t>& sorted) const
{
    // By value, ties in catalog order: sorting (value, track) pairs gives stable_sort's order
    // and reads contiguous memory instead of looking values up.
    std::vector<std::pair<double, std::uint32_t>> keyed;
    keyed.reserve(m_catalog.size());
    for (std::size_t t = 0; t < m_catalog.size(); ++t) {
        const double v = value(std::uint32_t(t), a);
        if (!std::isnan(v))
            keyed.emplace_back(v, std::uint32_t(t));
    }
    std::sort(keyed.begin(), keyed.end());
    sorted.reserve(keyed.size());
    for (const auto& [v, t] : keyed)
        sorted.push_back(t);
}

// Where a range preference's tracks lie in its attribute's order: [first, last).
std::pair<std::size_t, std::size_t> CandidateIndex::sliceBounds(const UserPreference& p) const
{
    const auto& sorted = m_sorted[static_cast<std::size_t>(p.attribute)];
    const auto lo = std::lower_bound(sorted.begin(), sorted.end(), p.min,
                                     [&](std::uint32_t t, double v) { return value(t, p.attribute) < v; });
    const auto hi = std::upper_bound(lo, sorted.end(), p.max,
                                     [&](double v, std::uint32_t t) { return v < value(t, p.attribute); });
    return {std::size_t(lo - sorted.begin()), std::size_t(hi - sorted.begin())};
}

// How many tracks the index holds for p: those passing it (a track of two of the genres counted
// twice).
std::size_t CandidateIndex::sliceSize(const UserPreference& p) const
{
    switch (p.kind) {
    case UserPreference::Kind::Range: {
        const auto [lo, hi] = sliceBounds(p);
        return hi - lo;
    }
    case UserPreference::Kind::Genres: {
        std::size_t size = 0;
        for (data::GenreId g : p.genres)
            size += m_byGenre[g].size();
        return size;
    }
    case UserPreference::Kind::Artist:
        return m_byArtist[p.artist].size();
    }
    return 0;
}

} // namespace gdbm::sim
