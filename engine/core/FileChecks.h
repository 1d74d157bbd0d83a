#pragma once

#include "core/Error.h"

#include <filesystem>
#include <string>

namespace gdbm {

// What a path is, for messages: "a folder", "a device", "a FIFO (named pipe)", "a socket".
inline std::string describeFileType(std::filesystem::file_type type)
{
    switch (type) {
    case std::filesystem::file_type::directory:
        return "a folder";
    case std::filesystem::file_type::block:
    case std::filesystem::file_type::character:
        return "a device";
    case std::filesystem::file_type::fifo:
        return "a FIFO (named pipe)";
    case std::filesystem::file_type::socket:
        return "a socket";
    default:
        return "not a regular file";
    }
}

// Refuses an input path that exists and is not a regular file (after its symbolic links), with
// an InputError naming it: reading a folder fails obscurely, a FIFO can block forever and a
// device such as /dev/zero never ends. `what` names the file for the message ("model file").
// A path that does not exist passes: opening it reports that.
inline void requireRegularFile(const std::string& path, const std::string& what)
{
    std::error_code ec;
    const std::filesystem::file_status status = std::filesystem::status(path, ec);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        throw InputError({path, 0, 0, {}}, "this is " + describeFileType(status.type()) + ", not a " + what);
}

} // namespace gdbm
