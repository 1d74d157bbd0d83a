#pragma once

#include "data/Catalog.h"

#include <ostream>

namespace gdbm::data {

// The 35 columns of an Exportify export, in order (DATA.md section 1).
const std::vector<std::string>& exportifyHeader();

// Writes the catalog as an Exportify CSV (every field quoted, as Exportify does), so that the
// dataset loader reads it back to the same tracks and features. Columns the catalog does not
// hold (Album Image URL, ISRC, ...) are written empty, or with a value derived from the track
// where the schema needs one (URIs).
void writeExportifyCsv(const Catalog& catalog, std::ostream& out);

} // namespace gdbm::data
