#include "model/ModelFile.h"

#include "core/AtomicFile.h"
#include "core/Error.h"
#include "core/FileChecks.h"
#include "core/Text.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

namespace gdbm::model {
namespace {

static_assert(std::endian::native == std::endian::little, "the model file is written little-endian");

constexpr char kMagic[8] = {'G', 'D', 'B', 'M', 'M', 'O', 'D', 'L'};
constexpr std::size_t kHeaderSize = sizeof kMagic + 4 + 8;
constexpr std::uint32_t kMaxLayers = 32; // as validate(TrainingParams)
constexpr std::uint32_t kMaxUnits = 1u << 16;
constexpr std::uint32_t kMaxCurvePoints = 1u << 24;

std::uint64_t fnv1a(const char* data, std::size_t size)
{
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= static_cast<unsigned char>(data[i]);
        hash *= 0x100000001b3ull;
    }
    return hash;
}

class Writer
{
public:
    template <typename T>
    void put(T value)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        m_bytes.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
    void putString(const std::string& s)
    {
        put(std::uint32_t(s.size()));
        m_bytes += s;
    }
    template <typename Dense>
    void putDense(const Dense& m)
    {
        put(std::uint32_t(m.rows()));
        put(std::uint32_t(m.cols()));
        for (Eigen::Index r = 0; r < m.rows(); ++r)
            for (Eigen::Index c = 0; c < m.cols(); ++c)
                put(float(m(r, c)));
    }
    void putDoubles(const std::vector<double>& v)
    {
        put(std::uint32_t(v.size()));
        for (double x : v)
            put(x);
    }
    std::string& bytes() { return m_bytes; }

private:
    std::string m_bytes;
};

class Reader
{
public:
    Reader(const std::string& bytes, std::size_t begin, std::size_t end, const std::string& name)
        : m_bytes(bytes), m_pos(begin), m_end(end), m_name(name)
    {}

    [[noreturn]] void fail(const std::string& reason) const { throw InputError({m_name, 0, 0, {}}, reason); }

