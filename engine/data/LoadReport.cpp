#include "data/LoadReport.h"

#include "core/Text.h"

namespace gdbm::data {

void LoadReport::drop(const std::string& reason, const RowRef& where, std::size_t rows)
{
    Drop* entry = nullptr;
    for (Drop& d : dropped) {
        if (d.reason == reason)
            entry = &d;
    }
    if (!entry)
        entry = &dropped.emplace_back(Drop{reason, 0, {}});
    entry->rows += rows;
    if (where.line > 0 && entry->examples.size() < kDropExamples)
        entry->examples.push_back(where);
}

std::size_t LoadReport::droppedTotal() const
{
    std::size_t total = 0;
    for (const Drop& d : dropped)
        total += d.rows;
    return total;
}

std::string describeDrop(const LoadReport::Drop& drop)
{
    std::string out = text::withThousands((long long)drop.rows) + (drop.rows == 1 ? " row: " : " rows: ");
    out += drop.reason;
    if (drop.examples.empty())
        return out;
    // Runs of examples from one file share its name: "a.csv lines 4, 9; b.csv line 2".
    out += " (";
    for (std::size_t i = 0; i < drop.examples.size();) {
        std::size_t end = i;
        while (end < drop.examples.size() && drop.examples[end].file == drop.examples[i].file)
            ++end;
        if (i > 0)
            out += "; ";
        out += drop.examples[i].file + (end - i == 1 ? " line " : " lines ");
        for (std::size_t k = i; k < end; ++k)
            out += (k > i ? ", " : "") + std::to_string(drop.examples[k].line);
        i = end;
    }
    if (drop.rows > drop.examples.size())
        out += " and " + text::withThousands((long long)(drop.rows - drop.examples.size())) + " more";
    out += ")";
    return out;
}

} // namespace gdbm::data
