#pragma once

#include "data/Catalog.h"
#include "data/GenreStats.h"
#include "model/Model.h"
#include "model/TrainingParams.h"
#include "project/Project.h"
#include "project/TrainingRun.h"
#include "rec/Evaluation.h"
#include "sim/Archetype.h"
#include "sim/Preference.h"
#include "sim/Simulator.h"

#include <QObject>
#include <QUndoStack>
#include <memory>
#include <optional>

namespace gdbm::ui {

// A catalog with what the app derives from it once, off the GUI thread, when it is loaded.
struct LoadedCatalog
{
    std::shared_ptr<const data::Catalog> catalog;
    sim::CatalogFacts facts;       // genre stats (for the thresholds in force), top artists, ranges
    std::size_t tagUnits = 0;      // the hybrid's tag units (genres, decades, artists)
    std::uint64_t fingerprint = 0; // project::catalogFingerprint, which training runs are compared by
};

// Builds a LoadedCatalog; runs on a job thread.
LoadedCatalog prepareCatalog(data::Catalog catalog, const data::GenreThresholds& thresholds);

// What the window works on, and what a project file holds: the catalog, the archetype set (with
// its undo history), the simulation settings and last simulation, the training settings and
// the current model, and the last evaluation. Pages read it and change it through its methods;
// its signals tell every page what changed. Lives on the GUI thread; results from jobs arrive
// as immutable snapshots, so a page can keep showing one while a job makes the next.
class AppState : public QObject
{
    Q_OBJECT

public:
    explicit AppState(QObject* parent = nullptr);

    const std::shared_ptr<const data::Catalog>& catalog() const { return m_loaded.catalog; }
    const sim::CatalogFacts& facts() const { return m_loaded.facts; }
    std::size_t tagUnits() const { return m_loaded.tagUnits; }
    std::uint64_t catalogFingerprint() const { return m_loaded.fingerprint; }
    const data::GenreStats& genreStats() const { return m_loaded.facts.genres; }
    void setCatalog(LoadedCatalog loaded);
    // The dataset files the catalog came from (empty: the demo catalog).
    const QStringList& catalogFiles() const { return m_catalogFiles; }
    void setCatalogFiles(const QStringList& files) { m_catalogFiles = files; }

    data::GenreThresholds thresholds() const { return m_loaded.facts.genres.thresholds; }
    void setThresholds(const data::GenreThresholds& thresholds);

    const sim::ArchetypeSet& archetypes() const { return m_archetypes; }
    // Every edit of the set goes through here and onto the undo stack. Edits with the same
    // non-negative mergeKey in a row (a slider moving) become one undo step.
    void editArchetypes(const sim::ArchetypeSet& next, const QString& description, int mergeKey = -1);
    QUndoStack* undoStack() { return &m_undo; }
    // Replaces the set without an undo step and clears the undo history (a new or opened project).
    void resetArchetypes(const sim::ArchetypeSet& set);

    const std::shared_ptr<const sim::SimulationResult>& simulation() const { return m_simulation; }
    // The catalog the simulation's track indices refer to (the current one, unless it changed).
    const std::shared_ptr<const data::Catalog>& simulationCatalog() const { return m_simulationCatalog; }
    // The result of a run with these inputs (compared with the current ones).
    void setSimulation(std::shared_ptr<const sim::SimulationResult> result,
                       std::shared_ptr<const data::Catalog> catalog, const sim::ArchetypeSet& archetypes,
                       const data::GenreThresholds& thresholds);
    // Puts back a saved simulation of the current catalog, with its saved out-of-date state.
    void restoreSimulation(std::shared_ptr<const sim::SimulationResult> result, bool outOfDate);
    // True when the catalog, the genre thresholds or the archetypes differ from the last run's
    // (undoing an edit back to them makes it current again).
    bool simulationOutOfDate() const { return m_simulationOutOfDate; }
    // The Simulation page's settings: users asked, seed, reference date (thresholds unused).
    const sim::SimulationParams& simulationSettings() const { return m_simulationSettings; }
    void setSimulationSettings(const sim::SimulationParams& settings);

    // The Training page's settings, and the model in use (null until one is trained or loaded;
    // a cancelled run never replaces it).
    const model::TrainingParams& trainingParams() const { return m_trainingParams; }
    void setTrainingParams(const model::TrainingParams& params);
    // Which model the Training page trains: the hybrid of these modalities (HYBRID.md), or with
    // audio alone the original study's audio-only model shaped by trainingParams().layers.
    const model::HybridParams& hybridParams() const { return m_hybridParams; }
    void setHybridParams(const model::HybridParams& params);
    const std::shared_ptr<const model::Model>& model() const { return m_model; }
    // A model made from the current catalog and simulation (loaded from a file or a project): it
    // is no run's model.
    void setModel(std::shared_ptr<const model::Model> model);
    // Why the model no longer fits what the window works on, or empty: another catalog was
    // loaded since (or the catalog lacks a feature the model needs), or a hybrid learned from a
    // simulation that is not the current one. Such a model is never shown as current.
    QString modelOutOfDateReason() const;
    bool modelOutOfDate() const { return !modelOutOfDateReason().isEmpty(); }
    // What the model was made from that is no longer current (a catalog lacking a feature the
    // model needs is seen anew from the catalog), for a project to keep; and a saved model put
    // back with it, so that reopening a project never shows a stale model as current.
    project::Project::ModelStaleness modelStaleness() const;
    void restoreModel(std::shared_ptr<const model::Model> model, project::Project::ModelStaleness staleness);

