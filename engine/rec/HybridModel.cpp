#include "rec/HybridModel.h"

#include "core/Error.h"
#include "core/Text.h"
#include "rec/ListeningFactors.h"
#include "rec/Recommender.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>
#include <utility>

namespace gdbm::rec {

using model::HeardTrack;
using model::HybridParams;
using model::Modality;
using model::ModalityColumns;

namespace {

// The tag units of `rows`, in the model's vocabulary: a track's genres, decade and artists that
// the vocabulary has (whatever their counts in this catalog) are 1, the rest 0. A model trained
// before artists were tags has none in its vocabulary, and reads its tags as it always did.
void fillTags(const data::Catalog& catalog, const std::vector<std::uint32_t>& rows,
              const ModalityColumns& tags, Matrix& v)
{
    std::unordered_map<std::string, Eigen::Index> column;
    for (std::size_t j = 0; j < tags.names.size(); ++j)
        column.emplace(tags.names[j], Eigen::Index(tags.first + j));
    const auto set = [&](Eigen::Index row, const std::string& name) {
        if (const auto it = column.find(name); it != column.end())
            v(row, it->second) = 1.0f;
    };
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const data::Track& t = catalog.track(rows[r]);
        for (data::GenreId g : t.genres)
            set(Eigen::Index(r), genreTag(catalog.genreName(g)));
        if (t.year != 0)
            set(Eigen::Index(r), decadeTag(t.year));
        for (data::ArtistId a : t.artists)
            set(Eigen::Index(r), artistTag(catalog.artistName(a)));
    }
}

} // namespace

model::Architecture hybridArchitecture(const model::Model& model)
{
    const std::vector<ModalityColumns>& modalities = model.modalities;
    const HybridParams& p = model.hybrid;
    model::Architecture a;
    for (const ModalityColumns& m : modalities) {
        if (isGaussian(model, m.modality))
            a.gaussianCount = m.first + m.count;
    }
    const std::size_t depth = p.audioLayers.size();
    std::vector<std::size_t> below;
    for (const ModalityColumns& m : modalities)
        below.push_back(m.count);
    for (std::size_t level = 0; level < depth; ++level) {
        model::BlockList blocks;
        std::size_t row = 0, col = 0;
        for (std::size_t i = 0; i < modalities.size(); ++i) {
            const std::size_t units = p.pathwayLayers(modalities[i].modality)[level];
            blocks.push_back({row, below[i], col, units});
            row += below[i];
            col += units;
            below[i] = units;
        }
        a.layers.push_back(col);
        // One modality alone is an ordinary dense stack.
        a.blocks.push_back(modalities.size() > 1 ? blocks : model::BlockList{});
    }
    a.layers.push_back(p.jointUnits);
    a.blocks.emplace_back();
    if (modalities.size() > 1) {
        for (const ModalityColumns& m : modalities)
            a.groupNames.emplace_back(model::modalityKey(m.modality));
    }
    // A conditional joint layer is given every pathway's top but the listening one's.
    const model::BlockList& tops = a.blocks[depth - 1];
    if (jointLayerIsConditional(model)) {
        for (std::size_t i = 0; i < modalities.size(); ++i) {
            if (modalities[i].modality != Modality::Listening)
                a.topConditions.push_back({tops[i].col, tops[i].cols});
        }
    }
    for (const ModalityColumns& m : modalities) {
        if (reconstructedByMean(model, m.modality))
            a.meanInputs.push_back({m.first, m.count});
    }
    // One factor per pathway block, where the pathways share their layers; and the tag units
    // start each on a tag.
    if (modalities.size() > 1) {
        for (std::size_t i = 0; i < modalities.size(); ++i) {
            const bool tags = modalities[i].modality == Modality::Tags;
            a.blockRateFactors.push_back(tags ? p.tagRateFactor : 1.0);
            if (tags)
                a.unitStartBlocks.push_back(i);
        }
    }
    return a;
}

bool jointLayerIsConditional(const model::Model& model)
{
    return model.hybrid.conditionalJoint && model.find(Modality::Listening) && model.modalities.size() > 1;
}

bool reconstructedByMean(const model::Model& model, Modality modality)
{
    return model.hybrid.meanReconstructions &&
           (modality != Modality::Listening || isGaussian(model, modality));
}

bool isGaussian(const model::Model& model, Modality modality)
{
    return modality == Modality::Audio ||
           (modality == Modality::Listening && !model.listeningFactors.empty());
}

