#include "model/Model.h"

#include "core/Error.h"
#include "model/Trainer.h"

#include <cmath>

namespace gdbm::model {

namespace {

bool sameValue(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

} // namespace

bool Model::operator==(const Model& other) const
{
    if (curves.size() != other.curves.size())
        return false;
    for (std::size_t i = 0; i < curves.size(); ++i) {
        const EpochStats& a = curves[i];
        const EpochStats& b = other.curves[i];
        if (a.phase != b.phase || a.layer != b.layer || a.epoch != b.epoch || a.epochs != b.epochs ||
            !sameValue(a.mseTrain, b.mseTrain) || a.bestEpoch != b.bestEpoch ||
            !sameValue(a.mseValidation, b.mseValidation) || a.groups.size() != b.groups.size())
            return false;
        for (std::size_t g = 0; g < a.groups.size(); ++g) {
            if (a.groups[g].name != b.groups[g].name || !sameValue(a.groups[g].train, b.groups[g].train) ||
                !sameValue(a.groups[g].validation, b.groups[g].validation))
                return false;
        }
    }
    return features == other.features && standardizer == other.standardizer && dbm == other.dbm &&
           params == other.params && trainRows == other.trainRows && validationRows == other.validationRows &&
           keptEpoch == other.keptEpoch && stoppedEarly == other.stoppedEarly &&
           modalities == other.modalities && hybrid == other.hybrid && heard == other.heard &&
           listeningFactors == other.listeningFactors;
}

const ModalityColumns* Model::find(Modality modality) const
{
    for (const ModalityColumns& m : modalities) {
        if (m.modality == modality)
            return &m;
    }
    return nullptr;
}

void Model::adopt(TrainOutcome&& outcome)
{
    dbm = std::move(outcome.dbm);
    curves = std::move(outcome.curves);
    pretrainSeconds = outcome.pretrainSeconds;
    finetuneSeconds = outcome.finetuneSeconds;
    mseAfterPretraining = outcome.mseAfterPretraining;
    mseTrain = outcome.mseTrain;
    mseValidation = outcome.mseValidation;
    trainRows = outcome.trainRows;
    validationRows = outcome.validationRows;
    keptEpoch = outcome.keptEpoch;
    stoppedEarly = outcome.stoppedEarly;
}

TrainModelResult trainModel(const data::Catalog& catalog, const TrainingParams& params,
                            const RunControls& controls)
{
    TrainModelResult result;
    Model& model = result.model;
    if (catalog.size() < 2)
        throw InputError({catalog.label(), 0, 0, {}},
                         std::to_string(catalog.size()) +
                             " track(s) left after loading; training needs at least 2");
    if (const auto problems = validate(params); !problems.empty())
        throw InputError({{}, 0, 0, {}}, "training settings: " + problems.front());
    model.features = catalog.featureList();
    if (model.features.empty())
        throw InputError({catalog.label(), 0, 0, {}}, "the catalog has no audio features to train on");
    const RawMatrix raw = catalog.featureMatrix(model.features);
    // The validation songs measure how the model does on songs it never saw: their statistics
    // stay out of the standardizer too (trainDbm holds out the same rows).
    model.standardizer = fitOnTrainingRows(raw, params);
    model.params = params;

    TrainOutcome outcome = trainDbm(model.standardizer.transform(raw), params, controls);
    result.stopped = outcome.stopped;
    model.adopt(std::move(outcome));
    return result;
}

Standardizer fitOnTrainingRows(const RawMatrix& raw, const TrainingParams& params)
{
    const std::vector<std::uint32_t> kept =
        trainingRows(std::size_t(raw.rows()), params.validationShare, params.seed);
    return Standardizer::fit(raw(kept, Eigen::all));
}

Matrix standardizedFeatures(const Model& model, const data::Catalog& catalog)
{
    for (data::Feature f : model.features) {
        if (!catalog.availableFeatures().contains(f))
            throw InputError({catalog.label(), 0, 0, std::string(data::featureName(f))},
                             "the model was trained on this feature and the dataset does not have it");
    }
    return model.standardizer.transform(catalog.featureMatrix(model.features));
}

} // namespace gdbm::model
