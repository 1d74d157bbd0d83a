#pragma once

#include "model/Dbm.h"
#include "model/Sampling.h"
#include "model/TrainingContext.h"

namespace gdbm::model {

// The gradient of section 4 as sums over rows (data terms minus model terms), one block per
// parameter of the DBM.
struct DbmGradient
{
    std::vector<Matrix> weights;
    std::vector<Vector> hiddenBias;
    Vector visibleBias;
    Vector logVariance;

    static DbmGradient zerosLike(const Dbm& dbm);
    // Zero again, for the next batch; the weights only inside dbm's blocks (outside, nothing ever
    // adds to them).
    void setZero(const Dbm& dbm);
    // += other, the weights only inside dbm's blocks.
    void add(const DbmGradient& other, const Dbm& dbm);
};

// The persistent chains ("fantasy particles"): the state of the even block {v, h2, h4, ..}
// and the odd block {h1, h3, ..}, one row per chain.
struct ChainState
{
    Matrix visible;
    std::vector<Matrix> hidden;
};

// Positive phase: mean-field statistics of the data rows v, added to out.
void accumulateDataStatistics(const Dbm& dbm, const Matrix& v, int meanFieldIterations, DbmGradient& out);

// Negative phase: `steps` block-Gibbs steps on the chains (odd block given even, then even
// given odd), then their Rao-Blackwellised statistics subtracted from out: every pair of
// neighbouring layers uses the even member's sample and the odd member's probability given
// the even block; every hidden bias its probability given the other block.
void advanceChainsAndSubtractStatistics(const Dbm& dbm, ChainState& chains, int steps, RowStreams& streams,
                                        DbmGradient& out);

// One block-Gibbs step (exposed for the tests' moment checks).
void gibbsStep(const Dbm& dbm, ChainState& chains, RowStreams& streams);

struct FineTuneResult
{
    Dbm dbm;
    bool stopped = false;         // cancelled, or the observer asked to stop
    bool stoppedEarly = false;    // early stopping: `patience` epochs without a better validation error
    int keptEpoch = 0;            // the epoch whose parameters dbm holds (0: the pretrained model)
    double startValidation = 0.0; // the pretrained model's validation error (NaN without one)
};

// Fine-tuning of the whole DBM with Adam (MODEL.md section 4). Reports every epoch; on cancel,
// returns the last completed epoch's parameters. With early stopping (and validation songs),
// returns the parameters of the epoch with the lowest validation error, the pretrained model's
// counting as epoch 0, and stops after `patience` epochs without a new best.
// Throws TrainingDiverged on non-finite values.
FineTuneResult fineTune(Dbm start, TrainingContext& context);

} // namespace gdbm::model
