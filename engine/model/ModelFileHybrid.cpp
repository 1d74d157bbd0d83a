#include "model/ModelFileCoding.h"

#include <iterator>
#include <limits>

namespace gdbm::model::file_coding {
namespace {

void putSizes(Writer& w, const std::vector<std::size_t>& sizes)
{
    w.put(std::uint32_t(sizes.size()));
    for (std::size_t n : sizes)
        w.put(std::uint32_t(n));
}

std::vector<std::size_t> getSizes(Reader& r, const char* what)
{
    const std::uint32_t count = r.count(kMaxLayers, what);
    std::vector<std::size_t> sizes;
    for (std::uint32_t i = 0; i < count; ++i)
        sizes.push_back(r.count(kMaxUnits, what));
    return sizes;
}

// The low-rank listening coding: its listeners, factors and offset, and with it the listening
// units become Gaussian (right after the audio ones).
void getListeningFactors(Reader& r, Model& model)
{
    const std::uint32_t listeners = r.count(std::numeric_limits<std::uint32_t>::max(), "listener count");
    if (listeners == 0)
        return;
    const ModalityColumns* listening = model.find(Modality::Listening);
    const ModalityColumns* audio = model.find(Modality::Audio);
    if (!listening || listening->first != (audio ? audio->count : 0))
        r.fail(
            "the model file is corrupted (low-rank listening without listening units after the audio ones)");
    r.expect(listeners, 4 + 4 * std::uint64_t(listening->count));
    ListeningFactors& factors = model.listeningFactors;
    factors.listeners.reserve(listeners);
    for (std::uint32_t i = 0; i < listeners; ++i)
        factors.listeners.push_back(r.getString());
    factors.factors = r.getDense<Matrix>(Eigen::Index(listeners), Eigen::Index(listening->count));
    factors.offset = r.getDense<RowVector>(1, Eigen::Index(listening->count));
    if (!factors.factors.allFinite() || !factors.offset.allFinite())
        r.fail("the model file is corrupted (listening factors that are not finite)");
    model.dbm.gaussianCount = listening->first + listening->count;
}

} // namespace

void putModalities(Writer& w, const std::vector<ModalityColumns>& modalities)
{
    w.put(std::uint32_t(modalities.size()));
    for (const ModalityColumns& m : modalities) {
        w.put(std::uint8_t(m.modality));
        w.put(std::uint32_t(m.names.size()));
        for (const std::string& name : m.names)
            w.putString(name);
    }
}

std::vector<ModalityColumns> getModalities(Reader& r)
{
    const std::uint32_t count = r.count(std::uint32_t(std::size(kAllModalities)), "modality count");
    std::vector<ModalityColumns> modalities;
    std::size_t first = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
        ModalityColumns m;
        const auto kind = r.get<std::uint8_t>();
        if (kind > std::uint8_t(Modality::Listening))
            r.fail("the model file is corrupted (unknown modality)");
        m.modality = Modality(kind);
        for (const ModalityColumns& before : modalities) {
            if (before.modality == m.modality)
                r.fail("the model file is corrupted (a modality listed twice)");
        }
        if (m.modality == Modality::Audio && i != 0)
            r.fail("the model file is corrupted (audio units after binary ones)");
        m.count = r.count(kMaxUnits, "modality size");
        if (m.count == 0)
            r.fail("the model file is corrupted (an empty modality)");
        r.expect(m.count, 4);
        m.first = first;
        m.names.reserve(m.count);
        for (std::size_t j = 0; j < m.count; ++j)
            m.names.push_back(r.getString());
        first += m.count; // at most 3 x kMaxUnits: one of each modality
        modalities.push_back(std::move(m));
    }
    return modalities;
}

