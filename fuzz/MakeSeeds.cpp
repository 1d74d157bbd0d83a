// Writes the seeds of the fuzz targets that read what only the app writes, into the corpus
// folder (fuzz/corpus/): for project-file, a small project with every part (demo catalog,
// archetypes, simulation, model, evaluation, training runs) and one with nothing optional; for
// simulation-import, exported simulations against the target's catalog, cut to a few rows; for
// model-file, a small audio-only model as a whole file and as a payload, and two small hybrids'
// payloads (modalities, blocks, shape and listening; one unit per listener, then low rank).
// Run by hand when a format changes:  gdbm-fuzz-seeds fuzz/corpus
#include "FuzzTargets.h"
#include "data/DemoCatalog.h"
#include "model/ModelFile.h"
#include "project/ProjectFile.h"
#include "rec/Comparison.h"
#include "rec/HybridModel.h"
#include "sim/SimulationExport.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

using namespace gdbm;

namespace {

void writeProjects(const std::string& folder)
{
    auto catalog = std::make_shared<const data::Catalog>(data::generateDemoCatalog({80, 3}));
    project::Project minimal;
    minimal.catalog = catalog;
    minimal.catalogFingerprint = project::catalogFingerprint(*catalog);
    minimal.archetypes = sim::defaultArchetypes();
    project::saveProject(minimal, folder + "/minimal.gdbmproj");

    project::Project full = minimal;
    full.thresholds = data::GenreThresholds::scaledFor(catalog->size());
    full.simulationSettings.users = 12;
    full.simulationSettings.seed = 5;
    full.simulationSettings.thresholds = full.thresholds;
    full.simulation = std::make_shared<const sim::SimulationResult>(
        sim::simulate(*catalog, full.archetypes, full.simulationSettings));
    full.trainingParams.layers = {4, 2};
    full.trainingParams.pretrainEpochs = 1;
    full.trainingParams.finetuneEpochs = 1;
    full.trainingParams.batchSize = 16;
    full.model = std::make_shared<const model::Model>(model::trainModel(*catalog, full.trainingParams).model);
    full.evaluation = std::make_shared<const rec::EvaluationSet>(rec::compareProtocols(
        *catalog, *full.simulation, *full.model, {5, 3}, {rec::Protocol::Warm, rec::Protocol::NewTracks}));
    // Two runs: a cancelled one (curves only) and the finished one the model comes from.
    model::HybridParams audioOnly;
    audioOnly.modalities = {model::Modality::Audio};
    project::TrainingRun cancelled;
    cancelled.number = 1;
    cancelled.started = "2026-12-06 10:00";
    cancelled.end = project::TrainingRun::End::Cancelled;
    cancelled.params = full.trainingParams;
    cancelled.hybrid = audioOnly;
    cancelled.curves = {full.model->curves.front()};
    project::TrainingRun finished = project::finishedRun(full.model, audioOnly, 2, "2026-12-06 10:01");
    finished.catalogFingerprint = full.catalogFingerprint;
    full.runs = {cancelled, finished};
    full.currentRun = 2;
    full.modelStaleness = project::Project::ModelStaleness::OtherSimulation;
    project::saveProject(full, folder + "/full.gdbmproj");
}

// The model-file harness reads a whole file after 'R', else the payload it frames itself.
void writeModels(const std::string& folder)
{
    const data::Catalog catalog = data::generateDemoCatalog({40, 2});
    model::TrainingParams params;
    params.layers = {4, 2};
    params.pretrainEpochs = 1;
    params.finetuneEpochs = 1;
    params.batchSize = 16;
    const std::string audio = model::serializeModel(model::trainModel(catalog, params).model);
    rec::TrainingInteractions listening{catalog.size(), {{0, 3, 7}, {1, 3}, {2, 9, 11}}};
    model::HybridParams shape;
    shape.audioLayers = {2};
    shape.tagLayers = {2};
    shape.tagUnitsFollowVocabulary = false;
    shape.listeningLayers = {2};
    shape.jointUnits = 2;
    shape.minTagTracks = 3;
    const std::string hybrid =
        model::serializeModel(rec::trainHybrid(catalog, listening, params, shape).model);
    // The frame: 8 bytes of magic, a u32 version and a u64 size before the payload, a u64 after.
    const auto payload = [](const std::string& file) { return file.substr(20, file.size() - 28); };
    std::ofstream(folder + "/raw.gdbm", std::ios::binary) << 'R' << audio;
    std::ofstream(folder + "/payload.bin", std::ios::binary) << 'P' << payload(audio);
    std::ofstream(folder + "/hybrid.bin", std::ios::binary) << 'P' << payload(hybrid);
    shape.listeningRank = 2;
    const std::string lowRank =
        model::serializeModel(rec::trainHybrid(catalog, listening, params, shape).model);
    std::ofstream(folder + "/hybrid-low-rank.bin", std::ios::binary) << 'P' << payload(lowRank);
}

// The first `lines` lines of a CSV (its records hold no line breaks).
std::string head(const std::string& text, std::size_t lines)
{
    std::size_t end = 0;
    for (std::size_t n = 0; n < lines; ++n) {
        const std::size_t next = text.find('\n', end);
        if (next == std::string::npos)
            return text;
        end = next + 1;
    }
    return text.substr(0, end);
}

void writeSimulations(const std::string& folder)
{
    const data::Catalog catalog = data::generateDemoCatalog({fuzz::kSimulationCatalogTracks, 1});
    for (std::uint64_t seed : {1, 2}) {
        sim::SimulationParams params;
        params.users = 20 * seed;
        params.seed = seed;
        params.thresholds = data::GenreThresholds::scaledFor(catalog.size());
        const sim::SimulationResult result = sim::simulate(catalog, sim::defaultArchetypes(), params);
        std::ostringstream interactions, profiles;
        sim::writeInteractions(result, catalog, interactions);
        sim::writeProfiles(result, catalog, profiles);
        std::ofstream out(folder + "/simulation-" + std::to_string(seed) + ".txt", std::ios::binary);
        out << head(interactions.str(), 12 * seed) << fuzz::kFileSeparator.substr(1) << profiles.str();
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CORPUSDIR\n", argv[0]);
        return 2;
    }
    const std::string corpus = argv[1];
    std::filesystem::create_directories(corpus + "/project-file");
    std::filesystem::create_directories(corpus + "/simulation-import");
    std::filesystem::create_directories(corpus + "/model-file");
    writeModels(corpus + "/model-file");
    writeProjects(corpus + "/project-file");
    writeSimulations(corpus + "/simulation-import");
    return 0;
}
