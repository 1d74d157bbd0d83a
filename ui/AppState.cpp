#include "AppState.h"

#include "project/Project.h"
#include "rec/TagFeatures.h"
#include "util/Format.h"

#include <QUndoCommand>
#include <algorithm>

namespace gdbm::ui {

// One undoable change of the archetype set: both whole sets are kept (a set is a few KB).
class ArchetypeEdit : public QUndoCommand
{
public:
    ArchetypeEdit(AppState& state, sim::ArchetypeSet before, sim::ArchetypeSet after, const QString& text,
                  int mergeKey)
        : QUndoCommand(text), m_state(state), m_before(std::move(before)), m_after(std::move(after)),
          m_mergeKey(mergeKey)
    {}

    void undo() override { m_state.replaceArchetypes(m_before); }
    void redo() override { m_state.replaceArchetypes(m_after); }
    int id() const override { return m_mergeKey; }
    bool mergeWith(const QUndoCommand* other) override
    {
        if (other->id() != id())
            return false;
        m_after = static_cast<const ArchetypeEdit*>(other)->m_after;
        return true;
    }

private:
    AppState& m_state;
    sim::ArchetypeSet m_before;
    sim::ArchetypeSet m_after;
    int m_mergeKey;
};

LoadedCatalog prepareCatalog(data::Catalog catalog, const data::GenreThresholds& thresholds)
{
    LoadedCatalog loaded;
    auto shared = std::make_shared<const data::Catalog>(std::move(catalog));
    loaded.facts = sim::computeCatalogFacts(*shared, thresholds);
    // Counted here, off the GUI thread: it reads every track.
    loaded.tagUnits = rec::tagNames(*shared).size();
    loaded.fingerprint = project::catalogFingerprint(*shared);
    loaded.catalog = std::move(shared);
    return loaded;
}

AppState::AppState(QObject* parent) : QObject(parent)
{
    // Archetype edits are not in this list: they are on the undo stack, whose clean state
    // says whether the set is the saved one.
    for (auto change : {&AppState::catalogChanged, &AppState::genreStatsChanged, &AppState::simulationChanged,
                        &AppState::simulationSettingsChanged, &AppState::trainingParamsChanged,
                        &AppState::hybridParamsChanged, &AppState::modelChanged, &AppState::evaluationChanged,
                        &AppState::runsChanged})
        connect(this, change, this, [this] { setModified(true); });
    connect(&m_undo, &QUndoStack::cleanChanged, this, &AppState::updateModified);
}

void AppState::setSimulationSettings(const sim::SimulationParams& settings)
{
    if (settings.users == m_simulationSettings.users && settings.seed == m_simulationSettings.seed &&
        settings.referenceDate == m_simulationSettings.referenceDate)
        return;
    m_simulationSettings = settings;
    Q_EMIT simulationSettingsChanged();
}

void AppState::setTrainingParams(const model::TrainingParams& params)
{
    if (params == m_trainingParams)
        return;
    m_trainingParams = params;
    Q_EMIT trainingParamsChanged();
}

void AppState::setHybridParams(const model::HybridParams& params)
{
    if (params == m_hybridParams)
        return;
    m_hybridParams = params;
    Q_EMIT hybridParamsChanged();
}

void AppState::setModel(std::shared_ptr<const model::Model> model)
{
    m_currentRun = 0;
    useModel(std::move(model), m_loaded.catalog, m_simulation);
}

void AppState::useModel(std::shared_ptr<const model::Model> model,
                        const std::shared_ptr<const data::Catalog>& fromCatalog,
                        const std::shared_ptr<const sim::SimulationResult>& fromSimulation,
                        bool simulationGone)
{
    m_model = std::move(model);
    m_modelSimulationGone = simulationGone;
    m_modelCatalog = fromCatalog;
    m_modelSimulation = fromSimulation;
    Q_EMIT modelChanged();
}

project::Project::ModelStaleness AppState::modelStaleness() const
{
    using Staleness = project::Project::ModelStaleness;
    if (!m_model)
        return Staleness::Current;
    if (m_modelCatalog.lock() != m_loaded.catalog)
        return Staleness::OtherCatalog;
    if (m_model->find(model::Modality::Listening) &&
        (m_modelSimulationGone || m_modelSimulation.lock() != m_simulation))
        return Staleness::OtherSimulation;
    return Staleness::Current;
}

void AppState::restoreModel(std::shared_ptr<const model::Model> model,
                            project::Project::ModelStaleness staleness)
{
    using Staleness = project::Project::ModelStaleness;
    m_currentRun = 0;
    useModel(std::move(model), staleness == Staleness::OtherCatalog ? nullptr : m_loaded.catalog,
             staleness == Staleness::Current ? m_simulation : nullptr,
             staleness == Staleness::OtherSimulation);
}

QString AppState::modelOutOfDateReason() const
{
    if (!m_model)
        return {};
    if (m_modelCatalog.lock() != m_loaded.catalog)
        return tr("another catalog was loaded since this model was trained");
    if (m_loaded.catalog) {
        const std::vector<data::Feature>& has = m_loaded.catalog->featureList();
        for (data::Feature f : m_model->features) {
            if (std::find(has.begin(), has.end(), f) == has.end())
                return tr("the catalog has no %1, which the model needs").arg(fromStd(data::featureName(f)));
        }
    }
    if (m_model->find(model::Modality::Listening) &&
        (m_modelSimulationGone || m_modelSimulation.lock() != m_simulation))
        return tr("the simulation ran again since this model learned its listeners");
    return {};
}

void AppState::setEvaluation(std::shared_ptr<const rec::EvaluationSet> evaluation,
                             const std::shared_ptr<const model::Model>& fromModel,
                             const std::shared_ptr<const sim::SimulationResult>& fromSimulation)
{
    m_evaluation = std::move(evaluation);
    m_evaluatedModel = fromModel;
    m_evaluatedSimulation = fromSimulation;
    m_evaluationInputsKnown = true;
    Q_EMIT evaluationChanged();
    attachEvaluationToRun(fromModel);
}

void AppState::setEvaluation(std::shared_ptr<const rec::EvaluationSet> evaluation, bool outOfDate)
{
    m_evaluation = std::move(evaluation);
    m_evaluatedModel = m_model;
    m_evaluatedSimulation = m_simulation;
    m_evaluationInputsKnown = !outOfDate;
    Q_EMIT evaluationChanged();
}

namespace {

// Whether `now` is the object `then` was taken from. Owner comparison: an expired weak_ptr
// never equals a new object, even one at a reused address.
template <typename T>
bool sameObject(const std::weak_ptr<const T>& then, const std::shared_ptr<const T>& now)
{
    return !then.owner_before(now) && !now.owner_before(then);
}

} // namespace

bool AppState::evaluationModelChanged() const
{
    return m_evaluation && (!m_evaluationInputsKnown || !sameObject(m_evaluatedModel, m_model));
}

bool AppState::evaluationSimulationChanged() const
{
    return m_evaluation && (!m_evaluationInputsKnown || !sameObject(m_evaluatedSimulation, m_simulation));
}

void AppState::setModified(bool modified)
{
    m_changedOutsideUndo = modified;
    if (!modified)
        m_undo.setClean();
    updateModified();
}

void AppState::updateModified()
{
    const bool modified = m_changedOutsideUndo || !m_undo.isClean();
    if (modified == m_modified)
        return;
    m_modified = modified;
    Q_EMIT modifiedChanged(modified);
}

void AppState::setCatalog(LoadedCatalog loaded)
{
    m_loaded = std::move(loaded);
    Q_EMIT catalogChanged();
    Q_EMIT genreStatsChanged();
    updateSimulationOutOfDate();
}

void AppState::setThresholds(const data::GenreThresholds& thresholds)
{
    if (thresholds == m_loaded.facts.genres.thresholds)
        return;
    data::applyThresholds(m_loaded.facts.genres, thresholds);
    Q_EMIT genreStatsChanged();
    updateSimulationOutOfDate();
}

void AppState::editArchetypes(const sim::ArchetypeSet& next, const QString& description, int mergeKey)
{
    if (next == m_archetypes)
        return;
    m_undo.push(new ArchetypeEdit(*this, m_archetypes, next, description, mergeKey));
}

void AppState::resetArchetypes(const sim::ArchetypeSet& set)
{
    // Clearing makes the stack clean, which no longer says the set is the saved one: a change
    // (or an edit not saved before) counts until the caller marks the state saved.
    const bool wasClean = m_undo.isClean();
    m_undo.clear();
    if (!wasClean || !(set == m_archetypes))
        m_changedOutsideUndo = true;
    if (!(set == m_archetypes))
        replaceArchetypes(set);
    updateModified();
}

void AppState::restoreSimulation(std::shared_ptr<const sim::SimulationResult> result, bool outOfDate)
{
    m_simulation = std::move(result);
    m_simulationCatalog = m_simulation ? m_loaded.catalog : nullptr;
    // Up to date: made with what is in force now. Out of date: with inputs no longer known.
    m_simulationInputs.reset();
    if (m_simulation && !outOfDate)
        m_simulationInputs = SimulationInputs{m_archetypes, thresholds()};
    m_simulationOutOfDate = m_simulation && outOfDate;
    Q_EMIT simulationChanged();
    Q_EMIT simulationOutOfDateChanged(m_simulationOutOfDate);
}

void AppState::replaceArchetypes(const sim::ArchetypeSet& set)
{
    m_archetypes = set;
    Q_EMIT archetypesChanged();
    updateSimulationOutOfDate();
}

void AppState::setSimulation(std::shared_ptr<const sim::SimulationResult> result,
                             std::shared_ptr<const data::Catalog> catalog,
                             const sim::ArchetypeSet& archetypes, const data::GenreThresholds& thresholds)
{
    m_simulation = std::move(result);
    m_simulationCatalog = std::move(catalog);
    m_simulationInputs = SimulationInputs{archetypes, thresholds};
    // The inputs may have changed while it ran: then it is out of date from the start.
    m_simulationOutOfDate = isOutOfDate();
    Q_EMIT simulationChanged();
    Q_EMIT simulationOutOfDateChanged(m_simulationOutOfDate);
}

bool AppState::isOutOfDate() const
{
    return m_simulation && (!m_simulationInputs || m_simulationCatalog != m_loaded.catalog ||
                            !(m_simulationInputs->archetypes == m_archetypes) ||
                            !(m_simulationInputs->thresholds == m_loaded.facts.genres.thresholds));
}

void AppState::updateSimulationOutOfDate()
{
    const bool outOfDate = isOutOfDate();
    if (outOfDate == m_simulationOutOfDate)
        return;
    m_simulationOutOfDate = outOfDate;
    Q_EMIT simulationOutOfDateChanged(outOfDate);
}

} // namespace gdbm::ui