    template <typename T>
    T get()
    {
        T value;
        if (m_end - m_pos < sizeof value)
            fail("the model file is truncated");
        std::memcpy(&value, m_bytes.data() + m_pos, sizeof value);
        m_pos += sizeof value;
        return value;
    }
    std::uint32_t count(std::uint32_t max, const char* what)
    {
        const auto n = get<std::uint32_t>();
        if (n > max)
            fail(std::string("the model file is corrupted (") + what + " out of range)");
        return n;
    }
    std::string getString()
    {
        const std::uint32_t n = count(1u << 20, "text length");
        if (m_end - m_pos < n)
            fail("the model file is truncated");
        std::string s = m_bytes.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    template <typename Dense>
    Dense getDense(Eigen::Index rows, Eigen::Index cols)
    {
        if (get<std::uint32_t>() != std::uint32_t(rows) || get<std::uint32_t>() != std::uint32_t(cols))
            fail("the model file is corrupted (a parameter block has the wrong shape)");
        Dense m(rows, cols);
        for (Eigen::Index r = 0; r < rows; ++r)
            for (Eigen::Index c = 0; c < cols; ++c)
                m(r, c) = get<float>();
        return m;
    }
    std::vector<double> getDoubles(std::uint32_t expected)
    {
        if (get<std::uint32_t>() != expected)
            fail("the model file is corrupted (wrong number of standardizer values)");
        std::vector<double> v(expected);
        for (double& x : v)
            x = get<double>();
        return v;
    }
    bool atEnd() const { return m_pos == m_end; }
    // Refuses a count of items that the bytes left cannot hold, before anything is allocated.
    void expect(std::uint64_t items, std::size_t bytesEach)
    {
        if (items > (m_end - m_pos) / bytesEach)
            fail("the model file is corrupted (sizes larger than the file)");
    }

private:
    const std::string& m_bytes;
    std::size_t m_pos;
    std::size_t m_end;
    const std::string& m_name;
};

void putParams(Writer& w, const TrainingParams& p)
{
    w.put(std::uint64_t(p.batchSize));
    w.put(p.validationShare);
    w.put(p.seed);
    w.put(std::int32_t(p.pretrainEpochs));
    w.put(p.pretrainLearningRate);
    w.put(p.pretrainWeightDecay);
    w.put(p.pretrainClip);
    w.put(std::int32_t(p.cdSteps));
    w.put(std::uint8_t(p.weightDoubling));
    w.put(std::int32_t(p.finetuneEpochs));
    w.put(p.finetuneLearningRate);
    w.put(p.finetuneWeightDecay);
    w.put(p.finetuneClip);
    w.put(std::int32_t(p.meanFieldIterations));
    w.put(std::int32_t(p.gibbsSteps));
    w.put(std::uint8_t(p.chains));
    w.put(p.adamBeta1);
    w.put(p.adamBeta2);
    w.put(p.adamEpsilon);
    w.put(p.logVarianceRateFactor);
    w.put(p.logVarianceMin);
    w.put(p.logVarianceMax);
}

TrainingParams getParams(Reader& r, std::vector<std::size_t> layers)
{
    TrainingParams p;
    p.layers = std::move(layers);
    p.batchSize = std::size_t(r.get<std::uint64_t>());
    p.validationShare = r.get<double>();
    p.seed = r.get<std::uint64_t>();
    p.pretrainEpochs = r.get<std::int32_t>();
    p.pretrainLearningRate = r.get<double>();
    p.pretrainWeightDecay = r.get<double>();
    p.pretrainClip = r.get<double>();
    p.cdSteps = r.get<std::int32_t>();
    p.weightDoubling = r.get<std::uint8_t>() != 0;
    p.finetuneEpochs = r.get<std::int32_t>();
    p.finetuneLearningRate = r.get<double>();
    p.finetuneWeightDecay = r.get<double>();
    p.finetuneClip = r.get<double>();
    p.meanFieldIterations = r.get<std::int32_t>();
    p.gibbsSteps = r.get<std::int32_t>();
    const auto chains = r.get<std::uint8_t>();
    if (chains > std::uint8_t(ChainMode::Restart))
        r.fail("the model file is corrupted (unknown chain mode)");
    p.chains = ChainMode(chains);
    p.adamBeta1 = r.get<double>();
    p.adamBeta2 = r.get<double>();
    p.adamEpsilon = r.get<double>();
    p.logVarianceRateFactor = r.get<double>();
    p.logVarianceMin = r.get<double>();
    p.logVarianceMax = r.get<double>();
    return p;
}

// Version 3: a hybrid's visible layout (after the standardizer; the weights' shapes follow from it).
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

// Version 3's tail of a hybrid: the weight blocks, the shape, the recipe's own layers, and the
// training listening by track identity.
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
    putSizes(w, model.params.layers);
    // Each curve point's per-modality errors (layer 1's), named by the modalities above.
    for (const EpochStats& point : model.curves) {
        w.put(std::uint8_t(point.groups.size()));
        for (const GroupError& g : point.groups) {
            w.put(g.train);
            w.put(g.validation);
        }
    }
    w.put(std::uint32_t(model.heard.size()));
    for (const HeardTrack& t : model.heard) {
        w.putString(t.track);
        w.put(std::uint32_t(t.listeners.size()));
        for (std::uint32_t u : t.listeners)
            w.put(u);
    }
}

void getHybrid(Reader& r, Model& model)
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
    const std::uint32_t heard = r.count(std::numeric_limits<std::uint32_t>::max(), "heard tracks");
    r.expect(heard, 8);
    if (heard > 0 && !listening)
        r.fail("the model file is corrupted (listening without a listening modality)");
    // Grown as entries are read (each holds at least one listener): memory follows the bytes
    // actually there, not the count a damaged file claims.
    for (std::uint32_t i = 0; i < heard; ++i) {
        HeardTrack t;
        t.track = r.getString();
        const std::uint32_t n = r.count(std::uint32_t(listening->count), "listener count");
        if (n == 0)
            r.fail("the model file is corrupted (a heard track without a listener)");
        r.expect(n, 4);
        t.listeners.resize(n);
        for (std::uint32_t& u : t.listeners) {
            u = r.get<std::uint32_t>();
            if (u >= listening->count || (&u != t.listeners.data() && u <= *(&u - 1)))
                r.fail("the model file is corrupted (a listener out of range or out of order)");
        }
        model.heard.push_back(std::move(t));
    }
}

