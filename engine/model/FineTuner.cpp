#include "model/FineTuner.h"

#include "core/Random.h"
#include "model/Adam.h"
#include "model/BatchPlan.h"

#include <cmath>

namespace gdbm::model {
namespace {

constexpr int kFineTunePhase = 1;
constexpr int kChainStartPhase = 2;

RowVector precisionOf(const Dbm& dbm)
{
    return (-dbm.logVariance.array()).exp().matrix().transpose();
}

// Input of hidden layer l from the chain's current neighbours.
void chainInput(const Dbm& dbm, const ChainState& chains, const Matrix& scaledV, std::size_t l, Matrix& out)
{
    const Matrix& below = l == 0 ? scaledV : chains.hidden[l - 1];
    const Matrix* above = l + 1 < dbm.layerCount() ? &chains.hidden[l + 1] : nullptr;
    hiddenInput(dbm, l, below, above, Scalar(1), out);
}

// Adds sign * (v - b) / sigma^2 and the z term exp(-z) (0.5 (v - b)^2 - v (h1 W1^T)).
void addVisibleStatistics(const Dbm& dbm, const Matrix& v, const Matrix& h1, Scalar sign, DbmGradient& out)
{
    const RowVector precision = precisionOf(dbm);
    const Matrix centred = v.rowwise() - dbm.visibleBias.transpose();
    out.visibleBias += sign * visibleBiasTerm(centred, v, precision, dbm.gaussianCount);
    out.logVariance +=
        sign * varianceTerm(v, centred, h1, dbm.weights[0], dbm.blocksOf(0), precision, dbm.gaussianCount);
}

} // namespace

DbmGradient DbmGradient::zerosLike(const Dbm& dbm)
{
    DbmGradient g;
    for (std::size_t l = 0; l < dbm.layerCount(); ++l) {
        g.weights.push_back(Matrix::Zero(dbm.weights[l].rows(), dbm.weights[l].cols()));
        g.hiddenBias.push_back(Vector::Zero(dbm.hiddenBias[l].size()));
    }
    g.visibleBias = Vector::Zero(dbm.visibleBias.size());
    g.logVariance = Vector::Zero(dbm.logVariance.size());
    return g;
}

DbmGradient& DbmGradient::operator+=(const DbmGradient& other)
{
    for (std::size_t l = 0; l < weights.size(); ++l) {
        weights[l] += other.weights[l];
        hiddenBias[l] += other.hiddenBias[l];
    }
    visibleBias += other.visibleBias;
    logVariance += other.logVariance;
    return *this;
}

void accumulateDataStatistics(const Dbm& dbm, const Matrix& v, int meanFieldIterations, DbmGradient& out)
{
    const std::vector<Matrix> mu = meanField(dbm, v, meanFieldIterations);
    const Matrix scaledV = scaledVisible(dbm, v);
    for (std::size_t l = 0; l < dbm.layerCount(); ++l) {
        const Matrix& below = l == 0 ? scaledV : mu[l - 1];
        addOuterBlocks(below, mu[l], dbm.blocksOf(l), Scalar(1), out.weights[l]);
        out.hiddenBias[l] += mu[l].colwise().sum().transpose();
    }
    addVisibleStatistics(dbm, v, mu[0], Scalar(1), out);
}

void gibbsStep(const Dbm& dbm, ChainState& chains, RowStreams& streams)
{
    const std::size_t layers = dbm.layerCount();
    Matrix scaledV = scaledVisible(dbm, chains.visible);
    // Odd block {h1, h3, ..} given the even block.
    for (std::size_t l = 0; l < layers; l += 2) {
        chainInput(dbm, chains, scaledV, l, chains.hidden[l]);
        sigmoidInPlace(chains.hidden[l]);
        streams.sampleBernoulli(chains.hidden[l]);
    }
    // Even block {v, h2, h4, ..} given the odd block.
    chains.visible = reconstruct(dbm, chains.hidden[0]);
    const RowVector sigma = (Scalar(0.5) * dbm.logVariance.array()).exp().matrix().transpose();
    sampleVisible(chains.visible, dbm.gaussianCount, sigma, streams);
    for (std::size_t l = 1; l < layers; l += 2) {
        chainInput(dbm, chains, scaledV, l, chains.hidden[l]);
        sigmoidInPlace(chains.hidden[l]);
        streams.sampleBernoulli(chains.hidden[l]);
    }
}

void advanceChainsAndSubtractStatistics(const Dbm& dbm, ChainState& chains, int steps, RowStreams& streams,
                                        DbmGradient& out)
{
    for (int s = 0; s < steps; ++s)
        gibbsStep(dbm, chains, streams);

    const std::size_t layers = dbm.layerCount();
    const Matrix scaledV = scaledVisible(dbm, chains.visible);
    // Probability of each hidden layer given the other block's current sample.
    std::vector<Matrix> probability(layers);
    for (std::size_t l = 0; l < layers; ++l) {
        chainInput(dbm, chains, scaledV, l, probability[l]);
        sigmoidInPlace(probability[l]);
    }
    for (std::size_t l = 0; l < layers; ++l) {
        if (l == 0) {
            addOuterBlocks(scaledV, probability[0], dbm.blocksOf(0), Scalar(-1), out.weights[0]);
        } else {
            const bool belowIsOdd = (l - 1) % 2 == 0; // h(l) with 0-based l-1 even is h1, h3, ..
            const Matrix& below = belowIsOdd ? probability[l - 1] : chains.hidden[l - 1];
            const Matrix& here = belowIsOdd ? chains.hidden[l] : probability[l];
            addOuterBlocks(below, here, dbm.blocksOf(l), Scalar(-1), out.weights[l]);
        }
        out.hiddenBias[l] -= probability[l].colwise().sum().transpose();
    }
    addVisibleStatistics(dbm, chains.visible, probability[0], Scalar(-1), out);
}

namespace {

struct AdamState
{
    std::vector<AdamMoments<Matrix>> weights;
    std::vector<AdamMoments<Vector>> hiddenBias;
    AdamMoments<Vector> visibleBias;
    AdamMoments<Vector> logVariance;
    long step = 0;
    long varianceStep = 0; // its own count: the variances start learning after the warm-up

