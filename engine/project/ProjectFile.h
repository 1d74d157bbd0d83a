#pragma once

#include "project/Project.h"

#include <string>

namespace gdbm::project {

// The project file (*.gdbmproj): one SQLite database. Its meta table names the format
// ("format" = kProjectFormat, "version", "app_version"); the other tables hold the settings
// (JSON), the dataset files, the archetype set (every member, in rows), the demo catalog when
// there are no dataset files, the simulation's users, preferences and interactions (rows), the
// model (its model file's bytes), the evaluation (JSON) and the training runs (RunTables.h). Every table's
// rows are covered by a checksum (table checksums), so damage that SQLite cannot see is an error too.
inline constexpr const char* kProjectFormat = "gdbm-studio-project";
// Version 2: the evaluation holds both protocols ({"protocols": [...]}) and the settings the
// training recipe. Version 3: the runs table (every training run kept). Older files read as they
// were (without runs).
inline constexpr int kProjectFormatVersion = 3;
inline constexpr const char* kProjectExtension = ".gdbmproj";

// Writes atomically: the database is built in a new temporary file beside `path`, flushed to
// disk and renamed over `path`. On any error the temporary file is removed, `path` is untouched
// and an InputError naming `path` is thrown. Requires a catalog when datasetFiles is empty;
// with dataset files the catalog itself is not stored (only its fingerprint).
void saveProject(const Project& project, const std::string& path);

// Reads a project back as it was saved. When it names dataset files, `catalog` is null: the
// caller loads the files and compares catalogFingerprint to tell whether they changed (track
// indices in the simulation are then checked against it by the caller, not here).
// Throws InputError naming the file, and the table or field (and row) for anything but a
// complete project of this or an older format: a missing, foreign, newer, truncated or damaged
// file, missing tables or columns, bad JSON, an index out of range.
Project loadProject(const std::string& path);

} // namespace gdbm::project