void putCurves(Writer& w, const std::vector<EpochStats>& curves)
{
    w.put(std::uint32_t(curves.size()));
    for (const EpochStats& s : curves) {
        w.put(std::uint8_t(s.phase));
        w.put(std::uint32_t(s.layer));
        w.put(std::uint32_t(s.layers));
        w.put(std::int32_t(s.epoch));
        w.put(std::int32_t(s.epochs));
        w.put(s.mseTrain);
        w.put(s.mseValidation);
        w.put(s.samplesPerSecond);
        w.put(s.elapsedSeconds);
    }
}

std::vector<EpochStats> getCurves(Reader& r)
{
    const std::uint32_t points = r.count(kMaxCurvePoints, "curve length");
    r.expect(points, 1 + 4 * 4 + 4 * 8);
    std::vector<EpochStats> curves(points);
    for (EpochStats& s : curves) {
        const auto phase = r.get<std::uint8_t>();
        if (phase > std::uint8_t(Phase::FineTuning))
            r.fail("the model file is corrupted (unknown phase)");
        s.phase = Phase(phase);
        s.layer = r.get<std::uint32_t>();
        s.layers = r.get<std::uint32_t>();
        s.epoch = r.get<std::int32_t>();
        s.epochs = r.get<std::int32_t>();
        s.mseTrain = r.get<double>();
        s.mseValidation = r.get<double>();
        s.samplesPerSecond = r.get<double>();
        s.elapsedSeconds = r.get<double>();
    }
    return curves;
}

// Version 2's tail: the recipe's settings, then what early stopping did.
void putRecipe(Writer& w, const Model& model)
{
    const TrainingParams& p = model.params;
    w.put(p.initialWeightScale);
    w.put(p.pretrainHiddenLearningRate);
    w.put(p.pretrainMomentumStart);
    w.put(p.pretrainMomentum);
    w.put(std::int32_t(p.pretrainMomentumSwitchEpoch));
    w.put(std::int32_t(p.logVarianceWarmupEpochs));
    w.put(std::uint8_t(p.earlyStopping));
    w.put(std::int32_t(p.patience));
    w.put(std::int32_t(model.keptEpoch));
    w.put(std::uint8_t(model.stoppedEarly));
    for (const EpochStats& s : model.curves)
        w.put(std::int32_t(s.bestEpoch));
}

void getRecipe(Reader& r, Model& model)
{
    TrainingParams& p = model.params;
    p.initialWeightScale = r.get<double>();
    p.pretrainHiddenLearningRate = r.get<double>();
    p.pretrainMomentumStart = r.get<double>();
    p.pretrainMomentum = r.get<double>();
    p.pretrainMomentumSwitchEpoch = r.get<std::int32_t>();
    p.logVarianceWarmupEpochs = r.get<std::int32_t>();
    p.earlyStopping = r.get<std::uint8_t>() != 0;
    p.patience = r.get<std::int32_t>();
    model.keptEpoch = r.get<std::int32_t>();
    model.stoppedEarly = r.get<std::uint8_t>() != 0;
    r.expect(model.curves.size(), 4);
    for (EpochStats& s : model.curves)
        s.bestEpoch = r.get<std::int32_t>();
}

// What a version 1 model was trained with, and kept: its last epoch.
void setFirstRecipe(Model& model)
{
    useFirstRecipe(model.params);
    model.keptEpoch = 0;
    double best = std::numeric_limits<double>::infinity();
    int bestEpoch = 0;
    for (EpochStats& s : model.curves) {
        if (s.phase != Phase::FineTuning)
            continue;
        // The running best of the validation curve, as a version 2 run records it.
        if (!std::isfinite(s.mseValidation) || s.mseValidation < best) {
            best = std::isfinite(s.mseValidation) ? s.mseValidation : best;
            bestEpoch = s.epoch;
        }
        s.bestEpoch = bestEpoch;
        model.keptEpoch = s.epoch;
    }
}