    explicit AdamState(const Dbm& dbm) : visibleBias(dbm.visibleBias), logVariance(dbm.logVariance)
    {
        for (std::size_t l = 0; l < dbm.layerCount(); ++l) {
            weights.emplace_back(dbm.weights[l]);
            hiddenBias.emplace_back(dbm.hiddenBias[l]);
        }
    }
};

void applyUpdate(Dbm& dbm, const DbmGradient& data, std::size_t dataRows, const DbmGradient& model,
                 std::size_t chainRows, AdamState& adam, const TrainingParams& p, bool learnVariance)
{
    const Scalar dataScale = Scalar(1.0 / double(dataRows));
    const Scalar modelScale = Scalar(1.0 / double(chainRows));
    const double lr = p.finetuneLearningRate;
    const double clip = p.finetuneClip;
    ++adam.step;
    const auto ascend = [&](auto& moments, auto& param, const auto& gradient, double rate) {
        moments.ascend(param, clipped(gradient, clip), rate, p.adamBeta1, p.adamBeta2, p.adamEpsilon,
                       adam.step);
    };
    for (std::size_t l = 0; l < dbm.layerCount(); ++l) {
        // Outside a pathway's blocks the statistics (addOuterBlocks) and the weights are zero, so
        // the gradient is too and Adam never moves those weights.
        const Matrix gW = data.weights[l] * dataScale + model.weights[l] * modelScale -
                          Scalar(p.finetuneWeightDecay) * dbm.weights[l];
        ascend(adam.weights[l], dbm.weights[l], gW, lr);
        const Vector gc = data.hiddenBias[l] * dataScale + model.hiddenBias[l] * modelScale;
        ascend(adam.hiddenBias[l], dbm.hiddenBias[l], gc, lr);
    }
    const Vector gb = data.visibleBias * dataScale + model.visibleBias * modelScale;
    ascend(adam.visibleBias, dbm.visibleBias, gb, lr);
    if (!learnVariance)
        return;
    // Adam's bias correction counts the variances' own steps, or their first steps after a
    // warm-up would be scaled down as if their moments had been averaging all along.
    ++adam.varianceStep;
    const Vector gz = data.logVariance * dataScale + model.logVariance * modelScale;
    adam.logVariance.ascend(dbm.logVariance, clipped(gz, clip), lr * p.logVarianceRateFactor, p.adamBeta1,
                            p.adamBeta2, p.adamEpsilon, adam.varianceStep);
    dbm.logVariance = dbm.logVariance.cwiseMax(Scalar(p.logVarianceMin)).cwiseMin(Scalar(p.logVarianceMax));
}

// Persistent chains start at random training songs with fair-coin hidden units.
ChainState initialChains(const Dbm& dbm, const Matrix& train, std::size_t count, std::uint64_t seed)
{
    ChainState chains;
    chains.visible.resize(Eigen::Index(count), train.cols());
    CounterRng pick(seed, RandomPurpose::ChainStart, 0);
    for (std::size_t r = 0; r < count; ++r)
        chains.visible.row(Eigen::Index(r)) =
            train.row(Eigen::Index(pick.below(std::uint64_t(train.rows()))));
    RowStreams streams(seed, updateKey(kChainStartPhase, 0, 0, 0), 0, count);
    for (std::size_t l = 0; l < dbm.layerCount(); ++l) {
        Matrix h = Matrix::Constant(Eigen::Index(count), Eigen::Index(dbm.layerSize(l)), Scalar(0.5));
        streams.sampleBernoulli(h);
        chains.hidden.push_back(h);
    }
    return chains;
}

ChainState sliceChains(const ChainState& all, std::size_t first, std::size_t count)
{
    ChainState part;
    part.visible = all.visible.middleRows(Eigen::Index(first), Eigen::Index(count));
    for (const Matrix& h : all.hidden)
        part.hidden.push_back(h.middleRows(Eigen::Index(first), Eigen::Index(count)));
    return part;
}

void storeChains(ChainState& all, const ChainState& part, std::size_t first)
{
    all.visible.middleRows(Eigen::Index(first), part.visible.rows()) = part.visible;
    for (std::size_t l = 0; l < all.hidden.size(); ++l)
        all.hidden[l].middleRows(Eigen::Index(first), part.hidden[l].rows()) = part.hidden[l];
}

// Restarted chains: the batch's own rows, hidden units sampled from their mean-field state.
ChainState restartedChains(const Dbm& dbm, const Matrix& v, int meanFieldIterations, RowStreams& streams)
{
    ChainState chains;
    chains.visible = v;
    chains.hidden = meanField(dbm, v, meanFieldIterations);
    for (Matrix& h : chains.hidden)
        streams.sampleBernoulli(h);
    return chains;
}

} // namespace

FineTuneResult fineTune(Dbm start, TrainingContext& context)
{
    const TrainingParams& p = context.params;
    const Matrix& train = context.train;
    FineTuneResult result{std::move(start), false};
    Dbm& dbm = result.dbm;
    AdamState adam(dbm);
    const std::size_t chainCount = std::min<std::size_t>(p.batchSize, std::size_t(train.rows()));
    ChainState chains;
    if (p.chains == ChainMode::Persistent)
        chains = initialChains(dbm, train, chainCount, p.seed);

    // The best validation error so far (the pretrained model is epoch 0), and for early
    // stopping its parameters.
    const bool validating = context.validation.rows() > 0;
    const bool early = p.earlyStopping && validating;
    result.startValidation =
        validating ? reconstructionError(dbm, context.validation, p.meanFieldIterations) : std::nan("");
    double bestValidation = result.startValidation;
    int bestEpoch = 0;
    Dbm best = early ? dbm : Dbm();
    int epochsSinceBest = 0;

    Matrix batch;
    for (int epoch = 1; epoch <= p.finetuneEpochs; ++epoch) {
        const Dbm before = dbm;
        const double epochStart = context.elapsedSeconds();
        const std::vector<std::uint32_t> order =
            epochOrder(std::size_t(train.rows()), p.seed, updateKey(kFineTunePhase, 0, epoch, 0xFFFFFFFF));
        for (std::size_t begin = 0, b = 0; begin < order.size(); begin += p.batchSize, ++b) {
            if (context.cancelled()) {
                dbm = early ? best : before;
                result.keptEpoch = early ? result.keptEpoch : epoch - 1;
                result.stopped = true;
                return result;
            }
            const std::size_t end = std::min(order.size(), begin + p.batchSize);
            const std::size_t rows = end - begin;
            gatherRows(train, order, begin, end, batch);
            const std::size_t chainRows = p.chains == ChainMode::Persistent ? chainCount : rows;
            const std::size_t dataChunks = chunkCount(rows);
            // Tasks [0, dataChunks) are the positive phase, the rest the chains' negative phase.
            std::vector<DbmGradient> partial(dataChunks + chunkCount(chainRows), DbmGradient::zerosLike(dbm));
            const std::uint64_t key = updateKey(kFineTunePhase, 0, epoch, b);
            forEachTask(partial.size(), [&](std::size_t task) {
                if (task < dataChunks) {
                    const std::size_t first = task * kChunkRows;
                    const std::size_t count = std::min(kChunkRows, rows - first);
                    accumulateDataStatistics(dbm, batch.middleRows(Eigen::Index(first), Eigen::Index(count)),
                                             p.meanFieldIterations, partial[task]);
                    return;
                }
                const std::size_t first = (task - dataChunks) * kChunkRows;
                const std::size_t count = std::min(kChunkRows, chainRows - first);
                RowStreams streams(p.seed, key, first, count);
                ChainState part =
                    p.chains == ChainMode::Persistent
                        ? sliceChains(chains, first, count)
                        : restartedChains(dbm, batch.middleRows(Eigen::Index(first), Eigen::Index(count)),
                                          p.meanFieldIterations, streams);
                advanceChainsAndSubtractStatistics(dbm, part, p.gibbsSteps, streams, partial[task]);
                if (p.chains == ChainMode::Persistent)
                    storeChains(chains, part, first);
            });
            DbmGradient dataSum = partial[0];
            for (std::size_t t = 1; t < dataChunks; ++t)
                dataSum += partial[t];
            DbmGradient modelSum = partial[dataChunks];
            for (std::size_t t = dataChunks + 1; t < partial.size(); ++t)
                modelSum += partial[t];
            applyUpdate(dbm, dataSum, rows, modelSum, chainRows, adam, p, epoch > p.logVarianceWarmupEpochs);
            if (!dbm.allFinite() || !chains.visible.allFinite())
                throw TrainingDiverged(Phase::FineTuning, dbm.layerCount() - 1, epoch);
        }
        const double seconds = context.elapsedSeconds() - epochStart;
        EpochStats stats;
        stats.phase = Phase::FineTuning;
        stats.layer = dbm.layerCount() - 1;
        stats.layers = dbm.layerCount();
        stats.epoch = epoch;
        stats.epochs = p.finetuneEpochs;
        stats.mseTrain = reconstructionError(dbm, context.monitored, p.meanFieldIterations);
        stats.mseValidation = reconstructionError(dbm, context.validation, p.meanFieldIterations);
        stats.samplesPerSecond = seconds > 0 ? double(train.rows()) / seconds : 0.0;
        stats.elapsedSeconds = context.elapsedSeconds();
        if (!std::isfinite(stats.mseTrain))
            throw TrainingDiverged(Phase::FineTuning, dbm.layerCount() - 1, epoch);
        if (validating && stats.mseValidation < bestValidation) {
            bestValidation = stats.mseValidation;
            bestEpoch = epoch;
            epochsSinceBest = 0;
            if (early)
                best = dbm;
        } else {
            ++epochsSinceBest;
        }
        result.keptEpoch = early ? bestEpoch : epoch;
        stats.bestEpoch = validating ? bestEpoch : epoch;
        if (context.report(stats)) {
            result.stopped = true;
            break;
        }
        if (early && epochsSinceBest >= p.patience) {
            result.stoppedEarly = true;
            break;
        }
    }
    if (early)
        dbm = std::move(best);
    return result;
}

} // namespace gdbm::model
