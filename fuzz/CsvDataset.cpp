#include "FuzzTargets.h"
#include "core/Error.h"
#include "data/Csv.h"
#include "data/DatasetLoader.h"

namespace gdbm::fuzz {

void csvDataset(std::string_view bytes)
{
    try {
        const data::CsvDocument document = data::parseCsv(std::string(bytes), "fuzz.csv");
        data::loadDocuments({document});
    } catch (const InputError&) {
    }
}

} // namespace gdbm::fuzz
