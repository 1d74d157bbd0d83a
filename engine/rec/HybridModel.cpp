#include "rec/HybridModel.h"

#include "core/Error.h"

#include <algorithm>
#include <map>
#include <utility>

namespace gdbm::rec {

std::string_view modalityKey(Modality modality)
{
    switch (modality) {
    case Modality::Audio:
        return "audio";
    case Modality::Tags:
        return "tags";
    case Modality::Listening:
        return "listening";
    }
    return "audio";
}

std::optional<Modality> modalityFromKey(std::string_view key)
{
    for (Modality m : {Modality::Audio, Modality::Tags, Modality::Listening}) {
        if (modalityKey(m) == key)
            return m;
    }
    return std::nullopt;
}

const std::vector<std::size_t>& HybridParams::pathwayLayers(Modality modality) const
{
    switch (modality) {
    case Modality::Audio:
        return audioLayers;
    case Modality::Tags:
        return tagLayers;
    case Modality::Listening:
        return listeningLayers;
    }
    return audioLayers;
}

std::vector<std::string> validate(const HybridParams& p)
{
    std::vector<std::string> problems;
    if (p.modalities.empty())
        problems.emplace_back("modalities: at least one of audio, tags, listening");
    std::vector<Modality> seen;
    for (Modality m : p.modalities) {
        if (std::find(seen.begin(), seen.end(), m) != seen.end())
            problems.push_back("modalities: " + std::string(modalityKey(m)) + " is listed twice");
        seen.push_back(m);
    }
    const std::size_t depth = p.audioLayers.size();
    if (depth < 1 || depth > 4 || p.tagLayers.size() != depth || p.listeningLayers.size() != depth)
        problems.emplace_back("pathway layers: every modality has the same number of layers, 1 to 4");
    for (Modality m : {Modality::Audio, Modality::Tags, Modality::Listening}) {
        for (std::size_t n : p.pathwayLayers(m)) {
            if (n < 1 || n > 4096)
                problems.push_back(std::string(modalityKey(m)) + " layers: each layer has 1..4096 units");
        }
    }
    if (p.jointUnits < 1 || p.jointUnits > 4096)
        problems.emplace_back("joint units: 1..4096");
    if (!(p.pretrainMomentumStart >= 0 && p.pretrainMomentumStart < 1 && p.pretrainMomentum >= 0 &&
          p.pretrainMomentum < 1))
        problems.emplace_back("hybrid momentum: in [0, 1)");
    if (p.finetuneEpochs < 0 || p.finetuneEpochs > 1'000'000)
        problems.emplace_back("hybrid fine-tuning epochs: 0 to 1,000,000");
    if (p.minTagTracks < 1)
        problems.emplace_back("min tag tracks: at least 1");
    return problems;
}

const ModalityColumns* HybridModel::find(Modality modality) const
{
    for (const ModalityColumns& m : modalities) {
        if (m.modality == modality)
            return &m;
    }
    return nullptr;
}

namespace {

bool wanted(const HybridParams& p, Modality m)
{
    return std::find(p.modalities.begin(), p.modalities.end(), m) != p.modalities.end();
}

// The tag indicators of the catalog in the model's vocabulary: a tag the catalog lacks stays 0.
Matrix tagColumns(const data::Catalog& catalog, const ModalityColumns& tags, std::size_t minTagTracks)
{
    const TagFeatures all = tagFeatures(catalog, minTagTracks);
    std::map<std::string, Eigen::Index> column;
    for (std::size_t i = 0; i < all.names.size(); ++i)
        column.emplace(all.names[i], Eigen::Index(i));
    Matrix out = Matrix::Zero(Eigen::Index(catalog.size()), Eigen::Index(tags.count));
    for (std::size_t j = 0; j < tags.names.size(); ++j) {
        if (const auto it = column.find(tags.names[j]); it != column.end())
            out.col(Eigen::Index(j)) = all.indicators.col(it->second);
    }
    return out;
}

// The DBM's shape: one block per modality in every pathway layer, then the joint layer over all.
model::Architecture architectureFor(const std::vector<ModalityColumns>& modalities, const HybridParams& p)
{
    model::Architecture a;
    const ModalityColumns& first = modalities.front();
    a.gaussianCount = first.modality == Modality::Audio ? first.count : 0;
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
    return a;
}

} // namespace

HybridTrainResult trainHybrid(const data::Catalog& catalog, const TrainingInteractions& training,
                              const model::TrainingParams& params, const HybridParams& hybrid,
                              const model::EpochObserver& observer, const CancelFlag* cancel,
                              PauseGate* pause)
{
    if (const auto problems = validate(hybrid); !problems.empty())
        throw InputError({{}, 0, 0, {}}, "hybrid settings: " + problems.front());
    if (const auto problems = model::validate(params); !problems.empty())
        throw InputError({{}, 0, 0, {}}, "training settings: " + problems.front());
    if (catalog.size() < 2)
        throw InputError({catalog.label(), 0, 0, {}},
                         std::to_string(catalog.size()) + " track(s); training needs at least 2");
    checkInteractions(training);

    HybridTrainResult result;
    HybridModel& model = result.model;
    model.params = params;
    model.params.pretrainMomentumStart = hybrid.pretrainMomentumStart;
    model.params.pretrainMomentum = hybrid.pretrainMomentum;
    model.params.weightDoubling = hybrid.weightDoubling;
    model.params.finetuneEpochs = hybrid.finetuneEpochs;
    model.hybrid = hybrid;
    std::size_t next = 0;
    const auto add = [&](Modality m, std::vector<std::string> names) {
        model.modalities.push_back({m, next, names.size(), std::move(names)});
        next += model.modalities.back().count;
    };
    if (wanted(hybrid, Modality::Audio) && !catalog.featureList().empty()) {
        model.features = catalog.featureList();
        std::vector<std::string> names;
        for (data::Feature f : model.features)
            names.emplace_back(data::featureName(f));
        add(Modality::Audio, std::move(names));
    }
    if (wanted(hybrid, Modality::Tags)) {
        std::vector<std::string> names = tagFeatures(catalog, hybrid.minTagTracks).names;
        if (!names.empty())
            add(Modality::Tags, std::move(names));
    }
    if (wanted(hybrid, Modality::Listening)) {
        std::size_t heard = 0;
        for (const auto& tracks : training.tracksOfUser)
            heard += tracks.size();
        if (heard > 0) {
            std::vector<std::string> names;
            for (std::size_t u = 0; u < training.tracksOfUser.size(); ++u)
                names.push_back("user:" + std::to_string(u));
            model.listenersOfTrack = listenersOfTracks(training);
            add(Modality::Listening, std::move(names));
        }
    }
    if (model.modalities.empty())
        throw InputError({catalog.label(), 0, 0, {}},
                         "none of the chosen modalities is in the data (no audio features, no genre with "
                         "enough tracks or decade, no listening)");

    // The audio standardizer sees the training songs only, as the audio-only model's.
    if (model.find(Modality::Audio)) {
        model.standardizer = model::fitOnTrainingRows(catalog.featureMatrix(model.features), params);
    }

    if (const ModalityColumns* tags = model.find(Modality::Tags); tags && hybrid.tagUnitsFollowVocabulary)
        model.hybrid.tagLayers.front() = std::clamp<std::size_t>(tags->count, 32, 256);
    const model::Architecture architecture = architectureFor(model.modalities, model.hybrid);
    model.outcome =
        model::trainDbm(hybridVisible(model, catalog), model.params, architecture, observer, cancel, pause);
    result.stopped = model.outcome.stopped;
    model.dbm = std::move(model.outcome.dbm);
    model.outcome.dbm = {};
    return result;
}

Matrix hybridVisible(const HybridModel& model, const data::Catalog& catalog)
{
    const ModalityColumns& last = model.modalities.back();
    Matrix v = Matrix::Zero(Eigen::Index(catalog.size()), Eigen::Index(last.first + last.count));
    for (const ModalityColumns& m : model.modalities) {
        const auto first = Eigen::Index(m.first), count = Eigen::Index(m.count);
        switch (m.modality) {
        case Modality::Audio:
            v.middleCols(first, count) = model.standardizer.transform(catalog.featureMatrix(model.features));
            break;
        case Modality::Tags:
            v.middleCols(first, count) = tagColumns(catalog, m, model.hybrid.minTagTracks);
            break;
        case Modality::Listening:
            for (std::size_t t = 0; t < catalog.size() && t < model.listenersOfTrack.size(); ++t) {
                for (std::uint32_t u : model.listenersOfTrack[t])
                    v(Eigen::Index(t), first + Eigen::Index(u)) = 1.0f;
            }
            break;
        }
    }
    return v;
}

std::vector<bool> unheardTracks(const HybridModel& model, std::size_t catalogSize)
{
    std::vector<bool> unheard(catalogSize, false);
    if (!model.find(Modality::Listening))
        return unheard;
    for (std::size_t t = 0; t < catalogSize; ++t)
        unheard[t] = t >= model.listenersOfTrack.size() || model.listenersOfTrack[t].empty();
    return unheard;
}

Matrix embedHybrid(const HybridModel& model, const data::Catalog& catalog, EmbeddingKind kind,
                   const CancelFlag* cancel)
{
    const Matrix visible = hybridVisible(model, catalog);
    const int iterations = model.params.meanFieldIterations;
    const ModalityColumns* listening = model.find(Modality::Listening);
    if (!listening)
        return embed(model.dbm, visible, kind, iterations, cancel);
    // Heard and unheard tracks are embedded apart (the unheard with their listening inferred),
    // then put back in catalog order.
    const std::vector<bool> unheard = unheardTracks(model, catalog.size());
    std::vector<Eigen::Index> rows[2];
    for (std::size_t t = 0; t < unheard.size(); ++t)
        rows[unheard[t] ? 1 : 0].push_back(Eigen::Index(t));
    Matrix out(visible.rows(), Eigen::Index(embeddingSize(model.dbm, kind)));
    for (int group = 0; group < 2; ++group) {
        if (rows[group].empty())
            continue;
        const Matrix part = visible(rows[group], Eigen::all);
        const std::vector<model::ColumnRange> missing =
            group == 1 ? std::vector<model::ColumnRange>{{listening->first, listening->count}}
                       : std::vector<model::ColumnRange>{};
        out(rows[group], Eigen::all) = embed(model.dbm, part, kind, iterations, missing, cancel);
    }
    return out;
}

} // namespace gdbm::rec
