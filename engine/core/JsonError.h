#pragma once

#include <string>

namespace gdbm {

// The reason in an nlohmann::json exception's what(), for an InputError: without the library's
// "[json.exception.out_of_range.406] " prefix, which means nothing to the user.
inline std::string jsonErrorReason(const std::string& what)
{
    if (what.rfind("[json.exception.", 0) == 0) {
        if (const auto end = what.find("] "); end != std::string::npos)
            return what.substr(end + 2);
    }
    return what;
}

} // namespace gdbm
