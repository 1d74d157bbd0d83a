#include "AppState.h"

#include <QUndoCommand>

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
    loaded.catalog = std::move(shared);
    return loaded;
}

AppState::AppState(QObject* parent) : QObject(parent)
{
    for (auto change :
         {&AppState::catalogChanged, &AppState::genreStatsChanged, &AppState::archetypesChanged,
          &AppState::simulationChanged, &AppState::simulationSettingsChanged,
          &AppState::trainingParamsChanged, &AppState::modelChanged, &AppState::evaluationChanged})
        connect(this, change, this, [this] { setModified(true); });
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

void AppState::setModel(std::shared_ptr<const model::Model> model)
{
    m_model = std::move(model);
    Q_EMIT modelChanged();
}

void AppState::setEvaluation(std::shared_ptr<const rec::EvaluationResult> evaluation)
{
    m_evaluation = std::move(evaluation);
    Q_EMIT evaluationChanged();
}

void AppState::setModified(bool modified)
{
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
    markSimulationOutOfDate();
}

void AppState::setThresholds(const data::GenreThresholds& thresholds)
{
    if (thresholds == m_loaded.facts.genres.thresholds)
        return;
    data::applyThresholds(m_loaded.facts.genres, thresholds);
    Q_EMIT genreStatsChanged();
    markSimulationOutOfDate();
}

void AppState::editArchetypes(const sim::ArchetypeSet& next, const QString& description, int mergeKey)
{
    if (next == m_archetypes)
        return;
    m_undo.push(new ArchetypeEdit(*this, m_archetypes, next, description, mergeKey));
}

void AppState::resetArchetypes(const sim::ArchetypeSet& set)
{
    m_undo.clear();
    if (!(set == m_archetypes))
        replaceArchetypes(set);
}

void AppState::restoreSimulation(std::shared_ptr<const sim::SimulationResult> result, bool outOfDate)
{
    m_simulation = std::move(result);
    m_simulationCatalog = m_simulation ? m_loaded.catalog : nullptr;
    m_simulationOutOfDate = m_simulation && outOfDate;
    Q_EMIT simulationChanged();
    Q_EMIT simulationOutOfDateChanged(m_simulationOutOfDate);
}

void AppState::replaceArchetypes(const sim::ArchetypeSet& set)
{
    m_archetypes = set;
    Q_EMIT archetypesChanged();
    markSimulationOutOfDate();
}

void AppState::setSimulation(std::shared_ptr<const sim::SimulationResult> result,
                             std::shared_ptr<const data::Catalog> catalog,
                             const sim::ArchetypeSet& archetypes, const data::GenreThresholds& thresholds)
{
    m_simulation = std::move(result);
    m_simulationCatalog = std::move(catalog);
    // The inputs may have changed while it ran: then it is out of date from the start.
    m_simulationOutOfDate = m_simulationCatalog != m_loaded.catalog || !(archetypes == m_archetypes) ||
                            !(thresholds == m_loaded.facts.genres.thresholds);
    Q_EMIT simulationChanged();
    Q_EMIT simulationOutOfDateChanged(m_simulationOutOfDate);
}

void AppState::markSimulationOutOfDate()
{
    if (!m_simulation || m_simulationOutOfDate)
        return;
    m_simulationOutOfDate = true;
    Q_EMIT simulationOutOfDateChanged(true);
}

} // namespace gdbm::ui
