#pragma once

#include "core/Progress.h"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace gdbm {

// Writes a file so that readers see either the old content or the new, never a part: the
// content goes to a temporary file in the same folder, is flushed to disk, then renamed over
// the target. If `write` throws, the target is untouched and the temporary file removed.
// A symbolic link is written through, as editors do: the file it points to is replaced and the
// link stays. A path that exists and is not a regular file (a folder, a device, a FIFO, a
// socket) is refused before anything is written.
// Throws InputError naming the path when the file cannot be written.
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// Several files that belong together (a simulation's two CSV files): every one is written to its
// temporary file first, and only then are they renamed over their targets, so that a failure
// while writing (a full disk) leaves the old set whole, never a new file beside an old one. Until
// the last rename, the old files stay under other names (hard links, "<name>.old-XXXXXX"): a
// rename that fails puts the files renamed before it back (or removes them where there was no
// old file). A cancel (*cancel set) before the renames throws gdbm::Cancelled and leaves the
// old files.
struct FileWrite
{
    std::string path;
    std::function<void(std::ostream&)> write;
};
void writeFilesAtomically(const std::vector<FileWrite>& files, const CancelFlag* cancel = nullptr);

// What writeFileAtomically checks before it writes, for callers that want to refuse a bad
// output path before a long job rather than after: `path` (after its symbolic links) names a
// regular file or nothing yet, in a folder that exists and that this process may write to.
// Throws InputError naming `path` otherwise.
void checkOutputPath(const std::string& path);

// The pieces of writeFileAtomically, for writers that cannot go through a stream (a database):
// createTemporaryFile makes a new empty file beside the file `path` resolves to (see above)
// whose name starts with that name + `tag` and no other writer can have (created exclusively);
// replaceFile flushes the finished temporary file to disk, renames it over that file and
// flushes the folder. Both refuse what writeFileAtomically refuses and throw InputError naming
// `path`; on failure the caller removes the temporary file.
std::string createTemporaryFile(const std::string& path, const std::string& tag);
void replaceFile(const std::string& temp, const std::string& path);

} // namespace gdbm
