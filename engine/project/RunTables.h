#pragma once

#include "project/Project.h"
#include "project/SqliteDb.h"

namespace gdbm::project {

// The runs table (project format 3): one row per training run, its record as JSON (RunJson.h)
// and its model's bytes. The current run's model is the model table's, so its row holds no bytes
// and says `current`; a cancelled run has no model. The table's rows are checksummed.
void writeRuns(SqliteDb& db, const Project& project);
// Reads the runs into project.runs and project.currentRun; project.model must be read already.
void readRuns(SqliteDb& db, Project& project);

} // namespace gdbm::project
