#pragma once

#include "project/SqliteDb.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gdbm::project {

// Lists of genre or artist ids as one text column: "3 17 42" ("" for none).
std::string formatIds(const std::vector<std::uint32_t>& ids);

// Reads such a list from a column of the current row; each id must be below `count`.
// `what` names an id in errors: "genre 7 is beyond the 5 genres".
std::vector<std::uint32_t> parseIds(SqliteStatement& row, int column, std::size_t count,
                                    const std::string& what);

} // namespace gdbm::project
