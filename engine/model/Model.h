#pragma once

#include "core/PauseGate.h"
#include "core/Progress.h"
#include "data/Catalog.h"
#include "model/Dbm.h"
#include "model/Multimodal.h"
#include "model/Standardizer.h"
#include "model/Trainer.h"
#include "model/TrainingParams.h"
#include "model/TrainingProgress.h"

#include <vector>

namespace gdbm::model {

// A trained model, everything needed to embed songs later and to show how it learned: the
// feature list, the standardizer, the DBM, the settings it was trained with and its curves.
// The audio-only model of MODEL.md sees the features alone; the multimodal (hybrid) DBM of
// HYBRID.md also sees tags and listening, laid out as `modalities` say.
struct Model
{
    std::vector<data::Feature> features;
    Standardizer standardizer;
    Dbm dbm;
    TrainingParams params; // the recipe asked for (a hybrid applies `hybrid`'s overrides to it)

    // The hybrid's visible units in order (audio, Gaussian, first); empty for the audio-only model.
    std::vector<ModalityColumns> modalities;
    HybridParams hybrid;               // its shape (the tag layer's width as trained)
    std::vector<HeardTrack> heard;     // its listening modality's data: the training listening
    ListeningFactors listeningFactors; // the listening's low-rank coding (empty: one unit per listener)
    std::vector<EpochStats> curves;
    double pretrainSeconds = 0.0;
    double finetuneSeconds = 0.0;
    double mseAfterPretraining = 0.0;
    double mseTrain = 0.0;
    double mseValidation = 0.0;
    std::size_t trainRows = 0;
    std::size_t validationRows = 0;
    int keptEpoch = 0;         // the fine-tuning epoch the parameters come from (0: pretrained)
    bool stoppedEarly = false; // early stopping ended fine-tuning before its last epoch

    bool isHybrid() const { return !modalities.empty(); }
    // The recipe the DBM was trained with: params, with a hybrid's overrides.
    TrainingParams trainedRecipe() const
    {
        return isHybrid() ? hybridRecipe(params, hybrid, trainRows + validationRows) : params;
    }
    const ModalityColumns* find(Modality modality) const;
    // Takes a training run's parameters, curves, timings and errors.
    void adopt(TrainOutcome&& outcome);
    bool operator==(const Model& other) const;
};

struct TrainModelResult
{
    Model model;
    bool stopped = false; // the model is complete only when false
};

// Trains on every feature the catalog has (MODEL.md section 1), standardized with the
// statistics of the training songs (the validation songs stay unseen). Requires at least 2 tracks. Throws
// TrainingDiverged. `controls` watch and steer the run as trainDbm's.
TrainModelResult trainModel(const data::Catalog& catalog, const TrainingParams& params,
                            const RunControls& controls = {});

// The standardizer of the training rows of `raw` (trainingRows() for params' validation share
// and seed): the validation songs' statistics stay out of it.
Standardizer fitOnTrainingRows(const RawMatrix& raw, const TrainingParams& params);

// The catalog's features in the model's order, standardized with the model's statistics.
// Throws InputError naming the first feature the model needs and the catalog lacks (the hybrid's
// audio modality included; a hybrid without audio gives no columns).
Matrix standardizedFeatures(const Model& model, const data::Catalog& catalog);

} // namespace gdbm::model
