#include "model/CurveCsv.h"

#include "core/AtomicFile.h"
#include "core/Text.h"
#include "data/CsvWriter.h"

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
    data::CsvWriter csv(out);
    csv.writeRow(
        {"phase", "layer", "epoch", "mse_train", "mse_validation", "samples_per_second", "elapsed_s"});
    for (const EpochStats& s : curves)
        csv.writeRow(std::vector<std::string>{std::string(phaseName(s.phase)), std::to_string(s.layer + 1),
                                              std::to_string(s.epoch), number(s.mseTrain),
                                              number(s.mseValidation), number(s.samplesPerSecond),
                                              number(s.elapsedSeconds)});
}

void saveCurvesCsv(const std::vector<EpochStats>& curves, const std::string& path)
{
    writeFileAtomically(path, [&](std::ostream& out) { writeCurvesCsv(curves, out); });
}

} // namespace gdbm::model
