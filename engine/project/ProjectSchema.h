#pragma once

#include "project/SqliteDb.h"

#include <string>

namespace gdbm::project {

// Creates every table of the current format, empty: a table a project does not use (no
// simulation, say) exists with no rows, so that a missing table always means a damaged file.
void createSchema(SqliteDb& db);

// The row count and checksum of a table, recorded after writing it and compared after reading
// it back in the same order: a mismatch is an InputError naming the table.
void storeChecksum(SqliteDb& db, const SqliteStatement& written);
void verifyChecksum(SqliteDb& db, const SqliteStatement& read);
// For a table left empty (no catalog, no model, ...): readers verify it like any other.
void storeEmptyChecksum(SqliteDb& db, const std::string& table);

// The tracks table's feature columns, one per feature by key, for SQL: `, "danceability", ...`.
std::string featureColumns();

} // namespace gdbm::project
