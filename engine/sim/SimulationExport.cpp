#include "sim/SimulationExport.h"

#include "core/AtomicFile.h"
#include "core/Text.h"
#include "data/CsvWriter.h"

#include <cstdio>
#include <filesystem>

namespace gdbm::sim {
namespace {

std::string formatRating(float rating)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.1f", double(rating));
    return buffer;
}

} // namespace

std::string formatDay(std::chrono::sys_days day)
{
    const std::chrono::year_month_day ymd(day);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
    return buffer;
}

std::string_view sourceKey(InteractionSource source)
{
    switch (source) {
    case InteractionSource::Preference:
        return "preference";
    case InteractionSource::Discovery:
        return "discovery";
    case InteractionSource::Fallback:
        return "fallback";
    }
    return "preference";
}

void writeInteractions(const SimulationResult& result, const data::Catalog& catalog, std::ostream& out)
{
    data::CsvWriter csv(out);
    const std::vector<data::Feature> features = catalog.featureList();
    std::vector<std::string> header = {"user_id",      "track_id",  "track_name", "artist_name",
                                       "timestamp",    "archetype", "rating",     "source",
                                       "release_date", "explicit",  "genres"};
    for (data::Feature f : features)
        header.emplace_back(data::featureKey(f));
    csv.writeRow(header);

    std::vector<std::string> row;
    for (const Interaction& i : result.interactions) {
        const User& user = result.users[i.user];
        const data::Track& t = catalog.track(i.track);
        std::vector<std::string> genres;
        for (data::GenreId g : t.genres)
            genres.push_back(catalog.genreName(g));
        row = {std::to_string(user.id),
               catalog.identity(i.track),
               t.name,
               t.artistsText,
               formatDay(i.day),
               result.archetypeNames[user.archetype],
               formatRating(i.rating),
               std::string(sourceKey(i.source)),
               t.releaseDate,
               t.isExplicit ? "true" : "false",
               text::join(genres, ",")};
        for (data::Feature f : features)
            row.push_back(text::formatDouble(catalog.feature(i.track, f)));
        csv.writeRow(row);
    }
}

void writeProfiles(const SimulationResult& result, const data::Catalog& catalog, std::ostream& out)
{
    data::CsvWriter csv(out);
    csv.writeRow({"user_id", "archetype", "fell_back", "preferences"});
    for (const User& user : result.users) {
        csv.writeRow({std::to_string(user.id), result.archetypeNames[user.archetype],
                      user.fellBack ? "true" : "false", describePreferences(user.preferences, catalog)});
    }
}

void exportSimulation(const SimulationResult& result, const data::Catalog& catalog, const std::string& folder,
                      const CancelFlag* cancel)
{
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    const std::filesystem::path base(folder);
    // Both or neither: a profile file of another simulation beside these interactions would
    // describe other users.
    writeFilesAtomically(
        {{(base / kInteractionsFile).string(),
          [&](std::ostream& out) { writeInteractions(result, catalog, out); }},
         {(base / kProfilesFile).string(), [&](std::ostream& out) { writeProfiles(result, catalog, out); }}},
        cancel);
}

} // namespace gdbm::sim
