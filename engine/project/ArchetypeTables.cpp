#include "project/ArchetypeTables.h"

#include "project/JsonReader.h"
#include "project/ProjectSchema.h"

#include <limits>

namespace gdbm::project {
namespace {

constexpr std::int64_t kIntMin = std::numeric_limits<int>::min();
constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();

std::vector<std::string> parseNames(SqliteStatement& row, int column)
{
    const std::string text = row.text(column);
    const json list = json::parse(text, nullptr, false); // a discarded value (no array) on bad JSON
    if (!list.is_array())
        row.fail(column, "expected a JSON list of names, found '" + text + "'");
    std::vector<std::string> names;
    for (const json& name : list) {
        if (!name.is_string())
            row.fail(column, "expected a JSON list of names, found '" + text + "'");
        names.push_back(name.get<std::string>());
    }
    return names;
}

void writePreferences(SqliteDb& db, const sim::ArchetypeSet& set)
{
    SqliteStatement insert(
        db,
        "INSERT INTO archetype_preferences(archetype, kind, attribute, min, max, genres, among,"
        " first_decade, last_decade) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "archetype_preferences");
    for (std::size_t a = 0; a < set.archetypes.size(); ++a) {
        for (const sim::Preference& p : set.archetypes[a].preferences) {
            const std::string genres = json(p.genres).dump();
            insert.bind(1, std::int64_t(a));
            insert.bindText(2, sim::preferenceKindKey(p.kind));
            insert.bindText(3, sim::attributeKey(p.attribute));
            insert.bindReal(4, p.min);
            insert.bindReal(5, p.max);
            insert.bindText(6, genres);
            insert.bind(7, p.among);
            insert.bind(8, p.firstDecade);
            insert.bind(9, p.lastDecade);
            insert.insert();
        }
    }
    storeChecksum(db, insert);
}

void readPreferences(SqliteDb& db, sim::ArchetypeSet& set)
{
    SqliteStatement select(
        db,
        "SELECT archetype, kind, attribute, min, max, genres, among, first_decade, last_decade"
        " FROM archetype_preferences ORDER BY rowid",
        "archetype_preferences");
    std::size_t previous = 0;
    while (select.next()) {
        const auto archetype = std::size_t(select.integer(0, 0, kIntMax));
        if (archetype >= set.archetypes.size())
            select.fail(0, "archetype " + std::to_string(archetype) + " is beyond the " +
                               std::to_string(set.archetypes.size()) + " archetypes");
        if (archetype < previous)
            select.fail(0, "the rows are not in archetype order");
        previous = archetype;
        sim::Preference p;
        const std::string kind = select.text(1);
        const auto parsedKind = sim::preferenceKindFromKey(kind);
        if (!parsedKind)
            select.fail(1, "unknown preference type '" + kind + "'");
        p.kind = *parsedKind;
        const std::string attribute = select.text(2);
        const auto parsedAttribute = sim::attributeFromKey(attribute);
        if (!parsedAttribute || sim::attributeKey(*parsedAttribute) != attribute)
            select.fail(2, "unknown attribute '" + attribute + "'");
        p.attribute = *parsedAttribute;
        p.min = select.real(3);
        p.max = select.real(4);
        p.genres = parseNames(select, 5);
        p.among = int(select.integer(6, kIntMin, kIntMax));
        p.firstDecade = int(select.integer(7, kIntMin, kIntMax));
        p.lastDecade = int(select.integer(8, kIntMin, kIntMax));
        set.archetypes[archetype].preferences.push_back(std::move(p));
    }
    verifyChecksum(db, select);
}

} // namespace

void writeArchetypes(SqliteDb& db, const sim::ArchetypeSet& set)
{
    SqliteStatement insert(
        db, "INSERT INTO archetypes(position, name, share, tracks_per_user) VALUES(?, ?, ?, ?)",
        "archetypes");
    for (std::size_t a = 0; a < set.archetypes.size(); ++a) {
        insert.bind(1, std::int64_t(a));
        insert.bindText(2, set.archetypes[a].name);
        insert.bindReal(3, set.archetypes[a].share);
        insert.bind(4, set.archetypes[a].tracksPerUser);
        insert.insert();
    }
    storeChecksum(db, insert);
    writePreferences(db, set);
}

sim::ArchetypeSet readArchetypes(SqliteDb& db)
{
    SqliteStatement select(
        db, "SELECT position, name, share, tracks_per_user FROM archetypes ORDER BY position", "archetypes");
    sim::ArchetypeSet set;
    while (select.next()) {
        if (select.integer(0, 0, kIntMax) != std::int64_t(set.archetypes.size()))
            select.fail(0, "positions are not 0, 1, 2, ...");
        sim::Archetype a;
        a.name = select.text(1);
        a.share = select.real(2);
        a.tracksPerUser = int(select.integer(3, kIntMin, kIntMax));
        set.archetypes.push_back(std::move(a));
    }
    verifyChecksum(db, select);
    readPreferences(db, set);
    return set;
}

} // namespace gdbm::project
