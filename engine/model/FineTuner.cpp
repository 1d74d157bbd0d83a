#include "model/FineTuner.h"

#include "core/Random.h"
#include "model/Adam.h"
#include "model/BatchPlan.h"

#include <algorithm>
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
    const Matrix centred = centredGaussian(v, dbm.visibleBias, dbm.gaussianCount);
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

void DbmGradient::setZero(const Dbm& dbm)
{
    for (std::size_t l = 0; l < weights.size(); ++l) {
        forEachWeightBlock(dbm.blocksOf(l), weights[l],
                           [&](Eigen::Index r, Eigen::Index c, Eigen::Index nr, Eigen::Index nc) {
                               weights[l].block(r, c, nr, nc).setZero();
                           });
        hiddenBias[l].setZero();
    }
    visibleBias.setZero();
    logVariance.setZero();
}

void DbmGradient::add(const DbmGradient& other, const Dbm& dbm)
{
    for (std::size_t l = 0; l < weights.size(); ++l) {
        forEachWeightBlock(dbm.blocksOf(l), weights[l],
                           [&](Eigen::Index r, Eigen::Index c, Eigen::Index nr, Eigen::Index nc) {
                               weights[l].block(r, c, nr, nc) += other.weights[l].block(r, c, nr, nc);
                           });
        hiddenBias[l] += other.hiddenBias[l];
    }
    visibleBias += other.visibleBias;
    logVariance += other.logVariance;
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

namespace {

// One fine-tuning run, step by step: each mini-batch's statistics (the data's mean-field phase
// and the chains' Gibbs phase, in parallel over fixed chunks), their reduction in task order,
// the Adam update and the divergence check; after each epoch, the curves' point and the best
// validation epoch so far (early stopping).
class FineTuneRun
{
public:
    FineTuneRun(Dbm start, TrainingContext& context)
        : m_context(context), m_p(context.params), m_train(context.train), m_result{std::move(start), false},
          m_adam(m_result.dbm),
          m_chainCount(std::min<std::size_t>(m_p.batchSize, std::size_t(m_train.rows()))),
          m_validating(context.validation.rows() > 0 &&
                       (context.measuresCurves() || (m_p.earlyStopping && m_p.finetuneEpochs > 0))),
          m_early(m_p.earlyStopping && m_validating)
    {
        Dbm& dbm = m_result.dbm;
        if (m_p.chains == ChainMode::Persistent)
            m_chains = initialChains(dbm, m_train, m_chainCount, m_p.seed);
        // The pretrained model is epoch 0 of the best validation error.
        m_result.startValidation = m_validating
                                       ? reconstructionError(dbm, context.validation, m_p.meanFieldIterations)
                                       : std::nan("");
        m_bestValidation = m_result.startValidation;
        if (m_early)
            m_best = dbm;
    }

    FineTuneResult run()
    {
        for (int epoch = 1; epoch <= m_p.finetuneEpochs; ++epoch) {
            const Dbm before = m_result.dbm;
            const double epochStart = m_context.elapsedSeconds();
            if (!trainEpoch(epoch)) {
                m_result.dbm = m_early ? m_best : before;
                m_result.keptEpoch = m_early ? m_result.keptEpoch : epoch - 1;
                m_result.stopped = true;
                return std::move(m_result);
            }
            const EpochStats stats = epochStats(epoch, m_context.elapsedSeconds() - epochStart);
            if (m_context.report(stats)) {
                m_result.stopped = true;
                break;
            }
            if (m_early && m_epochsSinceBest >= m_p.patience) {
                m_result.stoppedEarly = true;
                break;
            }
        }
        if (m_early)
            m_result.dbm = std::move(m_best);
        return std::move(m_result);
    }

private:
    // False when cancelled before the epoch's end.
    bool trainEpoch(int epoch)
    {
        const std::vector<std::uint32_t> order = epochOrder(std::size_t(m_train.rows()), m_p.seed,
                                                            updateKey(kFineTunePhase, 0, epoch, 0xFFFFFFFF));
        for (std::size_t begin = 0, b = 0; begin < order.size(); begin += m_p.batchSize, ++b) {
            if (m_context.cancelled())
                return false;
            const std::size_t end = std::min(order.size(), begin + m_p.batchSize);
            const std::size_t rows = end - begin;
            const std::size_t chainRows = m_p.chains == ChainMode::Persistent ? m_chainCount : rows;
            batchStatistics(order, begin, rows, chainRows, updateKey(kFineTunePhase, 0, epoch, b));
            // The data chunks' statistics summed into the first, the chains' into theirs.
            const std::size_t dataChunks = chunkCount(rows);
            const std::size_t tasks = dataChunks + chunkCount(chainRows);
            sumInto(0, dataChunks);
            sumInto(dataChunks, tasks);
            applyUpdate(m_result.dbm, m_partial[0], rows, m_partial[dataChunks], chainRows, m_adam, m_p,
                        epoch > m_p.logVarianceWarmupEpochs);
            if (!m_result.dbm.allFinite() || !m_chains.visible.allFinite())
                throw TrainingDiverged(Phase::FineTuning, m_result.dbm.layerCount() - 1, epoch);
        }
        return true;
    }

    // Tasks [0, chunkCount(rows)) are the positive phase of the batch's chunks (the training
    // rows order[begin, begin + rows)), the rest the chains' negative phase; each task gathers
    // its own rows and zeroes its own m_partial[task], where its statistics go.
    void batchStatistics(const std::vector<std::uint32_t>& order, std::size_t begin, std::size_t rows,
                         std::size_t chainRows, std::uint64_t key)
    {
        const Dbm& dbm = m_result.dbm;
        const std::size_t dataChunks = chunkCount(rows);
        const std::size_t chainChunks = chunkCount(chainRows);
        // One workspace per task for the whole run, zeroed (inside the blocks) for each batch.
        if (m_partial.size() < dataChunks + chainChunks)
            m_partial.resize(dataChunks + chainChunks, DbmGradient::zerosLike(dbm));
        if (m_chunkRows.size() < dataChunks)
            m_chunkRows.resize(dataChunks);
        std::vector<DbmGradient>& partial = m_partial;
        // The threads take contiguous shares of the tasks: with data and chain chunks alternating,
        // each share holds both kinds (a chain chunk's Gibbs steps cost more than a data chunk's
        // mean-field). Each task still writes its own partial: the sum is the same.
        std::vector<std::size_t> tasks;
        for (std::size_t i = 0; i < std::max(dataChunks, chainChunks); ++i) {
            if (i < dataChunks)
                tasks.push_back(i);
            if (i < chainChunks)
                tasks.push_back(dataChunks + i);
        }
        forEachTask(tasks.size(), [&](std::size_t slot) {
            const std::size_t task = tasks[slot];
            partial[task].setZero(dbm);
            if (task < dataChunks) {
                const std::size_t first = task * kChunkRows;
                const std::size_t count = std::min(kChunkRows, rows - first);
                Matrix& v = m_chunkRows[task];
                gatherRows(m_train, order, begin + first, begin + first + count, v);
                accumulateDataStatistics(dbm, v, m_p.meanFieldIterations, partial[task]);
                return;
            }
            const std::size_t first = (task - dataChunks) * kChunkRows;
            const std::size_t count = std::min(kChunkRows, chainRows - first);
            RowStreams streams(m_p.seed, key, first, count);
            ChainState part;
            if (m_p.chains == ChainMode::Persistent) {
                part = sliceChains(m_chains, first, count);
            } else {
                // Restarted chains start from the batch's rows (chainRows == rows): gathered
                // again, as the data task of the same rows may be filling m_chunkRows meanwhile.
                Matrix v;
                gatherRows(m_train, order, begin + first, begin + first + count, v);
                part = restartedChains(dbm, v, m_p.meanFieldIterations, streams);
            }
            advanceChainsAndSubtractStatistics(dbm, part, m_p.gibbsSteps, streams, partial[task]);
            if (m_p.chains == ChainMode::Persistent)
                storeChains(m_chains, part, first);
        });
    }

    // The tasks [first, last) added into the first, in task order: the same sum whatever the
    // thread count.
    void sumInto(std::size_t first, std::size_t last)
    {
        for (std::size_t t = first + 1; t < last; ++t)
            m_partial[first].add(m_partial[t], m_result.dbm);
    }

    // The curves' point of this epoch, and the best validation epoch so far.
    EpochStats epochStats(int epoch, double seconds)
    {
        const Dbm& dbm = m_result.dbm;
        EpochStats stats;
        stats.phase = Phase::FineTuning;
        stats.layer = dbm.layerCount() - 1;
        stats.layers = dbm.layerCount();
        stats.epoch = epoch;
        stats.epochs = m_p.finetuneEpochs;
        // Without curves only early stopping's validation error is measured; divergence is
        // caught after every batch.
        const bool measuring = m_context.measuresCurves();
        stats.mseTrain =
            measuring ? reconstructionError(dbm, m_context.monitored, m_p.meanFieldIterations) : std::nan("");
        stats.mseValidation = m_validating
                                  ? reconstructionError(dbm, m_context.validation, m_p.meanFieldIterations)
                                  : std::nan("");
        stats.samplesPerSecond = seconds > 0 ? double(m_train.rows()) / seconds : 0.0;
        stats.elapsedSeconds = m_context.elapsedSeconds();
        if (measuring && !std::isfinite(stats.mseTrain))
            throw TrainingDiverged(Phase::FineTuning, dbm.layerCount() - 1, epoch);
        if (m_validating && stats.mseValidation < m_bestValidation) {
            m_bestValidation = stats.mseValidation;
            m_bestEpoch = epoch;
            m_epochsSinceBest = 0;
            if (m_early)
                m_best = dbm;
        } else {
            ++m_epochsSinceBest;
        }
        m_result.keptEpoch = m_early ? m_bestEpoch : epoch;
        stats.bestEpoch = m_validating ? m_bestEpoch : epoch;
        return stats;
    }

    TrainingContext& m_context;
    const TrainingParams& m_p;
    const Matrix& m_train;
    FineTuneResult m_result;
    AdamState m_adam;
    std::size_t m_chainCount;
    ChainState m_chains;
    std::vector<Matrix> m_chunkRows;    // a data task's rows of the batch, one per data chunk
    std::vector<DbmGradient> m_partial; // each task's statistics of the current batch
    bool m_validating;                  // the validation error is measured: for the curves, or early stopping
    bool m_early;
    double m_bestValidation = 0.0;
    int m_bestEpoch = 0;
    int m_epochsSinceBest = 0;
    Dbm m_best; // the best epoch's parameters, with early stopping
};

} // namespace

FineTuneResult fineTune(Dbm start, TrainingContext& context)
{
    return FineTuneRun(std::move(start), context).run();
}

} // namespace gdbm::model
