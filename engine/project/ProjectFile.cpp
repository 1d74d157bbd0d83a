#include "project/ProjectFile.h"

#include "core/AtomicFile.h"
#include "core/Error.h"
#include "model/ModelFile.h"
#include "project/ArchetypeTables.h"
#include "project/CatalogTables.h"
#include "project/JsonReader.h"
#include "project/ProjectJson.h"
#include "project/ProjectSchema.h"
#include "project/RunTables.h"
#include "project/SimulationTables.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <limits>
#include <optional>
#include <stdexcept>

namespace gdbm::project {
namespace {

#ifdef GDBM_VERSION
constexpr const char* kAppVersion = GDBM_VERSION;
#else
constexpr const char* kAppVersion = "unknown";
#endif

// --- meta: what the file is; not checksummed, every value is checked as it is read.

void writeMeta(SqliteDb& db)
{
    SqliteStatement insert(db, "INSERT INTO meta(key, value) VALUES(?, ?)", "meta");
    const std::string version = std::to_string(kProjectFormatVersion);
    for (const auto& [key, value] : {std::pair<const char*, std::string_view>{"format", kProjectFormat},
                                     {"version", version},
                                     {"app_version", kAppVersion}}) {
        insert.bindText(1, key);
        insert.bindText(2, value);
        insert.insert();
    }
}

std::optional<std::string> metaValue(SqliteDb& db, const std::string& key)
{
    SqliteStatement select(db, "SELECT value FROM meta WHERE key = ?", "meta");
    select.bindText(1, key);
    if (!select.next())
        return std::nullopt;
    return select.text(0);
}

// Returns the file's format version.
int checkMeta(SqliteDb& db)
{
    // Also the first read of the file: a file that is not SQLite at all fails here.
    SqliteStatement tables(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'",
                           "meta");
    if (!tables.next() || tables.integer(0, 0, 1) == 0)
        db.fail("meta", "not a GDBM Studio project (an SQLite database without a meta table)");
    const auto format = metaValue(db, "format");
    if (format != kProjectFormat)
        db.fail("meta.format", "not a GDBM Studio project (format '" + format.value_or("") + "', expected '" +
                                   kProjectFormat + "')");
    const std::string text = metaValue(db, "version").value_or("");
    int version = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (error != std::errc() || end != text.data() + text.size() || version < 1)
        db.fail("meta.version", "not a valid format version: '" + text + "'");
    if (version > kProjectFormatVersion)
        db.fail("meta.version", "saved by a newer GDBM Studio (" +
                                    metaValue(db, "app_version").value_or("?") + ", project format " + text +
                                    "); this version reads format " + std::to_string(kProjectFormatVersion) +
                                    " and older");
    return version;
}

// --- settings: one JSON value per key.

// Project::ModelStaleness in the file, in its order.
const std::string staleness[] = {"no", "catalog", "simulation"};

void writeSettings(SqliteDb& db, const Project& project)
{
    SqliteStatement insert(db, "INSERT INTO settings(key, value) VALUES(?, ?)", "settings");
    const std::pair<const char*, json> rows[] = {
        {"catalog_fingerprint", project.catalogFingerprint},
        {"thresholds", toJson(project.thresholds)},
        {"simulation", toJson(project.simulationSettings)},
        {"simulation_out_of_date", project.simulationOutOfDate},
        {"evaluation_out_of_date", project.evaluationOutOfDate},
        {"model_out_of_date", staleness[int(project.modelStaleness)]},
        {"training", toJson(project.trainingParams)},
        {"hybrid", toJson(project.hybridParams)},
    };
    for (const auto& [key, value] : rows) {
        const std::string text = value.dump();
        insert.bindText(1, key);
        insert.bindText(2, text);
        insert.insert();
    }
    storeChecksum(db, insert);
}

void readSettings(SqliteDb& db, Project& project)
{
    SqliteStatement select(db, "SELECT key, value FROM settings ORDER BY rowid", "settings");
    const JsonReader reader(db.name(), "settings");
    json settings = json::object(); // keys this version does not know are ignored
    while (select.next()) {
        const std::string key = select.text(0);
        settings[key] = reader.child(key).parse(select.text(1));
    }
    verifyChecksum(db, select);
    project.catalogFingerprint = reader.unsignedInteger(settings, "catalog_fingerprint");
    project.thresholds =
        thresholdsFromJson(reader.object(settings, "thresholds"), reader.child("thresholds"));
    project.simulationSettings =
        simulationParamsFromJson(reader.object(settings, "simulation"), reader.child("simulation"));
    project.simulationOutOfDate = reader.boolean(settings, "simulation_out_of_date");
    project.evaluationOutOfDate = reader.boolean(settings, "evaluation_out_of_date");
    // Projects saved before it was recorded showed their model as current.
    if (settings.contains("model_out_of_date")) {
        const std::string kind = reader.text(settings, "model_out_of_date");
        const auto* found = std::find(std::begin(staleness), std::end(staleness), kind);
        if (found == std::end(staleness))
            reader.fail("model_out_of_date",
                        "expected \"no\", \"catalog\" or \"simulation\", found \"" + kind + "\"");
        project.modelStaleness = Project::ModelStaleness(found - std::begin(staleness));
    }
    project.trainingParams =
        trainingParamsFromJson(reader.object(settings, "training"), reader.child("training"));
    // A project saved before the hybrid trained the audio-only model.
    project.hybridParams.modalities = {model::Modality::Audio};
    if (settings.contains("hybrid"))
        project.hybridParams = hybridParamsFromJson(reader.object(settings, "hybrid"), reader.child("hybrid"),
                                                    project.trainingParams);
}

// --- dataset files

void writeDatasetFiles(SqliteDb& db, const std::vector<std::string>& files)
{
    SqliteStatement insert(db, "INSERT INTO dataset_files(position, path) VALUES(?, ?)", "dataset_files");
    for (std::size_t i = 0; i < files.size(); ++i) {
        insert.bind(1, std::int64_t(i));
        insert.bindText(2, files[i]);
        insert.insert();
    }
    storeChecksum(db, insert);
}

std::vector<std::string> readDatasetFiles(SqliteDb& db)
{
    SqliteStatement select(db, "SELECT position, path FROM dataset_files ORDER BY position", "dataset_files");
    std::vector<std::string> files;
    while (select.next()) {
        if (select.integer(0, 0, std::numeric_limits<std::int64_t>::max()) != std::int64_t(files.size()))
            select.fail(0, "positions are not 0, 1, 2, ...");
        files.push_back(select.text(1));
    }
    verifyChecksum(db, select);
    return files;
}

// --- tables of at most one row: model, evaluation.

void writeSingle(SqliteDb& db, const std::string& table, const std::string& column,
                 const std::optional<std::string>& value, bool blob)
{
    SqliteStatement insert(db, "INSERT INTO " + table + "(" + column + ") VALUES(?)", table);
    if (value) {
        if (blob)
            insert.bindBlob(1, *value);
        else
            insert.bindText(1, *value);
        insert.insert();
    }
    storeChecksum(db, insert);
}

std::optional<std::string> readSingle(SqliteDb& db, const std::string& table, const std::string& column,
                                      bool blob)
{
    SqliteStatement select(db, "SELECT " + column + " FROM " + table, table);
    std::optional<std::string> value;
    if (select.next())
        value = blob ? select.blob(0) : select.text(0);
    if (select.next())
        db.fail(table, "the file is damaged (more than one row)");
    verifyChecksum(db, select);
    return value;
}

// Errors of the model reader name the file; add the table.
[[noreturn]] void rethrowIn(const InputError& e, const std::string& table)
{
    InputLocation where = e.location();
    where.field = where.field.empty() ? table : table + ": " + where.field;
    throw InputError(where, e.reason());
}

} // namespace

void saveProject(const Project& project, const std::string& path)
{
    if (project.datasetFiles.empty() && !project.catalog)
        throw std::invalid_argument("saveProject: a project without dataset files needs its catalog");
    const std::string temp = createTemporaryFile(path, ".saving-");
    try {
        SqliteDb db(temp, path, SqliteDb::Mode::Write);
        db.exec("BEGIN", {});
        createSchema(db);
        writeMeta(db);
        writeSettings(db, project);
        writeDatasetFiles(db, project.datasetFiles);
        writeArchetypes(db, project.archetypes);
        if (project.datasetFiles.empty())
            writeCatalog(db, *project.catalog);
        else
            storeEmptyChecksum(db, "catalog");
        if (project.simulation)
            writeSimulation(db, *project.simulation);
        else
            storeEmptyChecksum(db, "simulation");
        writeSingle(db, "model", "bytes",
                    project.model ? std::optional(model::serializeModel(*project.model)) : std::nullopt,
                    true);
        writeSingle(db, "evaluation", "json",
                    project.evaluation ? std::optional(toJson(*project.evaluation).dump()) : std::nullopt,
                    false);
        writeRuns(db, project);
        db.exec("COMMIT", {});
        db.close();
        replaceFile(temp, path);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw;
    }
}

Project loadProject(const std::string& path)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status))
        throw InputError({path, 0, 0, {}}, "no such file");
    if (!std::filesystem::is_regular_file(status))
        throw InputError({path, 0, 0, {}}, "not a file");

    SqliteDb db(path, path, SqliteDb::Mode::ReadOnly);
    const int version = checkMeta(db);
    db.exec("BEGIN", {}); // one snapshot for all reads
    Project project;
    readSettings(db, project);
    project.datasetFiles = readDatasetFiles(db);
    project.archetypes = readArchetypes(db);
    auto catalog = readCatalog(db);
    if (project.datasetFiles.empty() && !catalog)
        db.fail("catalog", "the file is damaged (neither dataset files nor a catalog)");
    if (!project.datasetFiles.empty() && catalog)
        db.fail("catalog", "the file is damaged (both dataset files and a catalog)");
    project.catalog = catalog;
    project.simulation = readSimulation(db, catalog.get());
    if (const auto bytes = readSingle(db, "model", "bytes", true)) {
        try {
            project.model = std::make_shared<const model::Model>(model::deserializeModel(*bytes, path));
        } catch (const InputError& e) {
            rethrowIn(e, "model");
        }
    }
    if (const auto text = readSingle(db, "evaluation", "json", false)) {
        const JsonReader reader(path, "evaluation");
        project.evaluation =
            std::make_shared<const rec::EvaluationSet>(evaluationSetFromJson(reader.parse(*text), reader));
    }
    if (version >= 3)
        readRuns(db, project);
    db.exec("COMMIT", {});
    return project;
}

} // namespace gdbm::project
