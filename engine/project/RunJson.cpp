#include "project/RunJson.h"

#include "project/ProjectJson.h"

#include <limits>

namespace gdbm::project {
namespace {

constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();

} // namespace

json toJson(const model::EpochStats& s)
{
    json out = {{"phase", model::phaseName(s.phase)},
                {"layer", s.layer},
                {"layers", s.layers},
                {"epoch", s.epoch},
                {"epochs", s.epochs},
                {"train", realToJson(s.mseTrain)},
                {"validation", realToJson(s.mseValidation)},
                {"best_epoch", s.bestEpoch},
                {"samples_per_second", realToJson(s.samplesPerSecond)},
                {"elapsed_s", realToJson(s.elapsedSeconds)}};
    if (!s.groups.empty()) {
        json groups = json::array();
        for (const model::GroupError& g : s.groups)
            groups.push_back(
                {{"name", g.name}, {"train", realToJson(g.train)}, {"validation", realToJson(g.validation)}});
        out["groups"] = std::move(groups);
    }
    return out;
}

model::EpochStats epochFromJson(const json& in, const JsonReader& reader)
{
    model::EpochStats s;
    const std::string phase = reader.text(in, "phase");
    if (phase == model::phaseName(model::Phase::Pretraining))
        s.phase = model::Phase::Pretraining;
    else if (phase == model::phaseName(model::Phase::FineTuning))
        s.phase = model::Phase::FineTuning;
    else
        reader.fail("phase", "expected \"pretraining\" or \"fine-tuning\", found \"" + phase + "\"");
    s.layers = reader.size(in, "layers");
    s.layer = reader.size(in, "layer");
    if (s.layer >= s.layers)
        reader.fail("layer",
                    "layer " + std::to_string(s.layer) + " of a model of " + std::to_string(s.layers));
    s.epochs = int(reader.integer(in, "epochs", 1, kIntMax));
    s.epoch = int(reader.integer(in, "epoch", 1, s.epochs));
    s.mseTrain = reader.real(in, "train");
    s.mseValidation = reader.real(in, "validation");
    s.bestEpoch = int(reader.integer(in, "best_epoch", 0, s.epochs));
    s.samplesPerSecond = reader.real(in, "samples_per_second");
    s.elapsedSeconds = reader.real(in, "elapsed_s");
    if (in.contains("groups")) {
        const json& groups = reader.array(in, "groups");
        for (std::size_t i = 0; i < groups.size(); ++i) {
            const JsonReader at = reader.child("groups[" + std::to_string(i) + "]");
            if (!groups[i].is_object())
                reader.fail("groups[" + std::to_string(i) + "]", "expected an object");
            s.groups.push_back(
                {at.text(groups[i], "name"), at.real(groups[i], "train"), at.real(groups[i], "validation")});
        }
    }
    return s;
}

json toJson(const TrainingRun& run, bool withCurves)
{
    json out = {{"number", run.number},
                {"started", run.started},
                {"end", run.finished() ? "finished" : "cancelled"},
                {"training", toJson(run.params)},
                {"hybrid", toJson(run.hybrid)},
                {"seconds", realToJson(run.seconds)},
                {"catalog_fingerprint", run.catalogFingerprint},
                {"simulation_fingerprint", run.simulationFingerprint},
                {"final_train_error", realToJson(run.finalTrainError())},
                {"final_validation_error", realToJson(run.finalValidationError())},
                {"epochs_done", run.epochsDone()}};
    if (!run.model || withCurves) {
        json curves = json::array();
        for (const model::EpochStats& s : run.curves)
            curves.push_back(toJson(s));
        out["curves"] = std::move(curves);
    }
    if (run.evaluation)
        out["evaluation"] = toJson(*run.evaluation);
    return out;
}

TrainingRun runFromJson(const json& in, const JsonReader& reader)
{
    TrainingRun run;
    run.number = int(reader.integer(in, "number", 1, kIntMax));
    run.started = reader.text(in, "started");
    const std::string end = reader.text(in, "end");
    if (end != "finished" && end != "cancelled")
        reader.fail("end", "expected \"finished\" or \"cancelled\", found \"" + end + "\"");
    run.end = end == "finished" ? TrainingRun::End::Finished : TrainingRun::End::Cancelled;
    run.params = trainingParamsFromJson(reader.object(in, "training"), reader.child("training"));
    run.hybrid = hybridParamsFromJson(reader.object(in, "hybrid"), reader.child("hybrid"), run.params);
    run.seconds = reader.real(in, "seconds");
    run.catalogFingerprint = reader.unsignedInteger(in, "catalog_fingerprint");
    run.simulationFingerprint = reader.unsignedInteger(in, "simulation_fingerprint");
    if (in.contains("curves")) {
        const json& curves = reader.array(in, "curves");
        for (std::size_t i = 0; i < curves.size(); ++i) {
            const std::string key = "curves[" + std::to_string(i) + "]";
            if (!curves[i].is_object())
                reader.fail(key, "expected an object");
            run.curves.push_back(epochFromJson(curves[i], reader.child(key)));
        }
    }
    if (in.contains("evaluation"))
        run.evaluation = std::make_shared<const rec::EvaluationSet>(
            evaluationSetFromJson(reader.object(in, "evaluation"), reader.child("evaluation")));
    return run;
}

} // namespace gdbm::project
