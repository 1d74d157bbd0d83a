#include "model/Trainer.h"

#include "core/Random.h"
#include "model/BatchPlan.h"
#include "model/FineTuner.h"
#include "model/Pretrainer.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gdbm::model {
namespace {

Matrix selectRows(const Matrix& data, const std::vector<std::uint32_t>& rows)
{
    Matrix out(Eigen::Index(rows.size()), data.cols());
    for (std::size_t r = 0; r < rows.size(); ++r)
        out.row(Eigen::Index(r)) = data.row(Eigen::Index(rows[r]));
    return out;
}

} // namespace

std::size_t validationCount(std::size_t rows, double share)
{
    return std::min(rows > 0 ? rows - 1 : 0, std::size_t(std::llround(share * double(rows))));
}

std::vector<std::uint32_t> validationRows(std::size_t rows, double share, std::uint64_t seed)
{
    const std::size_t count = validationCount(rows, share);
    std::vector<std::uint32_t> order =
        epochOrder(rows, seed ^ mix64(std::uint64_t(RandomPurpose::Validation)), 0);
    order.resize(count);
    std::sort(order.begin(), order.end());
    return order;
}

std::vector<std::uint32_t> trainingRows(std::size_t rows, double share, std::uint64_t seed)
{
    const std::vector<std::uint32_t> held = validationRows(rows, share, seed);
    std::vector<std::uint32_t> kept;
    for (std::uint32_t r = 0, h = 0; r < std::uint32_t(rows); ++r) {
        if (h < held.size() && held[h] == r)
            ++h;
        else
            kept.push_back(r);
    }
    return kept;
}

TrainOutcome trainDbm(const Matrix& standardized, const TrainingParams& params, const RunControls& controls)
{
    return trainDbm(standardized, params, Architecture{}, controls);
}

TrainOutcome trainDbm(const Matrix& standardized, const TrainingParams& params,
                      const Architecture& architecture, const RunControls& controls)
{
    if (const auto problems = validate(params); !problems.empty())
        throw std::invalid_argument(problems.front());
    if (standardized.rows() < 2)
        throw std::invalid_argument("training needs at least 2 songs");

    const std::vector<std::uint32_t> held =
        validationRows(std::size_t(standardized.rows()), params.validationShare, params.seed);
    const std::vector<std::uint32_t> kept =
        trainingRows(std::size_t(standardized.rows()), params.validationShare, params.seed);
    const Matrix train = selectRows(standardized, kept);
    const Matrix validation = selectRows(standardized, held);
    std::vector<std::uint32_t> spaced;
    const std::size_t monitoredCount = std::min(kMonitoredRows, kept.size());
    for (std::size_t i = 0; i < monitoredCount; ++i)
        spaced.push_back(std::uint32_t(i * kept.size() / monitoredCount));
    const Matrix monitored = selectRows(train, spaced);

    TrainingContext context{train,
                            validation,
                            monitored,
                            params,
                            controls.observer,
                            controls.cancel,
                            controls.pause,
                            std::chrono::steady_clock::now(),
                            {},
                            architecture,
                            controls.monitoring};
    TrainOutcome outcome;
    outcome.trainRows = kept.size();
    outcome.validationRows = held.size();

    PretrainResult pre = pretrain(context);
    outcome.pretrainSeconds = context.elapsedSeconds();
    outcome.stopped = pre.stopped;
    if (!pre.stopped) {
        outcome.pretrainingDone = true;
        const double notMeasured = std::nan("");
        outcome.mseAfterPretraining =
            context.measuresCurves()
                ? reconstructionError(pre.dbm, validation.rows() > 0 ? validation : train,
                                      params.meanFieldIterations)
                : notMeasured;
        FineTuneResult fine = fineTune(std::move(pre.dbm), context);
        outcome.dbm = std::move(fine.dbm);
        outcome.stopped = fine.stopped;
        outcome.keptEpoch = fine.keptEpoch;
        outcome.stoppedEarly = fine.stoppedEarly;
        outcome.finetuneSeconds = context.elapsedSeconds() - outcome.pretrainSeconds;
        if (context.measuresCurves()) {
            outcome.mseTrain = reconstructionError(outcome.dbm, train, params.meanFieldIterations);
            outcome.mseValidation = reconstructionError(outcome.dbm, validation, params.meanFieldIterations);
        } else {
            outcome.mseTrain = outcome.mseValidation = notMeasured;
        }
    }
    outcome.curves = std::move(context.curves);
    return outcome;
}

} // namespace gdbm::model
