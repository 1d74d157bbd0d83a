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

} // namespace gdbm
