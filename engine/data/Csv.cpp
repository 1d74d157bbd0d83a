#include "data/Csv.h"

#include "core/Error.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gdbm::data {
namespace {

// Code points of Windows-1252 bytes 0x80..0x9F; 0 marks the five unassigned bytes, which we
// map to U+FFFD rather than guessing.
constexpr std::array<std::uint16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

void appendUtf8(std::string& out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// Parses the records of a text in place: the fields it returns view the text, and a quoted
// field's doubled quotes are folded into the text's own bytes (behind the read position).
class Parser
{
public:
    Parser(std::string& text, const std::string& fileName, char delimiter)
        : m_text(text), m_fileName(fileName), m_delimiter(delimiter)
    {
        for (char stop : {delimiter, '\r', '\n'})
            m_stops[static_cast<unsigned char>(stop)] = true;
    }

    std::vector<CsvRow> parse()
    {
        std::vector<CsvRow> rows;
        // Every record is expected to have the header's number of fields: reserving them spares
        // a million-row file millions of reallocations (a vector grows 1, 2, 4, ... 32).
        std::size_t expectedFields = 0;
        while (m_pos < m_text.size()) {
            CsvRow row;
            row.line = m_line;
            row.fields.reserve(expectedFields);
            if (parseRecord(row.fields)) {
                if (rows.empty())
                    expectedFields = row.fields.size();
                rows.push_back(std::move(row));
            }
        }
        return rows;
    }

private:
    [[noreturn]] void fail(std::size_t line, std::size_t column, const std::string& reason) const
    {
        throw InputError({m_fileName, line, column, {}}, reason);
    }

    // Consumes one record and its line end. Returns false for a blank line.
    bool parseRecord(std::vector<std::string_view>& fields)
    {
        if (atLineEnd()) {
            consumeLineEnd();
            return false;
        }
        while (true) {
            fields.push_back(parseField(fields.size() + 1));
            if (m_pos >= m_text.size())
                return true;
            if (m_text[m_pos] == m_delimiter) {
                ++m_pos;
                continue;
            }
            consumeLineEnd();
            return true;
        }
    }

    std::string_view parseField(std::size_t column)
    {
        if (m_pos < m_text.size() && m_text[m_pos] == '"')
            return parseQuotedField(column);
        // Unquoted: everything up to the next delimiter or line end.
        const std::size_t start = m_pos;
        const std::size_t size = m_text.size();
        while (m_pos < size && !m_stops[static_cast<unsigned char>(m_text[m_pos])])
            ++m_pos;
        return std::string_view(m_text).substr(start, m_pos - start);
    }

    std::string_view parseQuotedField(std::size_t column)
    {
        const std::size_t startLine = m_line;
        ++m_pos;
        // The field's bytes end up from `begin` on: each run between quotes is moved back over
        // the quotes folded before it.
        const std::size_t begin = m_pos;
        std::size_t end = begin;
        while (true) {
            const std::size_t quote = m_text.find('"', m_pos);
            if (quote == std::string::npos)
                fail(startLine, column, "unterminated quoted field (the closing quote is missing)");
            m_line +=
                std::size_t(std::count(m_text.begin() + long(m_pos), m_text.begin() + long(quote), '\n'));
            if (end != m_pos)
                std::memmove(m_text.data() + end, m_text.data() + m_pos, quote - m_pos);
            end += quote - m_pos;
            m_pos = quote + 1;
            if (m_pos < m_text.size() && m_text[m_pos] == '"') {
                m_text[end++] = '"'; // a doubled quote stands for one
                ++m_pos;
                continue;
            }
            break;
        }
        if (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && !atLineEnd()) {
            if (m_line == startLine)
                fail(m_line, column, "unexpected text after the closing quote of a quoted field");
            // A field that ran over lines to a quote not its own: the place to look is where it
            // opened (the usual cause is a stray quote there), not where the parse gave up.
            fail(startLine, column,
                 "this quoted field runs on to line " + std::to_string(m_line) +
                     ", where text follows what would be its closing quote: a quote is missing or "
                     "stray (a quote inside a field is written twice)");
        }
        return std::string_view(m_text).substr(begin, end - begin);
    }

    bool atLineEnd() const
    {
        return m_pos < m_text.size() && (m_text[m_pos] == '\n' || m_text[m_pos] == '\r');
    }

    void consumeLineEnd()
    {
        if (m_pos < m_text.size() && m_text[m_pos] == '\r')
            ++m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == '\n')
            ++m_pos;
        ++m_line;
    }

    std::string& m_text;
    const std::string& m_fileName;
    char m_delimiter;
    std::array<bool, 256> m_stops{}; // what ends an unquoted field
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
};

} // namespace

