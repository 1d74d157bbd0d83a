#include "core/AtomicFile.h"

#include "core/Error.h"

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

} // namespace

std::string createTemporaryFile(const std::string& path, const std::string& tag)
{
    // A random suffix, retried when taken: mkstemp would do the same but creates the file 0600,
    // and the file becomes the user's document, which should get the usual umask permissions.
    static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string temp = path + tag;
        for (int i = 0; i < 6; ++i)
            temp += kChars[random() % (sizeof kChars - 1)];
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
    syncFile(temp, path);
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec)
        throw InputError({path, 0, 0, {}}, "cannot replace the file: " + ec.message());
    const std::string folder = std::filesystem::path(path).parent_path().string();
    syncFolder(folder.empty() ? "." : folder);
}

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write)
{
    // A name of its own: two writes of the same path (from two threads) never share one.
    const std::string temp = createTemporaryFile(path, ".tmp-");
    try {
        {
            std::ofstream out(temp, std::ios::binary | std::ios::trunc);
            if (!out)
                throw InputError({path, 0, 0, {}},
                                 std::string("cannot write the file: ") + std::strerror(errno));
            write(out);
            out.flush();
            if (!out)
                throw InputError({path, 0, 0, {}}, "cannot write the file (disk full?)");
        }
        replaceFile(temp, path);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw;
    }
}

} // namespace gdbm
