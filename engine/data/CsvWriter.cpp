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

template <typename Fields>
void CsvWriter::writeFields(const Fields& fields)
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

void CsvWriter::writeRow(const std::vector<std::string>& fields)
{
    writeFields(fields);
}

void CsvWriter::writeRow(const std::vector<std::string_view>& fields)
{
    writeFields(fields);
}

void CsvWriter::writeRow(std::initializer_list<std::string_view> fields)
{
    writeFields(fields);
}

} // namespace gdbm::data
