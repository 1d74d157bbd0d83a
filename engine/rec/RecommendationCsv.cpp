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

void saveRecommendationsCsv(const sim::SimulationResult& result, const data::Catalog& catalog,
                            std::uint32_t user, const std::vector<Recommendation>& recommendations,
                            const std::string& path)
{
    writeFileAtomically(path, [&](std::ostream& out) {
        writeRecommendationsCsv(result, catalog, user, recommendations, out);
    });
}

} // namespace gdbm::rec
