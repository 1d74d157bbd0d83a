#include "project/SimulationTables.h"

#include "project/IdList.h"
#include "project/JsonReader.h"
#include "project/ProjectJson.h"
#include "project/ProjectSchema.h"

#include <limits>

namespace gdbm::project {
namespace {

constexpr std::int64_t kU32Max = std::numeric_limits<std::uint32_t>::max();
// The days year_month_day can hold, so that every stored day can be shown as a date.
constexpr std::int64_t kDayMin =
    std::chrono::sys_days(std::chrono::year{-32767} / 1 / 1).time_since_epoch().count();
constexpr std::int64_t kDayMax =
    std::chrono::sys_days(std::chrono::year{32767} / 12 / 31).time_since_epoch().count();

void writeUsers(SqliteDb& db, const std::vector<sim::User>& users)
{
    SqliteStatement insert(db, "INSERT INTO users(position, id, archetype, fell_back) VALUES(?, ?, ?, ?)",
                           "users");
    for (std::size_t i = 0; i < users.size(); ++i) {
        insert.bind(1, std::int64_t(i));
        insert.bind(2, users[i].id);
        insert.bind(3, std::int64_t(users[i].archetype));
        insert.bind(4, users[i].fellBack ? 1 : 0);
        insert.insert();
    }
    storeChecksum(db, insert);
}

void writePreferences(SqliteDb& db, const std::vector<sim::User>& users)
{
    SqliteStatement insert(db,
                           "INSERT INTO preferences(user, kind, attribute, min, max, genres, artist)"
                           " VALUES(?, ?, ?, ?, ?, ?, ?)",
                           "preferences");
    for (std::size_t i = 0; i < users.size(); ++i) {
        for (const sim::UserPreference& p : users[i].preferences) {
            const std::string genres = formatIds(p.genres);
            insert.bind(1, std::int64_t(i));
            insert.bind(2, std::int64_t(p.kind));
            insert.bind(3, std::int64_t(p.attribute));
            insert.bindReal(4, p.min);
            insert.bindReal(5, p.max);
            insert.bindText(6, genres);
            insert.bind(7, p.artist);
            insert.insert();
        }
    }
    storeChecksum(db, insert);
}

void writeInteractions(SqliteDb& db, const std::vector<sim::Interaction>& interactions)
{
    SqliteStatement insert(db,
                           "INSERT INTO interactions(user, track, day, rating, source) VALUES(?, ?, ?, ?, ?)",
                           "interactions");
    for (const sim::Interaction& x : interactions) {
        insert.bind(1, x.user);
        insert.bind(2, x.track);
        insert.bind(3, std::int64_t(x.day.time_since_epoch().count()));
        insert.bindReal(4, double(x.rating));
        insert.bind(5, std::int64_t(x.source));
        insert.insert();
    }
    storeChecksum(db, insert);
}

void readUsers(SqliteDb& db, sim::SimulationResult& result)
{
    SqliteStatement select(db, "SELECT position, id, archetype, fell_back FROM users ORDER BY position",
                           "users");
    while (select.next()) {
        if (select.integer(0, 0, kU32Max) != std::int64_t(result.users.size()))
            select.fail(0, "positions are not 0, 1, 2, ...");
        sim::User user;
        user.id = std::uint32_t(select.integer(1, 0, kU32Max));
        const auto archetype = select.integer(2, 0, kU32Max);
        if (std::size_t(archetype) >= result.archetypeNames.size())
            select.fail(2, "archetype " + std::to_string(archetype) + " is beyond the simulation's " +
                               std::to_string(result.archetypeNames.size()) + " archetypes");
        user.archetype = std::size_t(archetype);
        user.fellBack = select.integer(3, 0, 1) == 1;
        result.users.push_back(std::move(user));
    }
    verifyChecksum(db, select);
}

void readPreferences(SqliteDb& db, const data::Catalog* catalog, sim::SimulationResult& result)
{
    SqliteStatement select(db,
                           "SELECT user, kind, attribute, min, max, genres, artist FROM preferences"
                           " ORDER BY rowid",
                           "preferences");
    const std::size_t genres = catalog ? catalog->genreNames().size() : std::size_t(kU32Max) + 1;
    const std::int64_t lastArtist = catalog ? std::int64_t(catalog->artistNames().size()) - 1 : kU32Max;
    std::size_t previousUser = 0;
    while (select.next()) {
        const auto user = std::size_t(select.integer(0, 0, kU32Max));
        if (user >= result.users.size())
            select.fail(0, "user " + std::to_string(user) + " is beyond the " +
                               std::to_string(result.users.size()) + " users");
        if (user < previousUser)
            select.fail(0, "the rows are not in user order");
        previousUser = user;
        sim::UserPreference p;
        p.kind = sim::UserPreference::Kind(select.integer(1, 0, 2));
        p.attribute = sim::Attribute(select.integer(2, 0, std::int64_t(sim::kAttributeCount) - 1));
        p.min = select.real(3);
        p.max = select.real(4);
        const auto ids = parseIds(select, 5, genres, "genre");
        p.genres.assign(ids.begin(), ids.end());
        // 0 is what an unused artist holds, also in a catalog without artists.
        p.artist = data::ArtistId(select.integer(6, 0, std::max<std::int64_t>(lastArtist, 0)));
        result.users[user].preferences.push_back(std::move(p));
    }
    verifyChecksum(db, select);
}

void readInteractions(SqliteDb& db, const data::Catalog* catalog, sim::SimulationResult& result)
{
    SqliteStatement select(db, "SELECT user, track, day, rating, source FROM interactions ORDER BY rowid",
                           "interactions");
    const std::int64_t users = std::int64_t(result.users.size());
    const std::int64_t tracks = catalog ? std::int64_t(catalog->size()) : kU32Max + 1;
    std::int64_t previousUser = 0;
    while (select.next()) {
        sim::Interaction x;
        const std::int64_t user = select.integer(0, 0, kU32Max);
        if (user >= users)
            select.fail(0, "user " + std::to_string(user) + " is beyond the " + std::to_string(users) +
                               " users");
        // The app finds a user's history by binary search: the rows must be grouped by user.
        if (user < previousUser)
            select.fail(0, "the rows are not in user order");
        previousUser = user;
        const std::int64_t track = select.integer(1, 0, kU32Max);
        if (track >= tracks)
            select.fail(1, "track " + std::to_string(track) + " is beyond the catalog's " +
                               std::to_string(tracks) + " tracks");
        x.user = std::uint32_t(user);
        x.track = std::uint32_t(track);
        x.day = std::chrono::sys_days(std::chrono::days(select.integer(2, kDayMin, kDayMax)));
        x.rating = float(select.real(3));
        x.source = sim::InteractionSource(select.integer(4, 0, 2));
        result.interactions.push_back(x);
    }
    verifyChecksum(db, select);
}

} // namespace

void writeSimulation(SqliteDb& db, const sim::SimulationResult& simulation)
{
    SqliteStatement insert(db, "INSERT INTO simulation(json) VALUES(?)", "simulation");
    const std::string header = simulationHeaderToJson(simulation).dump();
    insert.bindText(1, header);
    insert.insert();
    storeChecksum(db, insert);
    writeUsers(db, simulation.users);
    writePreferences(db, simulation.users);
    writeInteractions(db, simulation.interactions);
}

std::shared_ptr<const sim::SimulationResult> readSimulation(SqliteDb& db, const data::Catalog* catalog)
{
    SqliteStatement select(db, "SELECT json FROM simulation", "simulation");
    if (!select.next()) {
        verifyChecksum(db, select);
        return nullptr;
    }
    auto result = std::make_shared<sim::SimulationResult>();
    const JsonReader reader(db.name(), "simulation");
    simulationHeaderFromJson(reader.parse(select.text(0)), reader, *result);
    if (select.next())
        db.fail("simulation", "the file is damaged (more than one simulation)");
    verifyChecksum(db, select);

    readUsers(db, *result);
    readPreferences(db, catalog, *result);
    readInteractions(db, catalog, *result);
    return result;
}

} // namespace gdbm::project
