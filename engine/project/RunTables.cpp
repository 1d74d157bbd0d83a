#include "project/RunTables.h"

#include "core/Error.h"
#include "model/ModelFile.h"
#include "project/ProjectSchema.h"
#include "project/RunJson.h"

#include <limits>

namespace gdbm::project {

void writeRuns(SqliteDb& db, const Project& project)
{
    SqliteStatement insert(db, "INSERT INTO runs(position, json, model, current) VALUES(?, ?, ?, ?)", "runs");
    for (std::size_t i = 0; i < project.runs.size(); ++i) {
        const TrainingRun& run = project.runs[i];
        const bool current = run.model && run.number == project.currentRun && run.model == project.model;
        // Bound values are not copied: they live until insert().
        const std::string text = toJson(run).dump();
        // Model files are never empty: no bytes means no model of its own.
        const std::string bytes = run.model && !current ? model::serializeModel(*run.model) : std::string();
        insert.bind(1, std::int64_t(i));
        insert.bindText(2, text);
        insert.bindBlob(3, bytes);
        insert.bind(4, current ? 1 : 0);
        insert.insert();
    }
    storeChecksum(db, insert);
}

void readRuns(SqliteDb& db, Project& project)
{
    SqliteStatement select(db, "SELECT position, json, model, current FROM runs ORDER BY position", "runs");
    std::vector<TrainingRun> runs;
    int currentRun = 0;
    while (select.next()) {
        const std::string where = "runs[" + std::to_string(runs.size()) + "]";
        if (select.integer(0, 0, std::numeric_limits<std::int64_t>::max()) != std::int64_t(runs.size()))
            select.fail(0, "positions are not 0, 1, 2, ...");
        const JsonReader reader(db.name(), where);
        TrainingRun run = runFromJson(reader.parse(select.text(1)), reader);
        if (!runs.empty() && run.number <= runs.back().number)
            select.fail(1, "run numbers do not increase (" + std::to_string(run.number) + " after " +
                               std::to_string(runs.back().number) + ")");
        const std::string bytes = select.blob(2);
        const bool current = select.integer(3, 0, 1) == 1;
        if (current) {
            if (!project.model || !run.finished())
                select.fail(3, "the file is damaged (a current run without the current model)");
            if (!bytes.empty())
                select.fail(3, "the file is damaged (a current run with a model of its own)");
            if (currentRun != 0)
                select.fail(3, "the file is damaged (two current runs)");
            run.model = project.model;
            currentRun = run.number;
        } else if (!bytes.empty()) {
            if (!run.finished())
                select.fail(2, "the file is damaged (a cancelled run with a model)");
            try {
                run.model = std::make_shared<const model::Model>(model::deserializeModel(bytes, db.name()));
            } catch (const InputError& e) {
                InputLocation at = e.location();
                at.field = at.field.empty() ? where : where + ": " + at.field;
                throw InputError(at, e.reason());
            }
        } else if (run.finished()) {
            select.fail(2, "the file is damaged (a finished run without its model)");
        }
        if (run.model)
            run.curves = run.model->curves;
        runs.push_back(std::move(run));
    }
    verifyChecksum(db, select);
    project.runs = std::move(runs);
    project.currentRun = currentRun;
}

} // namespace gdbm::project
