#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace gdbm::data {

// A row of a dataset file, for messages: the file's name without its folder, and its line.
struct SourceRow
{
    std::string file;
    std::size_t line = 0;
    bool operator==(const SourceRow&) const = default;
};

// What a load read, kept and dropped, and how it read the columns: for the Data page, the CLI
// and the project file.
struct LoadReport
{
    // One reason rows were dropped for ("'Key' is not a number", "missing Energy"), how many,
    // and where the first few of them are, so that the user can look at them.
    using RowRef = SourceRow;
    struct Drop
    {
        std::string reason;
        std::size_t rows = 0;
        std::vector<RowRef> examples; // the first rows dropped for it, at most kDropExamples
    };
    static constexpr std::size_t kDropExamples = 5;

    std::vector<std::string> files;
    std::size_t rowsRead = 0;   // data rows in all files
    std::size_t rowsMerged = 0; // rows after joining the files
    std::size_t rowsKept = 0;
    std::vector<Drop> dropped; // one entry per reason, in the order first seen
    // Columns read in another unit than Spotify's, and why: "energy_%: a percentage column,
    // divided by 100", "Length (Duration): values around 215, read as seconds".
    std::vector<std::string> conversions;
    std::vector<std::string> notes; // columns absent from the files, ...

    // Counts `rows` dropped rows; `where` is kept among the reason's examples while there are
    // fewer than kDropExamples (a row without a line, line 0, is counted but not listed).
    void drop(const std::string& reason, const RowRef& where = {}, std::size_t rows = 1);
    std::size_t droppedTotal() const;
};

// "12 rows: 'Key' is not a number (top10s.csv lines 45, 99, 102 and 9 more)": one line.
std::string describeDrop(const LoadReport::Drop& drop);

} // namespace gdbm::data
