#include "model/ModelFile.h"

#include "core/AtomicFile.h"
#include "core/Error.h"
#include "core/FileChecks.h"
#include "core/Text.h"
#include "model/ModelFileCoding.h"

#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

namespace gdbm::model {

using namespace file_coding;

namespace {

static_assert(std::endian::native == std::endian::little, "the model file is written little-endian");

constexpr char kMagic[8] = {'G', 'D', 'B', 'M', 'M', 'O', 'D', 'L'};
constexpr std::size_t kHeaderSize = sizeof kMagic + 4 + 8;
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

// The file's first bytes are the model signature, or it is not a model file.
void requireSignature(const std::string& bytes, const std::string& name)
{
    if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        throw InputError({name, 0, 0, {}}, "not a GDBM Studio model file");
}

std::uint32_t checkHeader(const std::string& bytes, const std::string& name, std::uint64_t& payloadSize)
{
    requireSignature(bytes, name);
    Reader header(bytes, sizeof kMagic, std::min(bytes.size(), kHeaderSize), name);
    const auto version = header.get<std::uint32_t>();
    // The format's version grows by one with each change: thousands are a damaged header, not
    // a file from the future.
    constexpr std::uint32_t kImplausibleVersion = 1000;
    if (version >= kImplausibleVersion)
        throw InputError({name, 0, 0, {}},
                         "the model file is corrupted (format version " + std::to_string(version) + ")");
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
        throw InputError({path, 0, 0, {}},
                         std::string("cannot open the model file: ") + std::strerror(errno));
    // The signature first: a large file that is not a model is refused without being read.
    std::string bytes(sizeof kMagic, '\0');
    in.read(bytes.data(), std::streamsize(bytes.size()));
    bytes.resize(std::size_t(in.gcount()));
    requireSignature(bytes, path);
    in.seekg(0, std::ios::end);
    const auto size = std::size_t(in.tellg());
    in.seekg(std::streamoff(sizeof kMagic));
    bytes.resize(size);
    in.read(bytes.data() + sizeof kMagic, std::streamsize(size - sizeof kMagic));
    if (std::size_t(in.gcount()) != size - sizeof kMagic)
        throw InputError({path, 0, 0, {}}, "cannot read the model file");
    return bytes;
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
        getHybrid(r, model, version);
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