    // The training runs kept (finished and cancelled), in the order they started, and the number
    // of the one whose model is current (0: the model came from a file, or there is none).
    const std::vector<project::TrainingRun>& runs() const { return m_runs; }
    int currentRun() const { return m_currentRun; }
    const project::TrainingRun* findRun(int number) const;
    // Keeps a run that ended, numbered here and stamped with what it learned from. A finished
    // run's model becomes the current model, made from fromCatalog and fromSimulation.
    void addRun(project::TrainingRun run, const std::shared_ptr<const data::Catalog>& fromCatalog,
                const std::shared_ptr<const sim::SimulationResult>& fromSimulation);
    // Makes a finished run's model the current one; it is out of date when the run learned from
    // another catalog or (a hybrid) another simulation than the current ones.
    void makeRunCurrent(int number);
    void deleteRuns(const std::vector<int>& numbers);
    // Puts back a project's runs (after its model).
    void restoreRuns(std::vector<project::TrainingRun> runs, int currentRun);

    // The last evaluation (null until one ran), and the model and simulation it was computed
    // from: when those are no longer the current ones, it is out of date.
    const std::shared_ptr<const rec::EvaluationSet>& evaluation() const { return m_evaluation; }
    void setEvaluation(std::shared_ptr<const rec::EvaluationSet> evaluation,
                       const std::shared_ptr<const model::Model>& fromModel,
                       const std::shared_ptr<const sim::SimulationResult>& fromSimulation);
    // An evaluation of the current model and simulation (or, when outOfDate, of earlier ones).
    void setEvaluation(std::shared_ptr<const rec::EvaluationSet> evaluation, bool outOfDate = false);
    bool evaluationModelChanged() const;
    bool evaluationSimulationChanged() const;
    bool evaluationOutOfDate() const { return evaluationModelChanged() || evaluationSimulationChanged(); }
    // The simulation the evaluation was computed from, while it is still held (its archetype
    // names order the per-archetype results).
    std::shared_ptr<const sim::SimulationResult> evaluatedSimulation() const
    {
        return m_evaluatedSimulation.lock();
    }

    // Whether anything a project file holds changed since it was last saved or opened. Every
    // setter above sets it; archetype edits count while the undo stack is away from the state
    // that was saved (undoing back to it clears the flag). setModified(false) (saving, opening
    // or starting a new project) marks the current state, archetypes included, as saved.
    bool isModified() const { return m_modified; }
    void setModified(bool modified);

Q_SIGNALS:
    void catalogChanged();
    void genreStatsChanged();
    void archetypesChanged();
    void simulationChanged();
    void simulationOutOfDateChanged(bool outOfDate);
    void simulationSettingsChanged();
    void trainingParamsChanged();
    void hybridParamsChanged();
    void modelChanged();
    void evaluationChanged();
    void runsChanged();
    void modifiedChanged(bool modified);

private:
    friend class ArchetypeEdit;
    void replaceArchetypes(const sim::ArchetypeSet& set);
    bool isOutOfDate() const;
    void updateSimulationOutOfDate();
    void updateModified();
    // The current model, trained on `fromCatalog` and, for a hybrid, the listening of
    // `fromSimulation` (either null when the model was made from other ones).
    // simulationGone: the hybrid's simulation is known to be another than any open now (a saved
    // project restored without it), whatever m_simulation is.
    void useModel(std::shared_ptr<const model::Model> model,
                  const std::shared_ptr<const data::Catalog>& fromCatalog,
                  const std::shared_ptr<const sim::SimulationResult>& fromSimulation,
                  bool simulationGone = false);
    // An evaluation of a run's model is that run's.
    void attachEvaluationToRun(const std::shared_ptr<const model::Model>& model);

    // What the simulation was run with; none when unknown (restored out of date).
    struct SimulationInputs
    {
        sim::ArchetypeSet archetypes;
        data::GenreThresholds thresholds;
    };

    LoadedCatalog m_loaded;
    QStringList m_catalogFiles;
    sim::ArchetypeSet m_archetypes = sim::defaultArchetypes();
    QUndoStack m_undo;
    std::shared_ptr<const sim::SimulationResult> m_simulation;
    std::shared_ptr<const data::Catalog> m_simulationCatalog;
    std::optional<SimulationInputs> m_simulationInputs;
    bool m_simulationOutOfDate = false;
    sim::SimulationParams m_simulationSettings;
    model::TrainingParams m_trainingParams;
    model::HybridParams m_hybridParams;
    std::shared_ptr<const model::Model> m_model;
    // What the model was made from; weak, as the evaluation's inputs below.
    std::weak_ptr<const data::Catalog> m_modelCatalog;
    std::weak_ptr<const sim::SimulationResult> m_modelSimulation;
    bool m_modelSimulationGone = false; // see useModel
    std::shared_ptr<const rec::EvaluationSet> m_evaluation;
    // Weak: an old model must not stay in memory only to say that it is not the current one.
    std::weak_ptr<const model::Model> m_evaluatedModel;
    std::weak_ptr<const sim::SimulationResult> m_evaluatedSimulation;
    bool m_evaluationInputsKnown = false; // false: restored as out of date, inputs long gone
    std::vector<project::TrainingRun> m_runs;
    int m_currentRun = 0;
    int m_lastRunNumber = 0;           // the highest number given to a run
    bool m_changedOutsideUndo = false; // a change that is not on the undo stack
    bool m_modified = false;
};

} // namespace gdbm::ui
