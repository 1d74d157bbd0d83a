#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gdbm::data {

struct CsvRow
{
    // Views into the document's text (CsvDocument::text); a field set by a caller views text
    // the caller keeps alive while the document is used.
    std::vector<std::string_view> fields;
    std::size_t line = 0; // 1-based line on which the record starts
};

// A parsed CSV file: its header, its records and how its bytes were decoded.
struct CsvDocument
{
    std::string fileName; // the name used in error messages
    std::string encoding; // "UTF-8", "UTF-8 with BOM" or "Windows-1252"
    char delimiter = ','; // ',', ';' or '\t', as sniffed from the header line
    std::vector<std::string> header;
    std::vector<CsvRow> rows;
    // The decoded file, which the rows' fields view (a quoted field is unescaped in place, so no
    // field is a copy). Shared by the document's copies; the string never moves, so the views
    // stay valid as the document is copied or moved.
    std::shared_ptr<const std::string> text;
};

// Parses RFC 4180 CSV: quoted fields holding commas, doubled quotes and line breaks; LF or CRLF
// line ends; the delimiter sniffed from the header line (',', or ';' or tab when those are
// more frequent there); UTF-8 with or without a byte-order mark, or Windows-1252 when the bytes are not
// valid UTF-8 (converted to UTF-8). Blank lines are skipped.
// Throws InputError (file, line, column) for an empty file, a NUL byte (binary data), an
// unterminated quoted field, or text after a closing quote.
CsvDocument parseCsv(std::string bytes, const std::string& fileName);

// Reads and parses a file; a file that cannot be opened is an InputError naming it.
CsvDocument readCsvFile(const std::string& path);

// The delimiter of a CSV text: the most frequent of ',', ';' and tab in its first line outside
// quotes; ',' when none occurs.
char sniffDelimiter(std::string_view text);

// True when the bytes are well-formed UTF-8 (no overlongs, no surrogates).
bool isValidUtf8(const std::string& bytes);
// Converts Windows-1252 bytes to UTF-8.
std::string windows1252ToUtf8(const std::string& bytes);

} // namespace gdbm::data
