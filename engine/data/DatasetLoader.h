#pragma once

#include "core/Progress.h"
#include "data/Catalog.h"
#include "data/Csv.h"

#include <string>
#include <vector>

namespace gdbm::data {

// Loads one or two dataset files into a catalog, as DATA.md section 2 says:
// - columns are matched by name (Schema.h); a file without a track name or artist column is an
//   error; a feature no file has is reported and left out;
// - two files are joined on (Track Name, Artist Name(s), Album Name): where both have a column,
//   the first file's value wins unless it is empty; rows found in only one file are kept;
// - rows missing a trimmed attribute (name, artists, release date or year, duration, explicit,
//   popularity, genres, an audio feature) are dropped and counted per reason, as are repeated
//   tracks (same URI, else same name, artists and album);
// - a value that should be a number, a date or a boolean and is not is an InputError naming
//   the file, line, column and field; so are ragged rows and a file without data rows.
// Throws gdbm::Cancelled if *cancel becomes true.
Catalog loadDataset(const std::vector<std::string>& paths, const ProgressCallback& progress = {},
                    const CancelFlag* cancel = nullptr);

// The same from documents already parsed (for tests and for data that does not come from disk).
Catalog loadDocuments(const std::vector<CsvDocument>& documents, const ProgressCallback& progress = {},
                      const CancelFlag* cancel = nullptr);

} // namespace gdbm::data
