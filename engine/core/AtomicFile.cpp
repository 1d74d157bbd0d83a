#include "core/AtomicFile.h"

#include "core/Error.h"
#include "core/FileChecks.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>

namespace gdbm {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void refuse(const std::string& path, const std::string& reason)
{
    throw InputError({path, 0, 0, {}}, reason);
}

// `path` with its symbolic links followed, so that a write through a link replaces the file the
// link points to and keeps the link (as editors save). A dangling link gives the path it names.
fs::path followLinks(const std::string& path)
{
    fs::path p = path;
    for (int hops = 0; hops < 40; ++hops) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(p, ec)))
            return p;
        const fs::path target = fs::read_symlink(p, ec);
        if (ec)
            refuse(path, "cannot follow the symbolic link: " + ec.message());
        p = target.is_absolute() ? target : p.parent_path() / target;
    }
    refuse(path, "cannot follow the symbolic link: too many levels of links");
}

// The file a write to `path` replaces: a regular file or a new name, in a folder that exists
// and that this process may write to. Renaming over anything else would turn a device, a FIFO
// or a link into a regular file, so it is refused before anything is written.
fs::path outputTarget(const std::string& path)
{
    if (path.empty())
        refuse(path, "no file name given");
    const fs::path target = followLinks(path);
    std::error_code ec;
    const fs::file_status status = fs::status(target, ec);
    if (status.type() == fs::file_type::none)
        refuse(path, "cannot write the file: " + ec.message());
    if (fs::exists(status) && !fs::is_regular_file(status))
        refuse(path, "this is " + describeFileType(status.type()) + ", not a file that can be written");
    if (!target.has_filename())
        refuse(path, "this names a folder, not a file");
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const fs::file_status folderStatus = fs::status(folder, ec);
    if (!fs::exists(folderStatus))
        refuse(path, "cannot write the file: the folder '" + folder.string() + "' does not exist");
    if (!fs::is_directory(folderStatus))
        refuse(path, "cannot write the file: '" + folder.string() + "' is not a folder");
    if (::access(folder.c_str(), W_OK | X_OK) != 0)
        refuse(path, "cannot write in the folder '" + folder.string() + "': " + std::strerror(errno));
    return target;
}

// Flushes the new file's data to disk before it replaces the old one: if that fails, the old
// file must stay, so the failure is an error.
void syncFile(const std::string& temp, const std::string& path)
{
    const int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw InputError({path, 0, 0, {}}, std::string("cannot write the file: ") + std::strerror(errno));
    const int synced = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (synced != 0)
        throw InputError({path, 0, 0, {}},
                         std::string("cannot write the file to disk: ") + std::strerror(error));
}

// Makes the rename itself durable. Best effort: some file systems cannot sync a folder, and
// the new file is complete either way.
void syncFolder(const std::string& folder)
{
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

std::string randomSuffix()
{
    static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device random;
    std::string suffix;
    for (int i = 0; i < 6; ++i)
        suffix += kChars[random() % (sizeof kChars - 1)];
    return suffix;
}

// Another name for the file `target` (a hard link, or a copy where the file system has none),
// so that it can be put back after a later rename of the set failed; "" when there is no file.
std::string keepOldFile(const fs::path& target, const std::string& path)
{
    std::error_code ec;
    if (!fs::exists(target, ec))
        return {};
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::string kept = target.string() + ".old-" + randomSuffix();
        fs::create_hard_link(target, kept, ec);
        if (ec && ec != std::errc::file_exists) {
            fs::copy_file(target, kept, ec);
            if (ec && ec != std::errc::file_exists) {
                std::error_code ignored;
                fs::remove(kept, ignored); // a copy that stopped half-way
            }
        }
        if (!ec)
            return kept;
        if (ec != std::errc::file_exists)
            throw InputError({path, 0, 0, {}},
                             "cannot keep the old file while the new ones replace it: " + ec.message());
    }
    throw InputError({path, 0, 0, {}}, "cannot keep the old file: no free name");
}

} // namespace

void checkOutputPath(const std::string& path)
{
    // access() allows root everything and knows nothing of read-only mounts: try a real file.
    const std::string probe = createTemporaryFile(path, ".check-");
    std::error_code ignored;
    fs::remove(probe, ignored);
}

std::string createTemporaryFile(const std::string& path, const std::string& tag)
{
    const std::string target = outputTarget(path).string();
    // A random suffix, retried when taken: mkstemp would do the same but creates the file 0600,
    // and the file becomes the user's document, which should get the usual umask permissions.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::string temp = target + tag + randomSuffix();
        const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            ::close(fd);
            return temp;
        }
        if (errno != EEXIST)
            throw InputError({path, 0, 0, {}}, std::string("cannot write the file: ") + std::strerror(errno));
    }
    throw InputError({path, 0, 0, {}}, "cannot write the file: no free temporary file name");
}

void replaceFile(const std::string& temp, const std::string& path)
{
    const fs::path target = outputTarget(path);
    syncFile(temp, path);
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec)
        throw InputError({path, 0, 0, {}}, "cannot replace the file: " + ec.message());
    syncFolder(target.has_parent_path() ? target.parent_path().string() : ".");
}

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write)
{
    writeFilesAtomically({{path, write}});
}

void writeFilesAtomically(const std::vector<FileWrite>& files, const CancelFlag* cancel)
{
    const auto removeKept = [](const std::vector<std::string>& names) {
        std::error_code ignored;
        for (const std::string& name : names) {
            if (!name.empty())
                fs::remove(name, ignored);
        }
    };
    std::vector<std::string> temps;
    std::vector<fs::path> targets; // of every file but the last
    std::vector<std::string> kept; // their old files' other names ("" where there was none)
    std::size_t renamed = 0;
    try {
        for (const FileWrite& file : files) {
            // A name of its own: two writes of the same path (from two threads) never share one.
            // It also refuses a path that is not a regular file before anything is written.
            temps.push_back(createTemporaryFile(file.path, ".tmp-"));
            std::ofstream out(temps.back(), std::ios::binary | std::ios::trunc);
            if (!out)
                throw InputError({file.path, 0, 0, {}},
                                 std::string("cannot write the file: ") + std::strerror(errno));
            file.write(out);
            out.flush();
            if (!out)
                throw InputError({file.path, 0, 0, {}}, "cannot write the file (disk full?)");
        }
        // Only once every file is written: a failure above leaves all of them as they were.
        if (cancel && cancel->load())
            throw Cancelled();
        // Every file but the last is kept under another name until the last rename is done: a
        // rename that fails puts the ones before it back, so the set stays whole, old or new.
        for (std::size_t i = 0; i + 1 < files.size(); ++i) {
            targets.push_back(outputTarget(files[i].path));
            kept.push_back(keepOldFile(targets.back(), files[i].path));
        }
        for (std::size_t i = 0; i < files.size(); ++i) {
            replaceFile(temps[i], files[i].path);
            temps[i].clear();
            renamed = i + 1;
        }
    } catch (...) {
        std::error_code ec;
        for (const std::string& temp : temps) {
            if (!temp.empty())
                fs::remove(temp, ec);
        }
        // Best effort: the error that stopped the renames is the one to report.
        for (std::size_t i = 0; i < renamed && i < kept.size(); ++i) {
            if (kept[i].empty()) {
                fs::remove(targets[i], ec); // there was no old file
                continue;
            }
            fs::rename(kept[i], targets[i], ec);
            // Restored, or (the rename failed) the only copy of the old file: left where it is.
            kept[i].clear();
        }
        removeKept(kept);
        throw;
    }
    removeKept(kept);
}

} // namespace gdbm
