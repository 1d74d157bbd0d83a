#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace gdbm {

// Where a problem in a user's input was found. Every part is optional: line and column are
// 1-based and 0 when unknown; field names a column, a JSON key or an archetype's field.
struct InputLocation
{
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;
    std::string field;
};

// An error in something the user gave us (a dataset, an archetype set, a model file).
// what() is one line: "file:line:column: field 'x': reason", leaving out the unknown parts,
// so that the CLI can print it as it is and the UI can show it in a message box.
class InputError : public std::runtime_error
{
public:
    InputError(InputLocation location, const std::string& reason);

    const InputLocation& location() const { return m_location; }
    const std::string& reason() const { return m_reason; }

private:
    InputLocation m_location;
    std::string m_reason;
};

// Thrown when a long job stops because its cancel flag was set or its observer asked to stop.
class Cancelled : public std::runtime_error
{
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

} // namespace gdbm