std::uint32_t checkHeader(const std::string& bytes, const std::string& name, std::uint64_t& payloadSize)
{
    if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        throw InputError({name, 0, 0, {}}, "not a GDBM Studio model file");
    Reader header(bytes, sizeof kMagic, std::min(bytes.size(), kHeaderSize), name);
    const auto version = header.get<std::uint32_t>();
    if (version > kModelFormatVersion)
        throw InputError({name, 0, 0, {}}, "written by a newer version of GDBM Studio (model format " +
                                               std::to_string(version) + "; this one reads up to " +
                                               std::to_string(kModelFormatVersion) + ")");
    if (version == 0)
        throw InputError({name, 0, 0, {}}, "the model file is corrupted (format version 0)");
    payloadSize = header.get<std::uint64_t>();
    return version;
}

std::string readAll(const std::string& path)
{
    requireRegularFile(path, "model file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError({path, 0, 0, {}}, "cannot open the model file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return std::move(buffer).str();
}

} // namespace

std::string serializeModel(const Model& model)
{
    Writer w;
    w.put(std::uint32_t(model.features.size()));
    for (data::Feature f : model.features)
        w.putString(std::string(data::featureKey(f)));
    w.putDoubles(model.standardizer.mean());
    w.putDoubles(model.standardizer.stddev());
    putModalities(w, model.modalities);
    w.put(std::uint32_t(model.dbm.layerCount()));
    for (std::size_t n : model.dbm.layerSizes())
        w.put(std::uint32_t(n));
    for (std::size_t l = 0; l < model.dbm.layerCount(); ++l) {
        w.putDense(model.dbm.weights[l]);
        w.putDense(model.dbm.hiddenBias[l]);
    }
    w.putDense(model.dbm.visibleBias);
    w.putDense(model.dbm.logVariance);
    putParams(w, model.params);
    putCurves(w, model.curves);
    for (double x : {model.pretrainSeconds, model.finetuneSeconds, model.mseAfterPretraining, model.mseTrain,
                     model.mseValidation})
        w.put(x);
    w.put(std::uint64_t(model.trainRows));
    w.put(std::uint64_t(model.validationRows));
    putRecipe(w, model);
    if (model.isHybrid())
        putHybrid(w, model);

    const std::string& payload = w.bytes();
    Writer file;
    file.bytes().append(kMagic, sizeof kMagic);
    file.put(kModelFormatVersion);
    file.put(std::uint64_t(payload.size()));
    file.bytes() += payload;
    file.put(fnv1a(payload.data(), payload.size()));
    return std::move(file.bytes());
}

