#include "model/Pretrainer.h"

#include "model/Adam.h"
#include "model/BatchPlan.h"
#include "model/WeightStep.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gdbm::model {
namespace {

constexpr int kPretrainPhase = 0;

// Momentum SGD (Hinton, "A Practical Guide to Training Restricted Boltzmann Machines", 2010,
// section 9): velocity = momentum * velocity + rate * gradient; parameter += velocity.
struct Velocity
{
    RbmGradient step;
    explicit Velocity(const Rbm& rbm) : step(RbmGradient::zerosLike(rbm)) {}
};

struct EpochSchedule
{
    double rate = 0;       // the Gaussian units' weights and biases (layer 1), else every unit's
    double binaryRate = 0; // a multimodal layer 1's binary units and their hidden units
    double momentum = 0;
    bool learnVariance = true;
};

EpochSchedule scheduleFor(const TrainingParams& p, std::size_t layer, int epoch)
{
    EpochSchedule s;
    s.rate = layer == 0 ? p.pretrainLearningRate : p.pretrainHiddenLearningRate;
    s.binaryRate = p.pretrainHiddenLearningRate;
    s.momentum = epoch <= p.pretrainMomentumSwitchEpoch ? p.pretrainMomentumStart : p.pretrainMomentum;
    s.learnVariance = epoch > p.logVarianceWarmupEpochs;
    return s;
}

// The learning rate of each visible unit and each hidden unit: a Gaussian unit (and the hidden
// units of its modality's block) learns at the Gaussian rate, every other unit at the binary one;
// then each block's units at its factor (Architecture::blockRateFactors) times that.
struct UnitRates
{
    Vector visible;
    Vector hidden;
};

UnitRates unitRates(const Rbm& rbm, const EpochSchedule& schedule, const std::vector<double>& blockFactors)
{
    const auto gaussian = Scalar(schedule.rate);
    const auto binary = Scalar(rbm.hasGaussian() ? schedule.binaryRate : schedule.rate);
    UnitRates rates{Vector::Constant(Eigen::Index(rbm.visibleCount()), binary),
                    Vector::Constant(Eigen::Index(rbm.hiddenCount()), binary)};
    rates.visible.head(Eigen::Index(rbm.gaussianCount)).setConstant(gaussian);
    if (rbm.blocks.empty()) {
        if (rbm.hasGaussian())
            rates.hidden.setConstant(gaussian);
        return rates;
    }
    for (const WeightBlock& b : rbm.blocks) {
        if (b.row < rbm.gaussianCount)
            rates.hidden.segment(Eigen::Index(b.col), Eigen::Index(b.cols)).setConstant(gaussian);
    }
    if (blockFactors.size() == rbm.blocks.size()) {
        for (std::size_t i = 0; i < blockFactors.size(); ++i) {
            const WeightBlock& b = rbm.blocks[i];
            const auto factor = Scalar(blockFactors[i]);
            rates.visible.segment(Eigen::Index(b.row), Eigen::Index(b.rows)) *= factor;
            rates.hidden.segment(Eigen::Index(b.col), Eigen::Index(b.cols)) *= factor;
        }
    }
    return rates;
}

// One update from a batch's summed statistics, and a wide layer's weights from the chunks'
// phases (when the sum holds no weights); false if a parameter is no longer finite.
bool applyUpdate(Rbm& rbm, const std::vector<ChunkPhases>& phases, std::size_t chunks, const RbmGradient& sum,
                 std::size_t rows, const TrainingParams& p, const EpochSchedule& schedule,
                 const UnitRates& rates, Velocity& velocity)
{
    const Scalar scale = Scalar(1.0 / double(rows));
    const auto rate = Scalar(schedule.rate);
    const auto momentum = Scalar(schedule.momentum);
    RbmGradient& v = velocity.step;
    const MomentumStep step{scale, momentum, Scalar(p.pretrainWeightDecay), Scalar(p.pretrainClip)};
    const bool weightsFinite = sum.weights.size() > 0
                                   ? stepWeights(rbm, sum.weights, step, rates.visible, v.weights)
                                   : stepWeights(rbm, phases, chunks, step, rates.visible, v.weights);
    v.visibleBias =
        momentum * v.visibleBias +
        Vector(rates.visible.cwiseProduct(clipped(Vector(sum.visibleBias * scale), p.pretrainClip)));
    v.hiddenBias = momentum * v.hiddenBias +
                   Vector(rates.hidden.cwiseProduct(clipped(Vector(sum.hiddenBias * scale), p.pretrainClip)));
    rbm.visibleBias += v.visibleBias;
    rbm.hiddenBias += v.hiddenBias;
    if (rbm.hasGaussian() && schedule.learnVariance) {
        v.logVariance =
            momentum * v.logVariance +
            rate * Scalar(p.logVarianceRateFactor) * clipped(Vector(sum.logVariance * scale), p.pretrainClip);
        rbm.logVariance += v.logVariance;
        rbm.logVariance =
            rbm.logVariance.cwiseMax(Scalar(p.logVarianceMin)).cwiseMin(Scalar(p.logVarianceMax));
    }
    return weightsFinite && rbm.biasesFinite();
}

// One epoch of CD-k over the input; false when cancelled mid-epoch.
bool trainEpoch(Rbm& rbm, Velocity& velocity, const Matrix& input, std::size_t layer, int epoch,
                TrainingContext& context, const NegativePhaseColumns& columns)
{
    const TrainingParams& p = context.params;
    const EpochSchedule schedule = scheduleFor(p, layer, epoch);
    const UnitRates rates = unitRates(rbm, schedule, context.architecture.blockRateFactors); // the epoch's
    const std::uint64_t orderKey = updateKey(kPretrainPhase, layer, epoch, 0xFFFFFFFF);
    const std::vector<std::uint32_t> order = epochOrder(std::size_t(input.rows()), p.seed, orderKey);
    // One workspace per chunk for the whole epoch: its rows of the batch, its statistics (a wide
    // layer's biases' only, and its phases for the tiles), zeroed for each batch. All are filled
    // inside the chunk's own task.
    const bool tiled = stepsByTiles(rbm);
    const std::size_t maxChunks = chunkCount(std::min(p.batchSize, order.size()));
    std::vector<RbmGradient> partial(maxChunks,
                                     tiled ? RbmGradient::biasesLike(rbm) : RbmGradient::zerosLike(rbm));
    std::vector<ChunkPhases> phases(maxChunks);
    std::vector<Matrix> chunkRows(maxChunks);
    for (std::size_t begin = 0, b = 0; begin < order.size(); begin += p.batchSize, ++b) {
        if (context.cancelled())
            return false;
        const std::size_t end = std::min(order.size(), begin + p.batchSize);
        const std::size_t rows = end - begin;
        const std::size_t chunks = chunkCount(rows);
        const std::uint64_t key = updateKey(kPretrainPhase, layer, epoch, b);
        forEachChunk(rows, [&](std::size_t c, std::size_t first, std::size_t count) {
            gatherRows(input, order, begin + first, begin + first + count, chunkRows[c]);
            partial[c].setZero(rbm.blocks);
            RowStreams streams(p.seed, key, first, count);
            if (!tiled) {
                accumulateCdGradient(rbm, chunkRows[c], p.cdSteps, streams, partial[c], columns);
                return;
            }
            CdChain chain = runCdChain(rbm, chunkRows[c], p.cdSteps, streams, columns);
            accumulateBiasStatistics(rbm, chunkRows[c], chain.positiveHidden, Scalar(1), partial[c]);
            accumulateBiasStatistics(rbm, chain.negativeVisible, chain.negativeHidden, Scalar(-1),
                                     partial[c]);
            phases[c] = chunkPhases(rbm, chunkRows[c], std::move(chain));
        });
        for (std::size_t c = 1; c < chunks; ++c)
            partial[0].add(partial[c], rbm.blocks);
        if (!applyUpdate(rbm, phases, chunks, partial[0], rows, p, schedule, rates, velocity))
            throw TrainingDiverged(Phase::Pretraining, layer, epoch);
    }
    return true;
}

void startAtLogOdds(Rbm& rbm, const Matrix& input)
{
    const auto binary = input.cols() - Eigen::Index(rbm.gaussianCount);
    if (binary <= 0 || input.rows() == 0)
        return;
    const Eigen::ArrayXd share =
        (input.rightCols(binary).cast<double>().colwise().sum() / double(input.rows()))
            .transpose()
            .array()
            .cwiseMax(1e-3)
            .cwiseMin(1 - 1e-3);
    rbm.visibleBias.tail(binary) = (share / (1 - share)).log().cast<Scalar>().matrix();
}

// The columns of [0, columns) outside `given` (sorted, not overlapping).
std::vector<ColumnRange> otherColumns(const std::vector<ColumnRange>& given, std::size_t columns)
{
    std::vector<ColumnRange> rest;
    std::size_t next = 0;
    for (const ColumnRange& g : given) {
        if (g.first > next)
            rest.push_back({next, g.first - next});
        next = g.first + g.count;
    }
    if (next < columns)
        rest.push_back({next, columns - next});
    return rest;
}

} // namespace

