#include "core/Error.h"

namespace gdbm {
namespace {

std::string describe(const InputLocation& where, const std::string& reason)
{
    std::string text = where.file;
    if (where.line > 0) {
        text += text.empty() ? "line " : ":";
        text += std::to_string(where.line);
        if (where.column > 0) {
            text += ':';
            text += std::to_string(where.column);
        }
    }
    if (!where.field.empty()) {
        if (!text.empty())
            text += ": ";
        text += "field '" + where.field + "'";
    }
    return text.empty() ? reason : text + ": " + reason;
}

} // namespace

InputError::InputError(InputLocation location, const std::string& reason)
    : std::runtime_error(describe(location, reason)), m_location(std::move(location)), m_reason(reason)
{}

} // namespace gdbm
