#include "data/CsvWriter.h"

namespace gdbm::data {

void CsvWriter::writeField(std::string_view field)
{
    const bool quote = m_quoteAll || field.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote) {
        m_out << field;
        return;
    }
    m_out << '"';
    for (char c : field) {
        if (c == '"')
            m_out << '"';
        m_out << c;
    }
    m_out << '"';
}

void CsvWriter::writeRow(const std::vector<std::string>& fields)
{
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            m_out << ',';
        writeField(fields[i]);
    }
    m_out << '\n';
}

void CsvWriter::writeRow(std::initializer_list<std::string_view> fields)
{
    bool first = true;
    for (std::string_view field : fields) {
        if (!first)
            m_out << ',';
        writeField(field);
        first = false;
    }
    m_out << '\n';
}

} // namespace gdbm::data
