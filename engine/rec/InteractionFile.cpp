#include "rec/InteractionFile.h"

#include "core/Error.h"
#include "core/Text.h"
#include "data/Csv.h"
#include "rec/CollaborativeRankers.h"

#include <algorithm>

namespace gdbm::rec {
namespace {

constexpr double kMinRating = 1.0, kMaxRating = 5.0;

} // namespace

InteractionHistories readInteractionHistories(const std::string& path, const data::Catalog& catalog)
{
    const data::CsvDocument doc = data::readCsvFile(path);
    const auto column = [&](const char* name) {
        const auto it = std::find_if(doc.header.begin(), doc.header.end(),
                                     [&](const std::string& h) { return text::trim(h) == name; });
        return it == doc.header.end() ? doc.header.size() : std::size_t(it - doc.header.begin());
    };
    const std::size_t userColumn = column("user_id"), trackColumn = column("track_id"),
                      ratingColumn = column("rating");
    for (const auto& [index, name] : {std::pair{userColumn, "user_id"}, std::pair{trackColumn, "track_id"}}) {
        if (index == doc.header.size())
            throw InputError({path, 1, 0, name}, "missing column (is this an interaction_data.csv?)");
    }

    // Collect (track, rating) per user, then fold repeats into one track with its mean rating.
    std::map<long long, std::vector<std::pair<std::uint32_t, float>>> heard;
    InteractionHistories out;
    for (const data::CsvRow& row : doc.rows) {
        const auto field = [&](std::size_t c) -> std::string_view {
            if (c >= row.fields.size())
                throw InputError({path, row.line, row.fields.size() + 1, doc.header[c]},
                                 "the row is too short");
            return row.fields[c];
        };
        const auto user = text::parseInteger(field(userColumn));
        if (!user)
            throw InputError({path, row.line, userColumn + 1, "user_id"},
                             text::quoted(field(userColumn)) + " is not a user id");
        float rating = 1.0f;
        if (ratingColumn < doc.header.size()) {
            // As the simulation writes them: 1..5. A rating of 1e300 would become infinite as a
            // float and zero every rating-weighted score.
            const auto r = text::parseDouble(field(ratingColumn));
            if (!r || !(*r >= kMinRating && *r <= kMaxRating))
                throw InputError({path, row.line, ratingColumn + 1, "rating"},
                                 text::quoted(field(ratingColumn)) + " is not a rating in 1..5");
            rating = float(*r);
        }
        ++out.interactions;
        auto& list = heard[*user]; // the user exists even if none of their tracks does
        const auto track = catalog.findTrack(text::trim(field(trackColumn)));
        if (!track) {
            ++out.unknownTracks;
            continue;
        }
        list.emplace_back(std::uint32_t(*track), rating);
    }
    for (auto& [user, list] : heard) {
        std::sort(list.begin(), list.end());
        UserHistory& history = out.users[user];
        for (std::size_t i = 0; i < list.size();) {
            std::size_t j = i;
            float sum = 0;
            for (; j < list.size() && list[j].first == list[i].first; ++j)
                sum += list[j].second;
            history.tracks.push_back(list[i].first);
            history.weights.push_back(sum / float(j - i));
            i = j;
        }
    }
    return out;
}

NamedInteractions listeningOf(const InteractionHistories& histories, std::size_t catalogSize)
{
    NamedInteractions out;
    std::vector<std::vector<std::uint32_t>> tracksOfUser;
    for (const auto& [id, history] : histories.users) {
        tracksOfUser.push_back(distinctTracks(history.tracks));
        out.userNames.push_back("user:" + std::to_string(id));
    }
    out.interactions = trainingInteractions(tracksOfUser, catalogSize);
    return out;
}

} // namespace gdbm::rec
