#pragma once

#include "sim/Simulator.h"

#include <array>
#include <cstdint>
#include <vector>

namespace gdbm::sim {

// The tracks that pass a user's preferences, in catalog order: a bitmap with the count of
// tracks before each word, so that drawing the i-th one costs a binary search instead of a list
// written out (a mood listener's set can hold 300,000 tracks of a 1,000,000-track catalog, of
// which the user plays 60).
class CandidateSet
{
public:
    CandidateSet() = default;
    static CandidateSet allOf(std::size_t tracks); // every track of the catalog
    explicit CandidateSet(std::vector<std::uint64_t> bits);

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    std::uint32_t operator[](std::size_t i) const; // the i-th track in catalog order; i < size()

private:
    bool m_all = false;
    std::size_t m_size = 0;
    std::vector<std::uint64_t> m_bits;
    std::vector<std::uint32_t> m_before; // set bits in the words before each word
};

// Where a user's candidates can come from without scanning the whole catalog: tracks sorted by
// each attribute that a range preference uses (tracks lacking the value left out), and tracks
// per genre and per artist. A user's candidates are checked from the smallest such slice.
class CandidateIndex
{
public:
    // `users`: one user of each group of equal preferences.
    CandidateIndex(const data::Catalog& catalog, const std::vector<const User*>& users);

    CandidateSet candidates(const std::vector<UserPreference>& prefs) const;

private:
    void coSortSharedRanges(const std::vector<const User*>& users);
    bool markFromCoSorted(const std::vector<UserPreference>& prefs,
                          std::vector<std::uint64_t>& passing) const;
    double value(std::uint32_t track, Attribute a) const
    {
        return m_values[static_cast<std::size_t>(a)][track];
    }
    bool passesEvery(const std::vector<UserPreference>& prefs, std::uint32_t t) const;
    void sortBy(Attribute a, std::vector<std::uint32_t>& sorted) const;
    std::pair<std::size_t, std::size_t> sliceBounds(const UserPreference& p) const;
    std::size_t sliceSize(const UserPreference& p) const;

    const data::Catalog& m_catalog;
    std::array<std::vector<double>, kAttributeCount> m_values; // by track, for range attributes
    std::array<std::vector<std::uint32_t>, kAttributeCount> m_sorted;
    // [a][b]: attribute b's values in attribute a's sorted order (coSortSharedRanges).
    std::array<std::array<std::vector<double>, kAttributeCount>, kAttributeCount> m_coSorted;
    std::vector<std::vector<std::uint32_t>> m_byGenre;
    std::vector<std::vector<std::uint32_t>> m_byArtist;
};

} // namespace gdbm::sim
