#include "project/ProjectSchema.h"

#include "data/Feature.h"

#include <limits>

namespace gdbm::project {

std::string featureColumns()
{
    std::string columns;
    for (data::Feature f : data::kAllFeatures)
        columns += ", \"" + std::string(data::featureKey(f)) + "\""; // quoted: "key" is an SQL keyword
    return columns;
}

void createSchema(SqliteDb& db)
{
    // Columns holding doubles have no declared type: a REAL column would store -0.0 as the
    // integer 0, and reads must give back the same bits. NaN is stored as NULL.
    // Enumerations are stored as their integer values:
    //   preferences.kind: 0 range, 1 genres, 2 artist (sim::UserPreference::Kind);
    //   preferences.attribute: a feature's index in data::Feature order, 14 the release year;
    //   interactions.source: 0 preference, 1 discovery, 2 fallback;
    //   interactions.day: days since 1970-01-01;
    //   runs.current: 1 for the run whose model is the model table's (its own model column empty).
    // Lists of ids (tracks.artists, tracks.genres, preferences.genres) are space-separated;
    // archetype_preferences.genres is a JSON list of names.
    db.exec(
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE checksums(name TEXT PRIMARY KEY, rows INTEGER NOT NULL, hash INTEGER NOT NULL);"
        "CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE dataset_files(position INTEGER PRIMARY KEY, path TEXT NOT NULL);"
        "CREATE TABLE archetypes(position INTEGER PRIMARY KEY, name TEXT, share, tracks_per_user INTEGER);"
        "CREATE TABLE archetype_preferences(archetype INTEGER, kind TEXT, attribute TEXT, min, max,"
        " genres TEXT, among INTEGER, first_decade INTEGER, last_decade INTEGER);"
        "CREATE TABLE catalog(label TEXT NOT NULL, synthetic INTEGER NOT NULL, features TEXT NOT NULL,"
        " report TEXT NOT NULL);"
        "CREATE TABLE genres(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
        "CREATE TABLE artists(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
        "CREATE TABLE tracks(id INTEGER PRIMARY KEY, uri TEXT, name TEXT, artists_text TEXT, artists TEXT,"
        " album TEXT, release_date TEXT, year INTEGER, explicit INTEGER, genres TEXT" +
            featureColumns() +
            ");"
            "CREATE TABLE simulation(json TEXT NOT NULL);"
            "CREATE TABLE users(position INTEGER PRIMARY KEY, id INTEGER, archetype INTEGER,"
            " fell_back INTEGER);"
            "CREATE TABLE preferences(user INTEGER, kind INTEGER, attribute INTEGER, min, max,"
            " genres TEXT, artist INTEGER);"
            "CREATE TABLE interactions(user INTEGER, track INTEGER, day INTEGER, rating, source INTEGER);"
            "CREATE TABLE model(bytes BLOB NOT NULL);"
            "CREATE TABLE evaluation(json TEXT NOT NULL);"
            "CREATE TABLE runs(position INTEGER PRIMARY KEY, json TEXT NOT NULL, model BLOB NOT NULL,"
            " current INTEGER NOT NULL);",
        "schema");
}

void storeChecksum(SqliteDb& db, const SqliteStatement& written)
{
    SqliteStatement insert(db, "INSERT INTO checksums(name, rows, hash) VALUES(?, ?, ?)", "checksums");
    insert.bindText(1, written.table());
    insert.bind(2, std::int64_t(written.rows()));
    insert.bind(3, std::int64_t(written.checksum())); // the bits, as SQLite has no unsigned type
    insert.insert();
}

void storeEmptyChecksum(SqliteDb& db, const std::string& table)
{
    const SqliteStatement none(db, "SELECT NULL", table); // never run: no rows, the empty checksum
    storeChecksum(db, none);
}

void verifyChecksum(SqliteDb& db, const SqliteStatement& read)
{
    SqliteStatement select(db, "SELECT rows, hash FROM checksums WHERE name = ?", "checksums");
    select.bindText(1, read.table());
    if (!select.next())
        db.fail(read.table(), "the file is damaged (no checksum for the table)");
    constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    const auto rows = std::uint64_t(select.integer(0, 0, kMax));
    const auto hash = std::uint64_t(select.integer(1, kMin, kMax));
    if (rows != read.rows())
        db.fail(read.table(), "the file is damaged (" + std::to_string(read.rows()) + " rows instead of " +
                                  std::to_string(rows) + ")");
    if (hash != read.checksum())
        db.fail(read.table(), "the file is damaged (checksum mismatch)");
}

} // namespace gdbm::project
