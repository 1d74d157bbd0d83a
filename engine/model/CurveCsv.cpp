#include "model/CurveCsv.h"

#include "core/AtomicFile.h"
#include "core/Text.h"
#include "data/CsvWriter.h"

#include <algorithm>
#include <cmath>

namespace gdbm::model {
namespace {

// A missing value stays an empty field: spreadsheets and pandas read it as missing, not as text.
std::string number(double value)
{
    return std::isfinite(value) ? text::formatDouble(value) : std::string();
}

} // namespace

void writeCurvesCsv(const std::vector<EpochStats>& curves, std::ostream& out)
{
    // A multimodal layer 1's modalities, in the order they first appear: two columns each.
    std::vector<std::string> groups;
    for (const EpochStats& s : curves) {
        for (const GroupError& g : s.groups) {
            if (std::find(groups.begin(), groups.end(), g.name) == groups.end())
                groups.push_back(g.name);
        }
    }
    data::CsvWriter csv(out);
    std::vector<std::string> header = {
        "phase", "layer", "epoch", "mse_train", "mse_validation", "samples_per_second", "elapsed_s"};
    for (const std::string& g : groups) {
        header.push_back(g + "_train");
        header.push_back(g + "_validation");
    }
    csv.writeRow(header);
    for (const EpochStats& s : curves) {
        std::vector<std::string> row{std::string(phaseName(s.phase)), std::to_string(s.layer + 1),
                                     std::to_string(s.epoch),         number(s.mseTrain),
                                     number(s.mseValidation),         number(s.samplesPerSecond),
                                     number(s.elapsedSeconds)};
        for (const std::string& name : groups) {
            const auto g = std::find_if(s.groups.begin(), s.groups.end(),
                                        [&](const GroupError& e) { return e.name == name; });
            row.push_back(g != s.groups.end() ? number(g->train) : std::string());
            row.push_back(g != s.groups.end() ? number(g->validation) : std::string());
        }
        csv.writeRow(row);
    }
}

void saveCurvesCsv(const std::vector<EpochStats>& curves, const std::string& path)
{
    writeFileAtomically(path, [&](std::ostream& out) { writeCurvesCsv(curves, out); });
}

} // namespace gdbm::model
