#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace gdbm {

// Writes a file so that readers see either the old content or the new, never a part: the
// content goes to a temporary file in the same folder, is flushed to disk, then renamed over
// the target. If `write` throws, the target is untouched and the temporary file removed.
// Throws InputError naming the path when the file cannot be written.
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// The pieces of writeFileAtomically, for writers that cannot go through a stream (a database):
// createTemporaryFile makes a new empty file beside `path` whose name starts with `path + tag`
// and no other writer can have (created exclusively); replaceFile flushes the finished
// temporary file to disk, renames it over `path` and flushes the folder. Both throw InputError
// naming `path`; on failure the caller removes the temporary file.
std::string createTemporaryFile(const std::string& path, const std::string& tag);
void replaceFile(const std::string& temp, const std::string& path);

} // namespace gdbm