char sniffDelimiter(std::string_view text)
{
    // Count each candidate in the first line, outside quotes: spreadsheets in locales with a
    // decimal comma write ';', some tools tabs. The most frequent wins; ',' when none occurs.
    std::size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ',')
            ++commas;
        else if (!quoted && c == ';')
            ++semicolons;
        else if (!quoted && c == '\t')
            ++tabs;
    }
    if (semicolons > commas && semicolons >= tabs)
        return ';';
    if (tabs > commas && tabs > semicolons)
        return '\t';
    return ',';
}

bool isValidUtf8(const std::string& bytes)
{
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        // ASCII, the bulk of a dataset, eight bytes at a time.
        if (i + 8 <= n) {
            std::uint64_t word = 0;
            std::memcpy(&word, s + i, 8);
            if ((word & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= n)
            return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        const bool overlong = (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000);
        if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

std::string windows1252ToUtf8(const std::string& bytes)
{
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80)
            out += ch;
        else if (c < 0xA0)
            appendUtf8(out, kCp1252High[c - 0x80] ? kCp1252High[c - 0x80] : 0xFFFD);
        else
            appendUtf8(out, c);
    }
    return out;
}

CsvDocument parseCsv(std::string bytes, const std::string& fileName)
{
    CsvDocument doc;
    doc.fileName = fileName;
    if (bytes.empty())
        throw InputError({fileName, 0, 0, {}}, "the file is empty");

    if (const auto nul = bytes.find('\0'); nul != std::string::npos) {
        const std::size_t line = 1 + std::size_t(std::count(bytes.begin(), bytes.begin() + long(nul), '\n'));
        throw InputError({fileName, line, 0, {}}, "not a text file (binary data: a NUL byte)");
    }

    // The text is decoded and parsed where it will stay: the fields view it.
    const auto text = std::make_shared<std::string>(std::move(bytes));
    if (text->size() >= 3 && text->compare(0, 3, "\xEF\xBB\xBF") == 0) {
        text->erase(0, 3);
        doc.encoding = "UTF-8 with BOM";
    } else {
        doc.encoding = "UTF-8";
    }
    if (!isValidUtf8(*text)) {
        *text = windows1252ToUtf8(*text);
        doc.encoding = "Windows-1252";
    }

    doc.delimiter = sniffDelimiter(*text);
    std::vector<CsvRow> rows = Parser(*text, fileName, doc.delimiter).parse();
    if (rows.empty())
        throw InputError({fileName, 0, 0, {}}, "the file has no header line");
    doc.header.assign(rows.front().fields.begin(), rows.front().fields.end());
    rows.erase(rows.begin());
    doc.rows = std::move(rows);
    doc.text = text;
    return doc;
}

CsvDocument readCsvFile(const std::string& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError({path, 0, 0, {}}, "is a folder, not a CSV file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError({path, 0, 0, {}}, std::string("cannot open the file: ") + std::strerror(errno));
    // Read at once into a buffer of the file's size (a stream buffer would grow by doubling and
    // copy a large file several times over); anything beyond that size, for a file that grows
    // while it is read, is appended after.
    const auto size = std::filesystem::file_size(path, ec);
    std::string bytes(ec ? 0 : std::size_t(size), '\0');
    in.read(bytes.data(), std::streamsize(bytes.size()));
    bytes.resize(std::size_t(in.gcount()));
    if (in.eof() && !in.bad())
        in.clear();
    std::ostringstream rest;
    if (in.good() && in.peek() != std::char_traits<char>::eof())
        rest << in.rdbuf();
    if (in.bad())
        throw InputError({path, 0, 0, {}}, "cannot read the file");
    bytes += std::move(rest).str();
    return parseCsv(std::move(bytes), path);
}

} // namespace gdbm::data
