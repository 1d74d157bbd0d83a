#include "core/AtomicFile.h"

#include "core/Error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace gdbm {
namespace {

void syncFile(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write)
{
    const std::string temp = path + ".tmp-" + std::to_string(::getpid());
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
        syncFile(temp);
        std::error_code ec;
        std::filesystem::rename(temp, path, ec);
        if (ec)
            throw InputError({path, 0, 0, {}}, "cannot replace the file: " + ec.message());
        const std::string folder = std::filesystem::path(path).parent_path().string();
        syncFile(folder.empty() ? "." : folder);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw;
    }
}

} // namespace gdbm