NamedInteractions simulationListening(const sim::SimulationResult& simulation, std::size_t catalogSize)
{
    NamedInteractions out;
    out.interactions.catalogSize = catalogSize;
    for (std::uint32_t u = 0; u < simulation.users.size(); ++u) {
        out.interactions.tracksOfUser.push_back(distinctTracks(historyOf(simulation, u, false).tracks));
        out.userNames.push_back("user:" + std::to_string(simulation.users[u].id));
    }
    return out;
}

model::TrainModelResult trainHybrid(const data::Catalog& catalog, const TrainingInteractions& training,
                                    const model::TrainingParams& params, const HybridParams& hybrid,
                                    std::vector<std::string> listenerNames,
                                    const model::RunControls& controls)
{
    if (const auto problems = validate(hybrid); !problems.empty())
        throw InputError({{}, 0, 0, {}}, "hybrid settings: " + problems.front());
    if (const auto problems = model::validate(params); !problems.empty())
        throw InputError({{}, 0, 0, {}}, "training settings: " + problems.front());
    if (catalog.size() < 2)
        throw InputError({catalog.label(), 0, 0, {}},
                         std::to_string(catalog.size()) +
                             " track(s) left after loading; training needs at least 2");
    checkInteractions(training);
    if (!listenerNames.empty() && listenerNames.size() != training.tracksOfUser.size())
        throw std::invalid_argument("trainHybrid: one listener name per user");

    model::TrainModelResult result;
    model::Model& model = result.model;
    model.params = params;
    model.hybrid = hybrid;
    std::size_t next = 0;
    const auto add = [&](Modality m, std::vector<std::string> names) {
        model.modalities.push_back({m, next, names.size(), std::move(names)});
        next += model.modalities.back().count;
    };
    if (hybrid.uses(Modality::Audio) && !catalog.featureList().empty()) {
        model.features = catalog.featureList();
        std::vector<std::string> names;
        for (data::Feature f : model.features)
            names.emplace_back(data::featureKey(f));
        add(Modality::Audio, std::move(names));
    }
    // Gaussian units come first: a low-rank listening coding before the tags.
    const bool lowRank = hybrid.listeningRank > 0;
    std::vector<std::vector<std::uint32_t>> listeners;
    if (hybrid.uses(Modality::Listening)) {
        listeners = listenersOfTracks(training);
        for (std::size_t t = 0; t < listeners.size(); ++t) {
            if (!listeners[t].empty())
                model.heard.push_back({catalog.identity(t), listeners[t]});
        }
        // The per-listener coding has one unit per listener, and the model file holds at most
        // 65,536 units per modality.
        constexpr std::size_t kMaxListeners = 1u << 16;
        if (!lowRank && !model.heard.empty() && training.tracksOfUser.size() > kMaxListeners)
            throw InputError({catalog.label(), 0, 0, "listening"},
                             text::withThousands((long long)training.tracksOfUser.size()) +
                                 " listeners; the listening modality has one unit per listener, at most " +
                                 text::withThousands((long long)kMaxListeners) +
                                 " (choose a listening rank, simulate fewer users, or leave listening out)");
        if (listenerNames.empty()) {
            for (std::size_t u = 0; u < training.tracksOfUser.size(); ++u)
                listenerNames.push_back("user:" + std::to_string(u));
        }
    }
    const auto addListening = [&] {
        if (model.heard.empty())
            return;
        if (!lowRank) {
            add(Modality::Listening, std::move(listenerNames));
            return;
        }
        model.listeningFactors =
            fitListeningFactors(training, hybrid.listeningRank, std::move(listenerNames), params.seed);
        if (model.listeningFactors.empty()) { // no interaction: nothing to code
            model.heard.clear();
            return;
        }
        std::vector<std::string> names;
        for (std::size_t j = 0; j < model.listeningFactors.rank(); ++j)
            names.push_back("factor:" + std::to_string(j + 1));
        add(Modality::Listening, std::move(names));
    };
    if (lowRank)
        addListening();
    if (hybrid.uses(Modality::Tags)) {
        std::vector<std::string> names = tagNames(catalog, hybrid.minTagTracks);
        if (!names.empty())
            add(Modality::Tags, std::move(names));
    }
    if (!lowRank)
        addListening();
    if (model.modalities.empty())
        throw InputError({catalog.label(), 0, 0, {}},
                         "none of the chosen modalities is in the data (no audio features, no genre with "
                         "enough tracks or decade, no listening)");

    // The audio standardizer sees the training songs only, as the audio-only model's.
    if (model.find(Modality::Audio))
        model.standardizer = model::fitOnTrainingRows(catalog.featureMatrix(model.features), params);

    if (const ModalityColumns* tags = model.find(Modality::Tags); tags && hybrid.tagUnitsFollowVocabulary)
        model.hybrid.tagLayers.front() = std::clamp<std::size_t>(tags->count, 32, 256);
    const model::Architecture architecture = hybridArchitecture(model);
    model::TrainOutcome outcome =
        model::trainDbm(hybridVisible(model, catalog), model::hybridRecipe(params, hybrid, catalog.size()),
                        architecture, controls);
    result.stopped = outcome.stopped;
    model.adopt(std::move(outcome));
    return result;
}