InputSpread inputSpread(const Matrix& input)
{
    InputSpread spread;
    if (input.rows() == 0)
        return spread;
    // One pass over the centred input: each column's squared deviations, and their sum.
    const RowVector mean = (input.cast<double>().colwise().sum() / double(input.rows())).cast<Scalar>();
    spread.columns = (input.rowwise() - mean).cast<double>().array().square().colwise().sum();
    spread.total = spread.columns.sum();
    return spread;
}

double layerRelativeError(const Rbm& rbm, const Matrix& input)
{
    return layerRelativeError(rbm, input, inputSpread(input));
}

double layerRelativeError(const Rbm& rbm, const Matrix& input, const InputSpread& spread)
{
    if (input.rows() == 0)
        return std::nan("");
    const double error =
        sumOverRowChunks(std::size_t(input.rows()), kMonitorChunkRows, [&](std::size_t b, std::size_t e) {
            const auto rows = input.middleRows(Eigen::Index(b), Eigen::Index(e - b));
            const Matrix reconstruction = rbm.visibleMean(rbm.hiddenProbabilities(rows));
            return double((rows - reconstruction).cast<double>().squaredNorm());
        });
    // A constant input (a dead layer below) has nothing a layer could explain beyond its mean.
    return spread.total > 0 ? error / spread.total : 1.0;
}