void putHybrid(Writer& w, const Model& model)
{
    for (std::size_t l = 0; l < model.dbm.layerCount(); ++l) {
        const BlockList& blocks = model.dbm.blocksOf(l);
        w.put(std::uint32_t(blocks.size()));
        for (const WeightBlock& b : blocks) {
            for (std::size_t x : {b.row, b.rows, b.col, b.cols})
                w.put(std::uint32_t(x));
        }
    }
    const HybridParams& h = model.hybrid;
    w.put(std::uint32_t(h.modalities.size()));
    for (Modality m : h.modalities)
        w.put(std::uint8_t(m));
    for (Modality m : kAllModalities)
        putSizes(w, h.pathwayLayers(m));
    w.put(std::uint8_t(h.tagUnitsFollowVocabulary));
    w.put(std::uint32_t(h.jointUnits));
    w.put(std::uint32_t(h.minTagTracks));
    w.put(h.pretrainMomentumStart);
    w.put(h.pretrainMomentum);
    w.put(std::uint8_t(h.weightDoubling));
    w.put(std::int32_t(h.finetuneEpochs));
    w.put(std::uint8_t(h.learnVariances));
    w.put(std::uint32_t(h.listeningRank));
    w.put(std::uint8_t(h.conditionalJoint));
    w.put(std::uint8_t(h.meanReconstructions));
    w.put(h.tagRateFactor);
    w.put(std::uint64_t(h.maxPretrainUpdates));
    w.put(std::int32_t(h.embeddingIterations));
    putSizes(w, model.params.layers);
    // Each curve point's per-modality errors (layer 1's), named by the modalities above.
    for (const EpochStats& point : model.curves) {
        w.put(std::uint8_t(point.groups.size()));
        for (const GroupError& g : point.groups) {
            w.put(g.train);
            w.put(g.validation);
        }
    }
    // The low-rank listening coding (no listener: one unit per listener).
    const ListeningFactors& factors = model.listeningFactors;
    w.put(std::uint32_t(factors.listeners.size()));
    if (!factors.listeners.empty()) {
        for (const std::string& name : factors.listeners)
            w.putString(name);
        w.putDense(factors.factors);
        w.putDense(factors.offset);
    }
    w.put(std::uint32_t(model.heard.size()));
    for (const HeardTrack& t : model.heard) {
        w.putString(t.track);
        w.put(std::uint32_t(t.listeners.size()));
        for (std::uint32_t u : t.listeners)
            w.put(u);
    }
}

