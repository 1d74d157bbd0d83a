#pragma once

#include "core/Progress.h"
#include "data/Catalog.h"
#include "data/Csv.h"

#include <string>
#include <vector>

namespace gdbm::data {

// Loads dataset files (the app and gdbm-cli give one or two) into a catalog, as DATA.md section
// 2 says:
// - columns are matched by name (Schema.h); each feature column's unit is read from its values
//   (ColumnUnits.h: 0-100 percentages, durations in seconds, minutes or m:ss) and converted to
//   Spotify's, each conversion noted in the report with its reason;
// - two files are joined on (Track Name, Artist Name(s), Album Name): where both have a column,
//   the first file's value wins unless it is empty; rows found in only one file are kept;
// - a row with a defect is dropped and counted per reason, with the first few line numbers:
//   a missing trimmed attribute (name, artists, release date or year, explicit, genres, an
//   audio feature), a value that is not a number, key, mode, date or boolean, a value outside
//   its feature's plausible range (inf, 1e999, a duration of 1e306), a field count other than
//   the header's, a repeated track (same URI, else same name, artists and album);
// - the file is an InputError (file, line, field) only when it is not CSV, lacks a track name
//   or artist column, has no data rows, or keeps no usable row (or when more than 255 files
//   are given at once);
// - the rows are read in parallel and kept in file order: the catalog and its report are the
//   same at any thread count.
// Throws gdbm::Cancelled if *cancel becomes true.
Catalog loadDataset(const std::vector<std::string>& paths, const ProgressCallback& progress = {},
                    const CancelFlag* cancel = nullptr);

// The same from documents already parsed (for tests and for data that does not come from disk).
Catalog loadDocuments(const std::vector<CsvDocument>& documents, const ProgressCallback& progress = {},
                      const CancelFlag* cancel = nullptr);

} // namespace gdbm::data