double GroupSums::relative(std::size_t group) const
{
    // A constant group has nothing a layer could explain beyond its mean.
    return spread[group] > 0 ? error[group] / spread[group] : 1.0;
}

double GroupSums::overall() const
{
    const double spreads = std::accumulate(spread.begin(), spread.end(), 0.0);
    return spreads > 0 ? std::accumulate(error.begin(), error.end(), 0.0) / spreads : 1.0;
}

GroupSums groupErrors(const Rbm& rbm, const Matrix& input, const InputSpread& spread,
                      const std::vector<ColumnRange>& groups)
{
    GroupSums sums;
    sums.error.assign(groups.size(), 0.0);
    sums.spread.assign(groups.size(), 0.0);
    if (input.rows() == 0) {
        std::fill(sums.error.begin(), sums.error.end(), std::nan(""));
        return sums;
    }
    // Per chunk, every column's squared error; added over chunks in order (thread-count free).
    const std::size_t chunks = (std::size_t(input.rows()) + kMonitorChunkRows - 1) / kMonitorChunkRows;
    std::vector<Eigen::RowVectorXd> perChunk(chunks);
    forEachTask(chunks, [&](std::size_t c) {
        const auto b = Eigen::Index(c * kMonitorChunkRows);
        const auto n = std::min(input.rows() - b, Eigen::Index(kMonitorChunkRows));
        const auto rows = input.middleRows(b, n);
        const Matrix reconstruction = rbm.visibleMean(rbm.hiddenProbabilities(rows));
        perChunk[c] = (rows - reconstruction).cast<double>().array().square().colwise().sum();
    });
    Eigen::RowVectorXd columnError = Eigen::RowVectorXd::Zero(input.cols());
    for (const Eigen::RowVectorXd& part : perChunk)
        columnError += part;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const auto first = Eigen::Index(groups[g].first), count = Eigen::Index(groups[g].count);
        sums.error[g] = columnError.segment(first, count).sum();
        sums.spread[g] = spread.columns.segment(first, count).sum();
    }
    return sums;
}

Dbm composeDbm(const std::vector<Rbm>& rbms, bool weightDoubling)
{
    Dbm dbm;
    for (std::size_t l = 0; l < rbms.size(); ++l) {
        dbm.weights.push_back(rbms[l].weights);
        Vector bias = rbms[l].hiddenBias;
        if (weightDoubling && l + 1 < rbms.size())
            bias += rbms[l + 1].visibleBias;
        dbm.hiddenBias.push_back(bias);
    }
    dbm.visibleBias = rbms.front().visibleBias;
    dbm.logVariance = rbms.front().logVariance;
    dbm.gaussianCount = rbms.front().gaussianCount;
    for (const Rbm& rbm : rbms)
        dbm.blocks.push_back(rbm.blocks);
    return dbm;
}

