#include "CliCommon.h"
#include "Commands.h"
#include "core/AtomicFile.h"
#include "core/Text.h"
#include "data/DemoCatalog.h"
#include "data/ExportifyWriter.h"

namespace gdbm::cli {

int runCatalog(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({"demo", "Generate the built-in demo catalog (synthetic)."});
    const data::DemoCatalogParams d;
    parser.addOption(optionWithDefault("tracks", "Number of tracks", "N", qulonglong(d.tracks)));
    parser.addOption(optionWithDefault("seed", "Random seed", "S", qulonglong(d.seed)));
    parser.addOption({"out", "The CSV file to write (Exportify schema).", "FILE"});
    parseOrExit(parser, args, "Writes the demo catalog as an Exportify-style CSV file.");
    if (!parser.isSet("demo"))
        throw UsageError{"catalog needs --demo (the only catalog it can write)"};
    if (!parser.isSet("out"))
        throw UsageError{"catalog needs --out FILE"};

    data::DemoCatalogParams params;
    params.tracks = std::size_t(sizeOption(parser, "tracks", 1, kMaxTracks, "the memory the catalog takes"));
    params.seed = std::uint64_t(integerOption(parser, "seed", 0, std::numeric_limits<long long>::max()));
    const std::string out = outputFile(parser, "out");
    const data::Catalog catalog = data::generateDemoCatalog(params, stderrProgress(), &interrupted());
    writeFileAtomically(out, [&](std::ostream& stream) { data::writeExportifyCsv(catalog, stream); });
    printInfo("wrote " + text::withThousands((long long)catalog.size()) + " tracks to " + out);
    return kExitOk;
}

} // namespace gdbm::cli