Matrix hybridVisible(const model::Model& model, const data::Catalog& catalog)
{
    std::vector<std::uint32_t> all(catalog.size());
    std::iota(all.begin(), all.end(), 0u);
    return hybridVisible(model, catalog, all);
}

Matrix hybridVisible(const model::Model& model, const data::Catalog& catalog,
                     const std::vector<std::uint32_t>& rows)
{
    if (!model.isHybrid())
        throw InputError({{}, 0, 0, {}}, "the model is not a hybrid (it sees audio features only)");
    const ModalityColumns& last = model.modalities.back();
    Matrix v = Matrix::Zero(Eigen::Index(rows.size()), Eigen::Index(last.first + last.count));
    const std::vector<Eigen::Index> indices(rows.begin(), rows.end());
    for (const ModalityColumns& m : model.modalities) {
        const auto first = Eigen::Index(m.first), count = Eigen::Index(m.count);
        switch (m.modality) {
        case Modality::Audio:
            v.middleCols(first, count) = model::standardizedFeatures(model, catalog)(indices, Eigen::all);
            break;
        case Modality::Tags:
            fillTags(catalog, rows, m, v);
            break;
        case Modality::Listening: {
            std::vector<Eigen::Index> rowOf(catalog.size(), -1);
            for (std::size_t r = 0; r < rows.size(); ++r)
                rowOf[rows[r]] = Eigen::Index(r);
            const model::ListeningFactors& factors = model.listeningFactors;
            if (!factors.empty())
                v.middleCols(first, count).rowwise() = -factors.offset; // nobody heard it
            for (const HeardTrack& heard : model.heard) {
                // A track of the training catalog that this one lacks has nobody to tell about.
                const auto t = catalog.findTrack(heard.track);
                if (!t || rowOf[*t] < 0)
                    continue;
                if (!factors.empty()) {
                    v.row(rowOf[*t]).segment(first, count) = encodeListening(factors, heard.listeners);
                    continue;
                }
                for (std::uint32_t u : heard.listeners)
                    v(rowOf[*t], first + Eigen::Index(u)) = 1.0f;
            }
            break;
        }
        }
    }
    return v;
}

std::vector<bool> unheardTracks(const model::Model& model, const data::Catalog& catalog)
{
    std::vector<bool> unheard(catalog.size(), false);
    if (!model.find(Modality::Listening))
        return unheard;
    std::fill(unheard.begin(), unheard.end(), true);
    for (const HeardTrack& heard : model.heard) {
        if (const auto t = catalog.findTrack(heard.track))
            unheard[*t] = false;
    }
    return unheard;
}

Matrix embedHybrid(const model::Model& model, const data::Catalog& catalog, EmbeddingKind kind,
                   const CancelFlag* cancel, const std::vector<Modality>& leftOut)
{
    const Matrix visible = hybridVisible(model, catalog);
    const int iterations = model.hybrid.embeddingIterations;
    std::vector<model::ColumnRange> missing;
    for (Modality m : leftOut) {
        if (const ModalityColumns* columns = model.find(m))
            missing.push_back({columns->first, columns->count});
    }
    const ModalityColumns* listening = model.find(Modality::Listening);
    const bool listeningLeftOut =
        std::find(leftOut.begin(), leftOut.end(), Modality::Listening) != leftOut.end();
    if (!listening || listeningLeftOut)
        return embed(model.dbm, visible, kind, iterations, missing, cancel);
    // Heard and unheard tracks are embedded apart (the unheard with their listening inferred),
    // then put back in catalog order.
    const std::vector<bool> unheard = unheardTracks(model, catalog);
    std::vector<Eigen::Index> rows[2];
    for (std::size_t t = 0; t < unheard.size(); ++t)
        rows[unheard[t] ? 1 : 0].push_back(Eigen::Index(t));
    Matrix out(visible.rows(), Eigen::Index(embeddingSize(model.dbm, kind)));
    for (int group = 0; group < 2; ++group) {
        if (rows[group].empty())
            continue;
        const Matrix part = visible(rows[group], Eigen::all);
        std::vector<model::ColumnRange> groupMissing = missing;
        if (group == 1)
            groupMissing.push_back({listening->first, listening->count});
        out(rows[group], Eigen::all) = embed(model.dbm, part, kind, iterations, groupMissing, cancel);
    }
    return out;
}

} // namespace gdbm::rec
