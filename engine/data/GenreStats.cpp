#include "data/GenreStats.h"

#include <algorithm>
#include <cmath>

namespace gdbm::data {
namespace {

constexpr double kReferenceCatalogSize = 10000.0;

} // namespace

GenreThresholds GenreThresholds::scaledFor(std::size_t catalogSize)
{
    const GenreThresholds reference;
    const double scale = std::min(1.0, double(catalogSize) / kReferenceCatalogSize);
    GenreThresholds scaled;
    scaled.nicheAtMost =
        std::max<std::size_t>(1, std::size_t(std::lround(double(reference.nicheAtMost) * scale)));
    scaled.commonAbove = std::max<std::size_t>(
        scaled.nicheAtMost, std::size_t(std::lround(double(reference.commonAbove) * scale)));
    return scaled;
}

bool GenreStats::isCommon(GenreId g) const
{
    return std::binary_search(common.begin(), common.end(), g);
}

bool GenreStats::isNiche(GenreId g) const
{
    return std::binary_search(niche.begin(), niche.end(), g);
}

GenreStats computeGenreStats(const Catalog& catalog, const GenreThresholds& thresholds)
{
    GenreStats stats;
    stats.countByGenre.assign(catalog.genreNames().size(), 0);
    for (const Track& track : catalog.tracks()) {
        for (GenreId g : track.genres)
            ++stats.countByGenre[g];
    }
    for (GenreId g = 0; g < stats.countByGenre.size(); ++g) {
        if (stats.countByGenre[g] > 0)
            stats.byCount.push_back({g, stats.countByGenre[g]});
    }
    std::sort(stats.byCount.begin(), stats.byCount.end(), [&](const GenreCount& a, const GenreCount& b) {
        if (a.tracks != b.tracks)
            return a.tracks > b.tracks;
        return catalog.genreName(a.genre) < catalog.genreName(b.genre);
    });
    applyThresholds(stats, thresholds);
    return stats;
}

void applyThresholds(GenreStats& stats, const GenreThresholds& thresholds)
{
    stats.thresholds = thresholds;
    stats.common.clear();
    stats.niche.clear();
    for (GenreId g = 0; g < stats.countByGenre.size(); ++g) {
        const std::size_t n = stats.countByGenre[g];
        if (n == 0)
            continue;
        if (n > thresholds.commonAbove)
            stats.common.push_back(g);
        else if (n <= thresholds.nicheAtMost)
            stats.niche.push_back(g);
    }
}

} // namespace gdbm::data
