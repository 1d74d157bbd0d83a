#include "rec/RecommendationCsv.h"

#include "core/AtomicFile.h"
#include "core/Text.h"
#include "data/CsvWriter.h"
#include "sim/Preference.h"

#include <cstdio>

namespace gdbm::rec {

bool fitsArchetype(const sim::User& user, const data::Catalog& catalog, std::size_t track)
{
    return sim::passesAll(user.preferences, catalog, track);
}

std::string trackLabel(const data::Catalog& catalog, std::size_t track)
{
    const data::Track& t = catalog.track(track);
    return t.name + " \u2014 " + t.artistsText;
}

void writeRecommendationsCsv(const sim::SimulationResult& result, const data::Catalog& catalog,
                             std::uint32_t user, const std::vector<Recommendation>& recommendations,
                             std::ostream& out)
{
    const sim::User& u = result.users[user];
    data::CsvWriter csv(out);
    csv.writeRow({"user_id", "rank", "track", "artist", "genres", "year", "similarity", "fits_archetype",
                  "because_you_played"});
    for (std::size_t r = 0; r < recommendations.size(); ++r) {
        const Recommendation& rec = recommendations[r];
        const data::Track& t = catalog.track(rec.track);
        std::vector<std::string> genres;
        for (data::GenreId g : t.genres)
            genres.push_back(catalog.genreName(g));
        std::vector<std::string> because;
        for (const Recommendation::Reason& reason : rec.because)
            because.push_back(trackLabel(catalog, reason.track));
        char similarity[32];
        std::snprintf(similarity, sizeof similarity, "%.6f", double(rec.score));
        csv.writeRow({std::to_string(u.id), std::to_string(r + 1), t.name, t.artistsText,
                      text::join(genres, ","), t.year > 0 ? std::to_string(t.year) : std::string(),
                      similarity, fitsArchetype(u, catalog, rec.track) ? "true" : "false",
                      text::join(because, "; ")});
    }
}

void writeAllRecommendationsCsv(const data::Catalog& catalog, const std::vector<long long>& userIds,
                                const std::vector<std::vector<Recommendation>>& lists, std::ostream& out)
{
    data::CsvWriter csv(out);
    csv.writeRow({"user_id", "rank", "track_uri", "track", "artist", "similarity"});
    for (std::size_t u = 0; u < lists.size(); ++u) {
        const std::string user = std::to_string(userIds[u]);
        for (std::size_t r = 0; r < lists[u].size(); ++r) {
            const data::Track& t = catalog.track(lists[u][r].track);
            char similarity[32];
            std::snprintf(similarity, sizeof similarity, "%.6f", lists[u][r].score);
            csv.writeRow({user, std::to_string(r + 1), t.uri, t.name, t.artistsText, similarity});
        }
    }
}

void saveRecommendationsCsv(const sim::SimulationResult& result, const data::Catalog& catalog,
                            std::uint32_t user, const std::vector<Recommendation>& recommendations,
                            const std::string& path)
{
    writeFileAtomically(path, [&](std::ostream& out) {
        writeRecommendationsCsv(result, catalog, user, recommendations, out);
    });
}

} // namespace gdbm::rec
