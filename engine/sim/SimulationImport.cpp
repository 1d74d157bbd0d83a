#include "sim/SimulationImport.h"

#include "core/Error.h"
#include "core/Text.h"
#include "data/Csv.h"
#include "sim/SimulationExport.h"

#include <unordered_map>

namespace gdbm::sim {
namespace {

std::size_t columnOf(const data::CsvDocument& doc, const std::string& name, bool required = true)
{
    for (std::size_t c = 0; c < doc.header.size(); ++c) {
        if (text::trim(doc.header[c]) == name)
            return c;
    }
    if (required)
        throw InputError({doc.fileName, 1, 0, name}, "missing column");
    return doc.header.size();
}

[[noreturn]] void fail(const data::CsvDocument& doc, const data::CsvRow& row, std::size_t column,
                       const std::string& reason)
{
    throw InputError({doc.fileName, row.line, column + 1, doc.header[column]}, reason);
}

std::string_view field(const data::CsvDocument& doc, const data::CsvRow& row, std::size_t column)
{
    if (column >= row.fields.size())
        throw InputError({doc.fileName, row.line, row.fields.size() + 1, doc.header[column]},
                         "the row is too short");
    return row.fields[column];
}

std::chrono::sys_days parseDay(const data::CsvDocument& doc, const data::CsvRow& row, std::size_t column)
{
    const std::string_view v = field(doc, row, column);
    const auto y = text::parseInteger(v.substr(0, 4));
    const auto m = v.size() >= 7 ? text::parseInteger(v.substr(5, 2)) : std::nullopt;
    const auto d = v.size() >= 10 ? text::parseInteger(v.substr(8, 2)) : std::nullopt;
    if (!y || !m || !d || v[4] != '-' || v[7] != '-')
        fail(doc, row, column, text::quoted(v) + " is not a date (expected YYYY-MM-DD)");
    const std::chrono::year_month_day ymd{std::chrono::year(int(*y)), std::chrono::month(unsigned(*m)),
                                          std::chrono::day(unsigned(*d))};
    if (!ymd.ok())
        fail(doc, row, column, text::quoted(v) + " is not a valid date");
    return std::chrono::sys_days(ymd);
}

} // namespace

ImportedSimulation importSimulation(const std::string& interactionsPath, const std::string& profilesPath,
                                    const data::Catalog& catalog)
{
    ImportedSimulation imported;
    SimulationResult& result = imported.result;

    const data::CsvDocument profiles = data::readCsvFile(profilesPath);
    const std::size_t pUser = columnOf(profiles, "user_id");
    const std::size_t pArchetype = columnOf(profiles, "archetype");
    const std::size_t pFellBack = columnOf(profiles, "fell_back", false);
    const std::size_t pPrefs = columnOf(profiles, "preferences");
    std::unordered_map<std::string, std::size_t> archetypeIndex;
    std::unordered_map<long long, std::uint32_t> userIndex;
    for (const data::CsvRow& row : profiles.rows) {
        User user;
        const auto id = text::parseInteger(field(profiles, row, pUser));
        if (!id || *id <= 0 || *id > 0xFFFFFFFFll)
            fail(profiles, row, pUser, text::quoted(field(profiles, row, pUser)) + " is not a user id");
        if (!userIndex.emplace(*id, std::uint32_t(result.users.size())).second)
            fail(profiles, row, pUser, "user " + std::to_string(*id) + " appears twice");
        user.id = std::uint32_t(*id);
        const std::string archetype(field(profiles, row, pArchetype));
        const auto [it, added] = archetypeIndex.emplace(archetype, result.archetypeNames.size());
        if (added)
            result.archetypeNames.push_back(archetype);
        user.archetype = it->second;
        if (pFellBack < profiles.header.size())
            user.fellBack = text::trim(field(profiles, row, pFellBack)) == "true";
        try {
            user.preferences = parsePreferences(field(profiles, row, pPrefs), catalog);
        } catch (const InputError& e) {
            fail(profiles, row, pPrefs, e.reason());
        }
        result.users.push_back(std::move(user));
    }

    const data::CsvDocument interactions = data::readCsvFile(interactionsPath);
    const std::size_t iUser = columnOf(interactions, "user_id");
    const std::size_t iTrack = columnOf(interactions, "track_id");
    const std::size_t iTime = columnOf(interactions, "timestamp");
    const std::size_t iRating = columnOf(interactions, "rating");
    const std::size_t iSource = columnOf(interactions, "source", false);
    std::chrono::sys_days latest{};
    for (const data::CsvRow& row : interactions.rows) {
        Interaction i;
        const auto id = text::parseInteger(field(interactions, row, iUser));
        const auto user = id ? userIndex.find(*id) : userIndex.end();
        if (user == userIndex.end())
            fail(interactions, row, iUser,
                 "user '" + std::string(field(interactions, row, iUser)) + "' is not in " + profilesPath);
        i.user = user->second;
        const auto track = catalog.findTrack(text::trim(field(interactions, row, iTrack)));
        if (!track) {
            ++imported.unknownTracks;
            continue;
        }
        i.track = std::uint32_t(*track);
        i.day = parseDay(interactions, row, iTime);
        latest = std::max(latest, i.day);
        const auto rating = text::parseDouble(field(interactions, row, iRating));
        if (!rating || *rating < 1.0 || *rating > 5.0)
            fail(interactions, row, iRating,
                 text::quoted(field(interactions, row, iRating)) + " is not a rating in 1..5");
        i.rating = float(*rating);
        if (iSource < interactions.header.size()) {
            const std::string_view source = text::trim(field(interactions, row, iSource));
            if (source == sourceKey(InteractionSource::Discovery))
                i.source = InteractionSource::Discovery;
            else if (source == sourceKey(InteractionSource::Fallback))
                i.source = InteractionSource::Fallback;
        }
        result.interactions.push_back(i);
    }
    result.referenceDate = latest;
    result.summary = summarize(result, result.archetypeNames.size());
    return imported;
}

} // namespace gdbm::sim
