#include "project/CatalogTables.h"

#include "project/IdList.h"
#include "project/JsonReader.h"
#include "project/ProjectJson.h"
#include "project/ProjectSchema.h"

#include <algorithm>
#include <limits>

namespace gdbm::project {
namespace {

constexpr std::int64_t kIdMax = std::numeric_limits<std::uint32_t>::max();

void writeNames(SqliteDb& db, const std::string& table, const std::vector<std::string>& names)
{
    SqliteStatement insert(db, "INSERT INTO " + table + "(id, name) VALUES(?, ?)", table);
    for (std::size_t i = 0; i < names.size(); ++i) {
        insert.bind(1, std::int64_t(i));
        insert.bindText(2, names[i]);
        insert.insert();
    }
    storeChecksum(db, insert);
}

std::vector<std::string> readNames(SqliteDb& db, const std::string& table)
{
    SqliteStatement select(db, "SELECT id, name FROM " + table + " ORDER BY id", table);
    std::vector<std::string> names;
    while (select.next()) {
        if (select.integer(0, 0, kIdMax) != std::int64_t(names.size()))
            select.fail(0, "ids are not 0, 1, 2, ...");
        names.push_back(select.text(1));
    }
    verifyChecksum(db, select);
    return names;
}

std::string featuresToText(const data::FeatureSet& features)
{
    std::string keys;
    for (data::Feature f : data::kAllFeatures) {
        if (!features.contains(f))
            continue;
        if (!keys.empty())
            keys += ' ';
        keys += data::featureKey(f);
    }
    return keys;
}

data::FeatureSet featuresFromText(SqliteStatement& row, int column)
{
    data::FeatureSet features;
    const std::string text = row.text(column);
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t space = std::min(text.find(' ', at), text.size());
        const std::string key = text.substr(at, space - at);
        const auto f = data::featureFromName(key);
        if (!f || data::featureKey(*f) != key)
            row.fail(column, "unknown feature '" + key + "'");
        features.insert(*f);
        at = space + 1;
    }
    return features;
}

void writeTracks(SqliteDb& db, const data::Catalog& catalog)
{
    std::string placeholders;
    for (std::size_t i = 0; i < data::kFeatureCount; ++i)
        placeholders += ", ?";
    SqliteStatement insert(
        db,
        "INSERT INTO tracks(id, uri, name, artists_text, artists, album, release_date, year,"
        " explicit, genres" +
            featureColumns() + ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + placeholders + ")",
        "tracks");
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        const data::Track& t = catalog.track(i);
        const std::string artists = formatIds(t.artists);
        const std::string genres = formatIds(t.genres);
        insert.bind(1, std::int64_t(i));
        insert.bindText(2, t.uri);
        insert.bindText(3, t.name);
        insert.bindText(4, t.artistsText);
        insert.bindText(5, artists);
        insert.bindText(6, t.album);
        insert.bindText(7, t.releaseDate);
        insert.bind(8, t.year);
        insert.bind(9, t.isExplicit ? 1 : 0);
        insert.bindText(10, genres);
        for (std::size_t f = 0; f < data::kFeatureCount; ++f)
            insert.bindReal(int(11 + f), catalog.featureRow(i)[f]);
        insert.insert();
    }
    storeChecksum(db, insert);
}

void readTracks(SqliteDb& db, data::Catalog& catalog, const std::vector<std::string>& genreNames,
                const std::vector<std::string>& artistNames)
{
    SqliteStatement select(db,
                           "SELECT id, uri, name, artists_text, artists, album, release_date, year, explicit,"
                           " genres" +
                               featureColumns() + " FROM tracks ORDER BY id",
                           "tracks");
    while (select.next()) {
        if (select.integer(0, 0, std::numeric_limits<std::int64_t>::max()) != std::int64_t(catalog.size()))
            select.fail(0, "ids are not 0, 1, 2, ...");
        data::TrackFields fields;
        fields.uri = select.text(1);
        fields.name = select.text(2);
        fields.artistsText = select.text(3);
        const auto artists = parseIds(select, 4, artistNames.size(), "artist");
        for (data::ArtistId a : artists)
            fields.artists.push_back(artistNames[a]);
        fields.album = select.text(5);
        fields.releaseDate = select.text(6);
        fields.year =
            int(select.integer(7, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
        fields.isExplicit = select.integer(8, 0, 1) == 1;
        const auto genres = parseIds(select, 9, genreNames.size(), "genre");
        for (data::GenreId g : genres)
            fields.genres.push_back(genreNames[g]);
        data::FeatureRow row;
        for (std::size_t f = 0; f < data::kFeatureCount; ++f)
            row[f] = select.real(int(10 + f));
        const std::size_t i = catalog.addTrack(std::move(fields), row);
        // Names get ids in order of first appearance: stored ids in any other order (or a
        // genre name the catalog would spell differently) cannot be rebuilt.
        if (catalog.track(i).artists != artists)
            select.fail(4, "the artist ids do not follow the order the tracks introduce them");
        if (catalog.track(i).genres != genres)
            select.fail(9, "the genre ids do not follow the order the tracks introduce them");
    }
    verifyChecksum(db, select);
}

} // namespace

void writeCatalog(SqliteDb& db, const data::Catalog& catalog)
{
    SqliteStatement insert(db, "INSERT INTO catalog(label, synthetic, features, report) VALUES(?, ?, ?, ?)",
                           "catalog");
    const std::string features = featuresToText(catalog.availableFeatures());
    const std::string report = toJson(catalog.report()).dump();
    insert.bindText(1, catalog.label());
    insert.bind(2, catalog.isSynthetic() ? 1 : 0);
    insert.bindText(3, features);
    insert.bindText(4, report);
    insert.insert();
    storeChecksum(db, insert);
    writeNames(db, "genres", catalog.genreNames());
    writeNames(db, "artists", catalog.artistNames());
    writeTracks(db, catalog);
}

std::shared_ptr<const data::Catalog> readCatalog(SqliteDb& db)
{
    SqliteStatement select(db, "SELECT label, synthetic, features, report FROM catalog", "catalog");
    if (!select.next()) {
        verifyChecksum(db, select);
        return nullptr;
    }
    auto catalog = std::make_shared<data::Catalog>();
    catalog->setLabel(select.text(0));
    catalog->setSynthetic(select.integer(1, 0, 1) == 1);
    catalog->setAvailableFeatures(featuresFromText(select, 2));
    const JsonReader report(db.name(), "catalog.report");
    catalog->setReport(loadReportFromJson(report.parse(select.text(3)), report));
    if (select.next())
        db.fail("catalog", "the file is damaged (more than one catalog)");
    verifyChecksum(db, select);

    const std::vector<std::string> genreNames = readNames(db, "genres");
    const std::vector<std::string> artistNames = readNames(db, "artists");
    readTracks(db, *catalog, genreNames, artistNames);
    if (catalog->genreNames() != genreNames)
        db.fail("genres", "the file is damaged (genres no track uses)");
    if (catalog->artistNames() != artistNames)
        db.fail("artists", "the file is damaged (artists no track uses)");
    return catalog;
}

} // namespace gdbm::project
