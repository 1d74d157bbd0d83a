#include "rec/TagFeatures.h"

#include <cmath>
#include <map>

namespace gdbm::rec {

namespace {

// Tracks per id, an id counted once per track that lists it (a genre, an artist; a file may name
// an artist twice for one track).
template <typename Ids>
std::vector<std::size_t> tracksPer(const data::Catalog& catalog, std::size_t ids, Ids idsOf)
{
    std::vector<std::size_t> count(ids, 0), lastTrack(ids, SIZE_MAX);
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        for (auto id : idsOf(catalog.track(i))) {
            if (lastTrack[id] != i)
                ++count[id];
            lastTrack[id] = i;
        }
    }
    return count;
}

// The tag vocabulary: each genre with enough tracks, then each decade present, then each artist
// with enough tracks, with the column of every genre and artist (SIZE_MAX: too few tracks) and
// decade.
struct Vocabulary
{
    std::vector<std::string> names;
    std::vector<std::size_t> genreColumn;
    std::map<int, std::size_t> decadeColumn;
    std::vector<std::size_t> artistColumn;
};

// Columns for the ids with at least minTracks tracks, named by `name`, appended to v.names.
template <typename Name>
std::vector<std::size_t> columnsFor(const std::vector<std::size_t>& tracks, std::size_t minTracks,
                                    Vocabulary& v, Name name)
{
    std::vector<std::size_t> column(tracks.size(), SIZE_MAX);
    for (std::size_t id = 0; id < tracks.size(); ++id) {
        if (tracks[id] >= minTracks) {
            column[id] = v.names.size();
            v.names.push_back(name(id));
        }
    }
    return column;
}

Vocabulary vocabulary(const data::Catalog& catalog, std::size_t minTagTracks)
{
    Vocabulary v;
    const auto genres = tracksPer(
        catalog, catalog.genreNames().size(), [](const data::Track& t) -> const auto& { return t.genres; });
    v.genreColumn = columnsFor(genres, minTagTracks, v,
                               [&](std::size_t g) { return genreTag(catalog.genreName(data::GenreId(g))); });
    std::map<int, std::size_t> decades;
    for (const data::Track& t : catalog.tracks()) {
        if (t.year != 0)
            ++decades[t.year / 10 * 10];
    }
    for (const auto& [decade, count] : decades) {
        v.decadeColumn[decade] = v.names.size();
        v.names.push_back(decadeTag(decade));
    }
    const auto artists = tracksPer(
        catalog, catalog.artistNames().size(), [](const data::Track& t) -> const auto& { return t.artists; });
    v.artistColumn = columnsFor(artists, minTagTracks, v, [&](std::size_t a) {
        return artistTag(catalog.artistName(data::ArtistId(a)));
    });
    return v;
}

} // namespace

std::string genreTag(const std::string& genre)
{
    return "genre:" + genre;
}

std::string decadeTag(int year)
{
    return "decade:" + std::to_string(year / 10 * 10) + "s";
}

std::string artistTag(const std::string& artist)
{
    return "artist:" + artist;
}

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
        for (data::ArtistId a : t.artists) {
            if (v.artistColumn[a] != SIZE_MAX)
                tags.indicators(Eigen::Index(i), Eigen::Index(v.artistColumn[a])) = 1.0f;
        }
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
