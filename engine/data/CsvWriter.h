#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace gdbm::data {

// Writes RFC 4180 CSV: LF line ends, UTF-8, a field quoted only when it holds a comma, a
// quote, or a line break (quotes doubled), or when quoteAll is set (Exportify's style).
class CsvWriter
{
public:
    explicit CsvWriter(std::ostream& out, bool quoteAll = false) : m_out(out), m_quoteAll(quoteAll) {}

    void writeRow(const std::vector<std::string>& fields);
    void writeRow(const std::vector<std::string_view>& fields);
    void writeRow(std::initializer_list<std::string_view> fields);

private:
    void writeField(std::string_view field);
    template <typename Fields>
    void writeFields(const Fields& fields); // a row of them, comma-separated

    std::ostream& m_out;
    bool m_quoteAll;
};

} // namespace gdbm::data