PretrainResult pretrain(TrainingContext& context)
{
    const TrainingParams& p = context.params;
    const Architecture architecture = context.architecture.layers.empty()
                                          ? denseArchitecture(std::size_t(context.train.cols()), p.layers)
                                          : context.architecture;
    const std::size_t layers = architecture.layers.size();
    PretrainResult result;
    Matrix input = context.train;
    // Each layer's curve is how well it reconstructs its own input, on the monitored training
    // songs and the validation songs pushed up through the layers below.
    Matrix monitoredInput = context.monitored;
    Matrix validationInput = context.validation;
    // A multimodal layer 1 reports each modality's error too: its blocks' rows are the modalities.
    std::vector<ColumnRange> groups;
    if (architecture.groupNames.size() > 1 &&
        architecture.groupNames.size() == architecture.blocksOf(0).size()) {
        for (const WeightBlock& b : architecture.blocksOf(0))
            groups.push_back({b.row, b.rows});
    }

    for (std::size_t l = 0; l < layers; ++l) {
        // A conditional top layer (Architecture::topConditions) learns, and its curve reports,
        // only the inputs it is not given.
        const std::vector<ColumnRange> given =
            l + 1 == layers ? architecture.topConditions : std::vector<ColumnRange>{};
        const std::vector<ColumnRange> modelled = otherColumns(given, std::size_t(input.cols()));
        const NegativePhaseColumns negativePhase{given, l == 0 ? architecture.meanInputs
                                                               : std::vector<ColumnRange>{}};
        Rbm rbm = initialRbm(std::size_t(input.cols()), architecture.layers[l],
                             l == 0 ? architecture.gaussianCount : 0, p.seed, l, p.initialWeightScale,
                             architecture.blocksOf(l));
        if (p.weightDoubling && layers > 1) {
            rbm.upFactor = l + 1 < layers ? 2 : 1;
            rbm.downFactor = l > 0 ? 2 : 1;
        }
        // A multimodal bottom layer's binary units start at their log-odds in the data (Hinton's
        // practical guide, section 8.1): sparse listening would otherwise spend its first epochs
        // learning that most songs have few listeners.
        if (l == 0 && !context.architecture.layers.empty())
            startAtLogOdds(rbm, input);
        if (l == 0) {
            for (std::size_t block : architecture.unitStartBlocks)
                startUnitsOnInputs(rbm, architecture.blocksOf(0).at(block));
        }
        result.rbms.push_back(rbm);
        Velocity velocity(rbm);
        // What the curves divide by: the layer's inputs do not change while it trains.
        const bool measuring = context.measuresCurves();
        const InputSpread monitoredSpread = measuring ? inputSpread(monitoredInput) : InputSpread{};
        const InputSpread validationSpread = measuring ? inputSpread(validationInput) : InputSpread{};
        for (int epoch = 1; epoch <= p.pretrainEpochs; ++epoch) {
            const Rbm before = result.rbms[l];
            const double epochStart = context.elapsedSeconds();
            if (!trainEpoch(result.rbms[l], velocity, input, l, epoch, context, negativePhase)) {
                result.rbms[l] = before; // the last completed epoch's parameters
                result.stopped = true;
                break;
            }
            const double seconds = context.elapsedSeconds() - epochStart;
            EpochStats stats;
            stats.phase = Phase::Pretraining;
            stats.layer = l;
            stats.layers = layers;
            stats.epoch = epoch;
            stats.epochs = p.pretrainEpochs;
            if (!measuring) {
                stats.mseTrain = stats.mseValidation = std::nan("");
            } else if (l == 0 && !groups.empty()) {
                // One reconstruction gives the layer's curve and each modality's.
                const GroupSums train = groupErrors(result.rbms[l], monitoredInput, monitoredSpread, groups);
                const GroupSums validation =
                    groupErrors(result.rbms[l], validationInput, validationSpread, groups);
                stats.mseTrain = train.overall();
                stats.mseValidation = validationInput.rows() > 0 ? validation.overall() : std::nan("");
                for (std::size_t g = 0; g < groups.size(); ++g)
                    stats.groups.push_back(
                        {architecture.groupNames[g], train.relative(g),
                         validationInput.rows() > 0 ? validation.relative(g) : std::nan("")});
            } else if (!given.empty()) {
                stats.mseTrain =
                    groupErrors(result.rbms[l], monitoredInput, monitoredSpread, modelled).overall();
                stats.mseValidation =
                    validationInput.rows() > 0
                        ? groupErrors(result.rbms[l], validationInput, validationSpread, modelled).overall()
                        : std::nan("");
            } else {
                stats.mseTrain = layerRelativeError(result.rbms[l], monitoredInput, monitoredSpread);
                stats.mseValidation = layerRelativeError(result.rbms[l], validationInput, validationSpread);
            }
            stats.samplesPerSecond = seconds > 0 ? double(input.rows()) / seconds : 0.0;
            stats.elapsedSeconds = context.elapsedSeconds();
            if (measuring && !std::isfinite(stats.mseTrain))
                throw TrainingDiverged(Phase::Pretraining, l, epoch);
            if (context.report(stats)) {
                result.stopped = true;
                break;
            }
        }
        if (result.stopped)
            break;
        // The next layer learns the mean activations of this one.
        input = result.rbms[l].hiddenProbabilities(input);
        if (measuring) {
            monitoredInput = result.rbms[l].hiddenProbabilities(monitoredInput);
            validationInput = result.rbms[l].hiddenProbabilities(validationInput);
        }
    }
    if (!result.stopped)
        result.dbm = composeDbm(result.rbms, p.weightDoubling);
    return result;
}

} // namespace gdbm::model
