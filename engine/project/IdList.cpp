#include "project/IdList.h"

#include <charconv>

namespace gdbm::project {

std::string formatIds(const std::vector<std::uint32_t>& ids)
{
    std::string text;
    for (std::uint32_t id : ids) {
        if (!text.empty())
            text += ' ';
        text += std::to_string(id);
    }
    return text;
}

std::vector<std::uint32_t> parseIds(SqliteStatement& row, int column, std::size_t count,
                                    const std::string& what)
{
    const std::string text = row.text(column);
    std::vector<std::uint32_t> ids;
    const char* at = text.data();
    const char* const end = text.data() + text.size();
    while (at != end) {
        if (!ids.empty()) {
            if (*at != ' ')
                row.fail(column, "expected ids separated by spaces, found '" + text + "'");
            ++at;
        }
        std::uint32_t id = 0;
        const auto [next, error] = std::from_chars(at, end, id);
        if (error != std::errc() || next == at)
            row.fail(column, "expected ids separated by spaces, found '" + text + "'");
        if (id >= count)
            row.fail(column, what + " " + std::to_string(id) + " is beyond the " + std::to_string(count) +
                                 " " + what + "s");
        ids.push_back(id);
        at = next;
    }
    return ids;
}

} // namespace gdbm::project
