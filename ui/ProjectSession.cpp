#include "ProjectSession.h"

#include "core/Error.h"
#include "data/DatasetLoader.h"
#include "project/ProjectFile.h"

namespace gdbm::ui {
namespace {

// Whether every index the simulation holds is within the catalog. The fingerprint covers the
// tracks' identities only, not their genres or artists: dataset files edited since the save
// can keep every track and still have fewer genres or artists than the preferences refer to.
bool indicesFit(const sim::SimulationResult& simulation, const data::Catalog& catalog)
{
    for (const sim::Interaction& x : simulation.interactions) {
        if (x.track >= catalog.size())
            return false;
    }
    for (const sim::User& user : simulation.users) {
        for (const sim::UserPreference& p : user.preferences) {
            for (data::GenreId g : p.genres) {
                if (g >= catalog.genreNames().size())
                    return false;
            }
            if (p.kind == sim::UserPreference::Kind::Artist && p.artist >= catalog.artistNames().size())
                return false;
        }
    }
    return true;
}

} // namespace

ProjectSnapshot captureProject(const AppState& state)
{
    ProjectSnapshot snapshot;
    project::Project& p = snapshot.project;
    p.catalogFingerprint = state.catalogFingerprint(); // computed when the catalog was loaded
    for (const QString& file : state.catalogFiles())
        p.datasetFiles.push_back(file.toStdString());
    if (p.datasetFiles.empty())
        p.catalog = state.catalog(); // the demo catalog is not in any file: the project holds it
    p.thresholds = state.thresholds();
    p.archetypes = state.archetypes();
    p.simulationSettings = state.simulationSettings();
    // A simulation of a catalog that is no longer open cannot be reopened with this one.
    if (state.simulation() && state.simulationCatalog() == state.catalog()) {
        p.simulation = state.simulation();
        p.simulationOutOfDate = state.simulationOutOfDate();
        p.evaluation = state.evaluation();
        p.evaluationOutOfDate = state.evaluationOutOfDate();
    }
    p.trainingParams = state.trainingParams();
    p.hybridParams = state.hybridParams();
    p.model = state.model();
    p.modelStaleness = state.modelStaleness();
    p.runs = state.runs();
    p.currentRun = state.currentRun();
    return snapshot;
}

void writeProject(ProjectSnapshot snapshot, const std::string& path)
{
    project::saveProject(snapshot.project, path);
}

OpenedProject readProject(const std::string& path, const ProgressCallback& progress, const CancelFlag& cancel)
{
    OpenedProject opened;
    opened.project = project::loadProject(path);
    project::Project& p = opened.project;
    data::Catalog catalog;
    if (!p.datasetFiles.empty()) {
        try {
            catalog = data::loadDataset(p.datasetFiles, progress, &cancel);
        } catch (const InputError& e) {
            // The dataset's own error names the dataset file (and line); say which project
            // needs it, as the user opened the project, not the file.
            throw InputError({path, 0, 0, "dataset_files"},
                             std::string("its dataset cannot be read: ") + e.what());
        }
        for (const std::string& file : p.datasetFiles)
            opened.datasetFiles << QString::fromStdString(file);
    } else if (p.catalog) {
        catalog = *p.catalog;
    } else {
        throw InputError({path, 0, 0, "catalog"}, "the project names no dataset and holds no catalog");
    }
    opened.catalog = prepareCatalog(std::move(catalog), p.thresholds);
    opened.datasetChanged = p.simulation && (opened.catalog.fingerprint != p.catalogFingerprint ||
                                             !indicesFit(*p.simulation, *opened.catalog.catalog));
    // A model of the tracks the files held when the project was saved: no longer of this catalog.
    if (p.model && opened.catalog.fingerprint != p.catalogFingerprint)
        p.modelStaleness = project::Project::ModelStaleness::OtherCatalog;
    if (opened.datasetChanged) {
        p.simulation.reset();
        p.evaluation.reset();
    }
    return opened;
}

void applyProject(AppState& state, const OpenedProject& opened)
{
    const project::Project& p = opened.project;
    state.setCatalogFiles(opened.datasetFiles);
    state.setCatalog(opened.catalog);
    state.resetArchetypes(p.archetypes);
    state.setSimulationSettings(p.simulationSettings);
    state.restoreSimulation(p.simulation, p.simulationOutOfDate);
    state.setTrainingParams(p.trainingParams);
    state.setHybridParams(p.hybridParams);
    state.restoreModel(p.model, p.modelStaleness);
    state.restoreRuns(p.runs, p.currentRun);
    // Last, so that the Evaluation page takes it as the evaluation of the model and simulation
    // it was just given.
    state.setEvaluation(p.evaluation, p.evaluationOutOfDate);
    state.setModified(false);
}

} // namespace gdbm::ui