void getHybrid(Reader& r, Model& model, std::uint32_t version)
{
    for (std::size_t l = 0; l < model.dbm.layerCount(); ++l) {
        const Matrix& weights = model.dbm.weights[l];
        const std::uint32_t count = r.count(kMaxUnits, "block count");
        r.expect(count, 16);
        BlockList blocks;
        for (std::uint32_t i = 0; i < count; ++i) {
            WeightBlock b;
            b.row = r.get<std::uint32_t>();
            b.rows = r.get<std::uint32_t>();
            b.col = r.get<std::uint32_t>();
            b.cols = r.get<std::uint32_t>();
            if (b.row + b.rows > std::size_t(weights.rows()) || b.col + b.cols > std::size_t(weights.cols()))
                r.fail("the model file is corrupted (a weight block outside its matrix)");
            blocks.push_back(b);
        }
        // The products read only inside the blocks: they must cover the matrix, without overlap,
        // and the weights outside them be 0.
        if (!blocks.empty()) {
            if (!blocksTile(blocks, std::size_t(weights.rows()), std::size_t(weights.cols())))
                r.fail("the model file is corrupted (weight blocks that do not tile their matrix)");
            Matrix outside = weights;
            zeroOutsideBlocks(blocks, outside);
            if (outside != weights)
                r.fail("the model file is corrupted (weights outside the pathway blocks)");
        }
        model.dbm.blocks.push_back(std::move(blocks));
    }
    HybridParams& h = model.hybrid;
    h.modalities.clear();
    const std::uint32_t count = r.count(std::uint32_t(std::size(kAllModalities)), "modality count");
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto kind = r.get<std::uint8_t>();
        if (kind > std::uint8_t(Modality::Listening))
            r.fail("the model file is corrupted (unknown modality)");
        h.modalities.push_back(Modality(kind));
    }
    for (Modality m : kAllModalities)
        h.pathwayLayers(m) = getSizes(r, "pathway layer");
    h.tagUnitsFollowVocabulary = r.get<std::uint8_t>() != 0;
    h.jointUnits = r.get<std::uint32_t>();
    h.minTagTracks = r.get<std::uint32_t>();
    h.pretrainMomentumStart = r.get<double>();
    h.pretrainMomentum = r.get<double>();
    h.weightDoubling = r.get<std::uint8_t>() != 0;
    h.finetuneEpochs = r.get<std::int32_t>();
    h.learnVariances = r.get<std::uint8_t>() != 0;
    if (version >= 4)
        h.listeningRank = r.get<std::uint32_t>();
    // Before version 5 every joint layer learned the joint distribution of the pathways' tops.
    h.conditionalJoint = version >= 5 && r.get<std::uint8_t>() != 0;
    // Before version 6 every reconstruction was sampled.
    h.meanReconstructions = version >= 6 && r.get<std::uint8_t>() != 0;
    // Before version 7 the tag pathway learned at the other binary units' rate.
    h.tagRateFactor = version >= 7 ? r.get<double>() : 1.0;
    // Before version 8 every layer pretrained for its epochs, however many updates they made.
    h.maxPretrainUpdates = version >= 8 ? std::size_t(r.get<std::uint64_t>()) : 0;
    // Before version 9 a song was embedded with the recipe's mean-field iterations.
    h.embeddingIterations = version >= 9 ? r.get<std::int32_t>() : model.params.meanFieldIterations;
    if (const auto problems = validate(h); !problems.empty())
        r.fail("the model file holds unusable hybrid settings (" + problems.front() + ")");
    model.params.layers = getSizes(r, "layer count");
    for (EpochStats& point : model.curves) {
        const auto groups = r.get<std::uint8_t>();
        if (groups != 0 && groups != model.modalities.size())
            r.fail("the model file is corrupted (per-modality errors unlike the modalities)");
        for (std::size_t g = 0; g < groups; ++g) {
            GroupError e;
            e.name = std::string(modalityKey(model.modalities[g].modality));
            e.train = r.get<double>();
            e.validation = r.get<double>();
            point.groups.push_back(std::move(e));
        }
    }
    const ModalityColumns* listening = model.find(Modality::Listening);
    if (version >= 4)
        getListeningFactors(r, model);
    // Heard tracks name listening units, or with the low-rank coding rows of the factors.
    const std::size_t listeners = !model.listeningFactors.empty() ? model.listeningFactors.listeners.size()
                                  : listening                     ? listening->count
                                                                  : 0;
    const std::uint32_t heard = r.count(std::numeric_limits<std::uint32_t>::max(), "heard tracks");
    r.expect(heard, 8);
    if (heard > 0 && !listening)
        r.fail("the model file is corrupted (listening without a listening modality)");
    // Grown as entries are read (each holds at least one listener): memory follows the bytes
    // actually there, not the count a damaged file claims.
    for (std::uint32_t i = 0; i < heard; ++i) {
        HeardTrack t;
        t.track = r.getString();
        const std::uint32_t n = r.count(std::uint32_t(listeners), "listener count");
        if (n == 0)
            r.fail("the model file is corrupted (a heard track without a listener)");
        r.expect(n, 4);
        t.listeners.resize(n);
        for (std::uint32_t& u : t.listeners) {
            u = r.get<std::uint32_t>();
            if (u >= listeners || (&u != t.listeners.data() && u <= *(&u - 1)))
                r.fail("the model file is corrupted (a listener out of range or out of order)");
        }
        model.heard.push_back(std::move(t));
    }
}

} // namespace gdbm::model::file_coding
