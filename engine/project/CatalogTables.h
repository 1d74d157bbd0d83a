#pragma once

#include "data/Catalog.h"
#include "project/SqliteDb.h"

#include <memory>

namespace gdbm::project {

// A catalog as the tables catalog (label, synthetic flag, available features, load report),
// genres, artists (names by id) and tracks (one row per track, features in columns). Reading
// rebuilds the catalog track by track, which gives every genre and artist the id it had: ids
// follow first appearance, and the tables are checked to agree.
void writeCatalog(SqliteDb& db, const data::Catalog& catalog);

// Null when the catalog table is empty (a project of dataset files).
std::shared_ptr<const data::Catalog> readCatalog(SqliteDb& db);

} // namespace gdbm::project
