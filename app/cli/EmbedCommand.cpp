#include "CliCommon.h"
#include "Commands.h"
#include "core/AtomicFile.h"
#include "core/Text.h"
#include "data/CsvWriter.h"
#include "model/ModelFile.h"
#include "rec/CatalogEmbedding.h"

namespace gdbm::cli {

int runEmbed(const QStringList& args)
{
    QCommandLineParser parser;
    addDataOptions(parser);
    parser.addOption({"model", "A model file written by gdbm-cli train or GDBM Studio.", "MODEL"});
    parser.addOption({"embedding", "all (every hidden layer, default), top or reconstruction.", "KIND",
                      QString::fromLatin1(rec::embeddingKey(rec::kDefaultEmbedding))});
    parser.addOption({"out", "The CSV file to write: track_id, track_name, artist_name, e1, e2, ...", "CSV"});
    parseOrExit(parser, args, "Embeds every song of a dataset with a trained model.");
    if (!parser.isSet("model") || !parser.isSet("out"))
        throw UsageError{"embed needs --model MODEL and --out CSV"};
    const auto kind = rec::embeddingFromKey(parser.value("embedding").toStdString());
    if (!kind)
        throw UsageError{"--embedding must be top, all or reconstruction"};

    const std::string out = outputFile(parser, "out");
    const model::Model model = model::loadModel(parser.value("model").toStdString());
    const data::Catalog catalog = loadCatalog(parser);
    const Matrix embeddings = rec::embedCatalog(model, catalog, *kind);

    writeFileAtomically(out, [&](std::ostream& stream) {
        data::CsvWriter csv(stream);
        std::vector<std::string> row = {"track_id", "track_name", "artist_name"};
        for (Eigen::Index j = 0; j < embeddings.cols(); ++j) {
            std::string name = "e"; // appended, not "e" + ...: GCC 12 warns falsely on that
            name += std::to_string(j + 1);
            row.push_back(std::move(name));
        }
        csv.writeRow(row);
        for (std::size_t i = 0; i < catalog.size(); ++i) {
            row = {catalog.identity(i), catalog.track(i).name, catalog.track(i).artistsText};
            for (Eigen::Index j = 0; j < embeddings.cols(); ++j)
                row.push_back(text::formatDouble(double(embeddings(Eigen::Index(i), j))));
            csv.writeRow(row);
        }
    });
    printInfo("wrote " + std::to_string(embeddings.cols()) + "-dimensional embeddings of " +
              text::withThousands((long long)catalog.size()) + " songs to " + out);
    return kExitOk;
}

} // namespace gdbm::cli
