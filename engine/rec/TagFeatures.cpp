#include "rec/TagFeatures.h"

#include <cmath>
#include <map>

namespace gdbm::rec {

namespace {

// The tag vocabulary: each genre with enough tracks, then each decade present, with the column
// of every genre (SIZE_MAX: too few tracks) and decade.
struct Vocabulary
{
    std::vector<std::string> names;
    std::vector<std::size_t> genreColumn;
    std::map<int, std::size_t> decadeColumn;
};

Vocabulary vocabulary(const data::Catalog& catalog, std::size_t minTagTracks)
{
    std::vector<std::size_t> tracksPerGenre(catalog.genreNames().size(), 0);
    std::map<int, std::size_t> decades;
    for (const data::Track& t : catalog.tracks()) {
        for (data::GenreId g : t.genres)
            ++tracksPerGenre[g];
        if (t.year != 0)
            ++decades[t.year / 10 * 10];
    }
    Vocabulary v;
    v.genreColumn.assign(catalog.genreNames().size(), SIZE_MAX);
    for (std::size_t g = 0; g < tracksPerGenre.size(); ++g) {
        if (tracksPerGenre[g] >= minTagTracks) {
            v.genreColumn[g] = v.names.size();
            v.names.push_back("genre:" + catalog.genreName(data::GenreId(g)));
        }
    }
    for (const auto& [decade, count] : decades) {
        v.decadeColumn[decade] = v.names.size();
        v.names.push_back("decade:" + std::to_string(decade) + "s");
    }
    return v;
}

} // namespace

std::vector<std::string> tagNames(const data::Catalog& catalog, std::size_t minTagTracks)
{
    return vocabulary(catalog, minTagTracks).names;
}

TagFeatures tagFeatures(const data::Catalog& catalog, std::size_t minTagTracks)
{
    Vocabulary v = vocabulary(catalog, minTagTracks);
    TagFeatures tags;
    tags.indicators = Matrix::Zero(Eigen::Index(catalog.size()), Eigen::Index(v.names.size()));
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        const data::Track& t = catalog.track(i);
        for (data::GenreId g : t.genres) {
            if (v.genreColumn[g] != SIZE_MAX)
                tags.indicators(Eigen::Index(i), Eigen::Index(v.genreColumn[g])) = 1.0f;
        }
        if (t.year != 0)
            tags.indicators(Eigen::Index(i), Eigen::Index(v.decadeColumn.at(t.year / 10 * 10))) = 1.0f;
    }
    tags.names = std::move(v.names);
    return tags;
}

WeightedColumns audioAndTags(const Matrix& standardizedFeatures, const TagFeatures& tags)
{
    WeightedColumns out;
    const Eigen::Index f = standardizedFeatures.cols(), g = tags.indicators.cols();
    out.columns.resize(standardizedFeatures.rows(), f + g);
    out.columns.leftCols(f) = standardizedFeatures;
    out.columns.rightCols(g) = tags.indicators;
    // Standardized units have variance 1 each: a block of n units has total variance n, so
    // 1/sqrt(n) per unit gives each block a total of 1.
    out.unitWeights.assign(std::size_t(f), f > 0 ? 1.0 / std::sqrt(double(f)) : 0.0);
    out.unitWeights.resize(std::size_t(f + g), g > 0 ? 1.0 / std::sqrt(double(g)) : 0.0);
    return out;
}

} // namespace gdbm::rec
