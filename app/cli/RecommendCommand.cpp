#include "CliCommon.h"
#include "Commands.h"
#include "Report.h"
#include "core/Error.h"
#include "core/Text.h"
#include "model/ModelFile.h"
#include "rec/CatalogEmbedding.h"
#include "rec/HybridModel.h"
#include "rec/InteractionFile.h"

namespace gdbm::cli {

int runRecommend(const QStringList& args)
{
    QCommandLineParser parser;
    addDataOptions(parser);
    parser.addOption({"model", "A model file written by gdbm-cli train.", "MODEL"});
    parser.addOption({"interactions", "interaction_data.csv, as gdbm-cli simulate writes it.", "CSV"});
    parser.addOption({"user", "The user_id to recommend to.", "ID"});
    parser.addOption(
        optionWithDefault("top", "How many tracks", "N", qulonglong(rec::RecommendParams{}.top)));
    parser.addOption({"embedding", "all (every hidden layer, default), top or reconstruction.", "KIND",
                      QString::fromLatin1(rec::embeddingKey(rec::kDefaultEmbedding))});
    parser.addOption({"rating-weighted", "Weigh each heard track by the user's rating of it."});
    parser.addOption({"explain", "Show the three tracks the user played that each recommendation comes from "
                                 "and, for a hybrid model, what each modality adds to its score."});
    parseOrExit(parser, args, "Recommends tracks to one user from their listening history.");
    if (!parser.isSet("model") || !parser.isSet("interactions") || !parser.isSet("user"))
        throw UsageError{"recommend needs --model MODEL, --interactions CSV and --user ID"};
    const auto kind = rec::embeddingFromKey(parser.value("embedding").toStdString());
    if (!kind)
        throw UsageError{"--embedding must be top, all or reconstruction"};
    const long long user = integerOption(parser, "user", std::numeric_limits<long long>::min(),
                                         std::numeric_limits<long long>::max());
    const auto top = std::size_t(integerOption(parser, "top", 1, 100000));

    const model::Model model = model::loadModel(parser.value("model").toStdString());
    const data::Catalog catalog = loadCatalog(parser);
    const std::string interactionsPath = parser.value("interactions").toStdString();
    const rec::InteractionHistories histories = readHistories(interactionsPath, catalog);
    const auto it = histories.users.find(user);
    if (it == histories.users.end())
        throw InputError({interactionsPath, 0, 0, "user_id"},
                         "user " + std::to_string(user) + " is not in this file");
    rec::UserHistory history = it->second;
    if (history.tracks.empty())
        throw InputError({interactionsPath, 0, 0, "user_id"},
                         "none of user " + std::to_string(user) + "'s tracks is in this catalog");
    if (!parser.isSet("rating-weighted"))
        std::fill(history.weights.begin(), history.weights.end(), 1.0f);

    const Matrix embeddings = rec::embedCatalog(model, catalog, *kind, &interrupted());
    const rec::ScoringSpace space = rec::makeScoringSpace(embeddings);
    const rec::RecommendParams params{top, 3};
    const std::vector<rec::Recommendation> list = rec::recommend(space, history, params);
    HybridNotes notes;
    if (model.isHybrid()) {
        notes.newTracks = rec::unheardTracks(model, catalog);
        if (parser.isSet("explain"))
            notes.shares =
                rec::explainByModality(model, catalog, *kind, space,
                                       rec::queryVector(space, history, params.rule), list, &interrupted());
    }
    std::printf(
        "User %lld heard %zu distinct tracks; top %zu by cosine similarity (%s embedding of the %s):\n", user,
        history.tracks.size(), top, std::string(rec::embeddingKey(*kind)).c_str(),
        model.isHybrid() ? "hybrid DBM" : "audio-only DBM");
    printRecommendations(catalog, list, parser.isSet("explain"), notes);
    return kExitOk;
}

} // namespace gdbm::cli