Model deserializeModel(const std::string& bytes, const std::string& name)
{
    std::uint64_t payloadSize = 0;
    const std::uint32_t version = checkHeader(bytes, name, payloadSize);
    if (bytes.size() < kHeaderSize || bytes.size() - kHeaderSize < 8 ||
        bytes.size() - kHeaderSize - 8 < payloadSize)
        throw InputError({name, 0, 0, {}}, "the model file is truncated");
    if (bytes.size() - kHeaderSize - 8 > payloadSize)
        throw InputError({name, 0, 0, {}}, "the model file has unexpected bytes after its end");
    std::uint64_t stored = 0;
    std::memcpy(&stored, bytes.data() + kHeaderSize + payloadSize, sizeof stored);
    if (stored != fnv1a(bytes.data() + kHeaderSize, payloadSize))
        throw InputError({name, 0, 0, {}}, "the model file is corrupted (checksum mismatch)");

    Reader r(bytes, kHeaderSize, kHeaderSize + payloadSize, name);
    Model model;
    const std::uint32_t featureCount = r.count(std::uint32_t(data::kFeatureCount), "feature count");
    for (std::uint32_t i = 0; i < featureCount; ++i) {
        const std::string key = r.getString();
        const auto f = data::featureFromName(key);
        if (!f)
            r.fail("the model file names an unknown feature '" + key + "'");
        model.features.push_back(*f);
    }
    std::vector<double> mean = r.getDoubles(featureCount);
    std::vector<double> stddev = r.getDoubles(featureCount);
    // A NaN here would embed every song as NaN, and a zero divides by zero: refuse them even
    // under a valid checksum (a file written by a broken or foreign writer).
    for (std::uint32_t i = 0; i < featureCount; ++i) {
        if (!std::isfinite(mean[i]) || !std::isfinite(stddev[i]) || !(stddev[i] > 0))
            r.fail("the model file holds an unusable standardizer for " +
                   std::string(data::featureName(model.features[i])) + " (mean " +
                   text::formatDouble(mean[i]) + ", standard deviation " + text::formatDouble(stddev[i]) +
                   ")");
    }
    model.standardizer = Standardizer(std::move(mean), std::move(stddev));
    std::size_t visible = featureCount;
    if (version >= 3) {
        model.modalities = getModalities(r);
        if (model.isHybrid()) {
            const ModalityColumns& last = model.modalities.back();
            visible = last.first + last.count;
            const ModalityColumns* audio = model.find(Modality::Audio);
            if ((audio ? audio->count : 0) != featureCount)
                r.fail("the model file is corrupted (the audio units do not match the features)");
        }
    }
    const std::uint32_t layers = r.count(kMaxLayers, "layer count");
    if (layers == 0)
        r.fail("the model file is corrupted (no hidden layers)");
    std::vector<std::size_t> sizes;
    for (std::uint32_t l = 0; l < layers; ++l) {
        const std::uint32_t n = r.count(kMaxUnits, "layer size");
        if (n == 0)
            r.fail("the model file is corrupted (an empty layer)");
        sizes.push_back(n);
    }
    std::uint64_t parameters = 0;
    std::size_t below = visible;
    for (std::size_t n : sizes) {
        parameters += std::uint64_t(below) * n + n;
        below = n;
    }
    r.expect(parameters, sizeof(float));
    model.dbm = Dbm::zeros(visible, sizes);
    model.dbm.gaussianCount = featureCount;
    for (std::size_t l = 0; l < layers; ++l) {
        model.dbm.weights[l] = r.getDense<Matrix>(model.dbm.weights[l].rows(), model.dbm.weights[l].cols());
        model.dbm.hiddenBias[l] = r.getDense<Vector>(Eigen::Index(sizes[l]), 1);
    }
    model.dbm.visibleBias = r.getDense<Vector>(Eigen::Index(visible), 1);
    model.dbm.logVariance = r.getDense<Vector>(Eigen::Index(visible), 1);
    model.params = getParams(r, sizes);
    model.curves = getCurves(r);
    model.pretrainSeconds = r.get<double>();
    model.finetuneSeconds = r.get<double>();
    model.mseAfterPretraining = r.get<double>();
    model.mseTrain = r.get<double>();
    model.mseValidation = r.get<double>();
    model.trainRows = std::size_t(r.get<std::uint64_t>());
    model.validationRows = std::size_t(r.get<std::uint64_t>());
    if (version >= 2)
        getRecipe(r, model);
    else
        setFirstRecipe(model);
    if (model.isHybrid())
        getHybrid(r, model);
    if (!r.atEnd())
        r.fail("the model file is corrupted (unexpected data at the end)");
    if (!model.dbm.allFinite())
        r.fail("the model file holds non-finite parameters");
    if (const auto problems = validate(model.params); !problems.empty())
        r.fail("the model file holds unusable settings (" + problems.front() + ")");
    return model;
}

void saveModel(const Model& model, const std::string& path)
{
    const std::string bytes = serializeModel(model);
    writeFileAtomically(path,
                        [&](std::ostream& out) { out.write(bytes.data(), std::streamsize(bytes.size())); });
}

Model loadModel(const std::string& path)
{
    return deserializeModel(readAll(path), path);
}

std::uint32_t modelFileVersion(const std::string& path)
{
    std::uint64_t payloadSize = 0;
    return checkHeader(readAll(path), path, payloadSize);
}

} // namespace gdbm::model
