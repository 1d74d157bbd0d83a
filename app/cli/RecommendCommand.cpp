#include "CliCommon.h"
#include "Commands.h"
#include "Report.h"
#include "core/AtomicFile.h"
#include "core/Error.h"
#include "core/Isa.h"
#include "core/Text.h"
#include "model/ModelFile.h"
#include "rec/BatchRecommender.h"
#include "rec/CatalogEmbedding.h"
#include "rec/HybridModel.h"
#include "rec/InteractionFile.h"
#include "rec/RecommendationCsv.h"

namespace gdbm::cli {
namespace {

// Every user's top N with the batch recommender, into a CSV written atomically.
int recommendToAll(const model::Model& model, const data::Catalog& catalog,
                   const rec::InteractionHistories& histories, rec::EmbeddingKind kind, std::size_t top,
                   bool ratingWeighted, const std::string& output)
{
    std::vector<long long> ids;
    std::vector<rec::UserHistory> users;
    std::size_t skipped = 0;
    for (const auto& [id, history] : histories.users) {
        if (history.tracks.empty()) {
            ++skipped; // none of their tracks is in this catalog
            continue;
        }
        ids.push_back(id);
        users.push_back(history);
        if (!ratingWeighted)
            std::fill(users.back().weights.begin(), users.back().weights.end(), 1.0f);
    }
    const rec::ScoringSpace space =
        rec::catalogScoringSpace(model, rec::embedCatalog(model, catalog, kind, &interrupted()), kind);
    rec::BatchParams params;
    params.top = top;
    const auto lists = rec::recommendAll(space, users, params, stderrProgress(), &interrupted());
    writeFileAtomically(
        output, [&](std::ostream& out) { rec::writeAllRecommendationsCsv(catalog, ids, lists, out); });
    printInfo("wrote the top " + std::to_string(top) + " of " + text::withThousands((long long)ids.size()) +
              " users to " + output + " (" + std::string(isaDescription()) + ")");
    if (skipped > 0)
        printInfo("skipped " + text::withThousands((long long)skipped) +
                  " users none of whose tracks is in this catalog");
    return kExitOk;
}

} // namespace

int runRecommend(const QStringList& args)
{
    QCommandLineParser parser;
    addDataOptions(parser);
    parser.addOption({"model", "A model file written by gdbm-cli train.", "MODEL"});
    parser.addOption({"interactions", "interaction_data.csv, as gdbm-cli simulate writes it.", "CSV"});
    parser.addOption({"user", "The user_id to recommend to.", "ID"});
    parser.addOption({"all-users", "Recommend to every user of the interactions file, into --output."});
    parser.addOption({"output",
                      "With --all-users: the CSV to write (user_id, rank, track_uri, track, artist, "
                      "similarity).",
                      "CSV"});
    parser.addOption(
        optionWithDefault("top", "How many tracks", "N", qulonglong(rec::RecommendParams{}.top)));
    parser.addOption({"embedding", "all (every hidden layer, default), top or reconstruction.", "KIND",
                      QString::fromLatin1(rec::embeddingKey(rec::kDefaultEmbedding))});
    parser.addOption({"rating-weighted", "Weigh each heard track by the user's rating of it."});
    parser.addOption({"explain", "Show the three tracks the user played that each recommendation comes from "
                                 "and, for a hybrid model, what each modality adds to its score."});
    parseOrExit(parser, args,
                "Recommends tracks to one user from their listening history, or to every user into a CSV.");
    const bool allUsers = parser.isSet("all-users");
    if (!parser.isSet("model") || !parser.isSet("interactions") || allUsers == parser.isSet("user"))
        throw UsageError{
            "recommend needs --model MODEL, --interactions CSV and either --user ID or --all-users"};
    if (allUsers && !parser.isSet("output"))
        throw UsageError{"--all-users needs --output CSV"};
    const auto kind = rec::embeddingFromKey(parser.value("embedding").toStdString());
    if (!kind)
        throw UsageError{"--embedding must be top, all or reconstruction"};
    const auto top = std::size_t(integerOption(parser, "top", 1, 100000));

    const model::Model model = model::loadModel(parser.value("model").toStdString());
    const data::Catalog catalog = loadCatalog(parser);
    const std::string interactionsPath = parser.value("interactions").toStdString();
    const rec::InteractionHistories histories = readHistories(interactionsPath, catalog);
    if (allUsers)
        return recommendToAll(model, catalog, histories, *kind, top, parser.isSet("rating-weighted"),
                              parser.value("output").toStdString());
    const long long user = integerOption(parser, "user", std::numeric_limits<long long>::min(),
                                         std::numeric_limits<long long>::max());
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
    const rec::ScoringSpace space = rec::catalogScoringSpace(model, embeddings, *kind);
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
    // More asked than there are unheard tracks: all of them, and said so.
    const std::string ranked = list.size() < top
                                   ? "all " + text::withThousands((long long)list.size()) + " unheard tracks"
                                   : "top " + std::to_string(top);
    std::printf("User %lld heard %zu distinct tracks; %s by mean cosine similarity with them "
                "(%s embedding of the %s):\n",
                user, history.tracks.size(), ranked.c_str(), std::string(rec::embeddingKey(*kind)).c_str(),
                model.isHybrid() ? "hybrid DBM" : "audio-only DBM");
    printRecommendations(catalog, list, parser.isSet("explain"), notes);
    return kExitOk;
}

} // namespace gdbm::cli
