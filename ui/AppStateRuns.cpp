// The AppState's training runs: kept as they end, made current again, deleted, restored.
#include "AppState.h"
#include "project/Project.h"

#include <algorithm>

namespace gdbm::ui {

const project::TrainingRun* AppState::findRun(int number) const
{
    const auto it = std::find_if(m_runs.begin(), m_runs.end(),
                                 [number](const project::TrainingRun& r) { return r.number == number; });
    return it == m_runs.end() ? nullptr : &*it;
}

void AppState::addRun(project::TrainingRun run, const std::shared_ptr<const data::Catalog>& fromCatalog,
                      const std::shared_ptr<const sim::SimulationResult>& fromSimulation)
{
    // Deleted runs' numbers are not given again: "run 3" keeps meaning one run in a session.
    run.number = std::max(project::nextRunNumber(m_runs), m_lastRunNumber + 1);
    m_lastRunNumber = run.number;
    // The open catalog's fingerprint was computed when it was loaded; a run of a catalog that
    // was replaced while it trained gets none, which no catalog matches.
    run.catalogFingerprint = fromCatalog && fromCatalog == m_loaded.catalog ? m_loaded.fingerprint : 0;
    const bool listening = std::count(run.hybrid.modalities.begin(), run.hybrid.modalities.end(),
                                      model::Modality::Listening) > 0;
    run.simulationFingerprint =
        listening && !run.audioOnly() && fromSimulation ? project::simulationFingerprint(*fromSimulation) : 0;
    // A run of a catalog replaced while it trained is kept, but does not replace the current
    // model: it cannot rank the open catalog's songs (it stays one click away in the runs list).
    const std::shared_ptr<const model::Model> made =
        run.finished() && fromCatalog == m_loaded.catalog ? run.model : nullptr;
    m_runs.push_back(std::move(run));
    if (made) {
        m_currentRun = m_runs.back().number;
        useModel(made, fromCatalog, fromSimulation);
    }
    Q_EMIT runsChanged();
}

void AppState::makeRunCurrent(int number)
{
    const project::TrainingRun* run = findRun(number);
    if (!run || !run->model || number == m_currentRun)
        return;
    const bool sameCatalog = m_loaded.catalog && run->catalogFingerprint == m_loaded.fingerprint;
    // A hybrid that learned no listening needs no simulation: the current one will do.
    const bool sameSimulation =
        run->simulationFingerprint == 0 ||
        (m_simulation && project::simulationFingerprint(*m_simulation) == run->simulationFingerprint);
    m_currentRun = number;
    useModel(run->model, sameCatalog ? m_loaded.catalog : nullptr, sameSimulation ? m_simulation : nullptr);
    Q_EMIT runsChanged();
}

void AppState::deleteRuns(const std::vector<int>& numbers)
{
    const auto gone = [&numbers](const project::TrainingRun& r) {
        return std::find(numbers.begin(), numbers.end(), r.number) != numbers.end();
    };
    const auto before = m_runs.size();
    m_runs.erase(std::remove_if(m_runs.begin(), m_runs.end(), gone), m_runs.end());
    if (m_runs.size() == before)
        return;
    // The current model stays; it is no longer a run's.
    if (!findRun(m_currentRun))
        m_currentRun = 0;
    Q_EMIT runsChanged();
}

void AppState::restoreRuns(std::vector<project::TrainingRun> runs, int currentRun)
{
    m_runs = std::move(runs);
    m_lastRunNumber = project::nextRunNumber(m_runs) - 1;
    const project::TrainingRun* current = findRun(currentRun);
    m_currentRun = current && current->model == m_model ? currentRun : 0;
    Q_EMIT runsChanged();
}

void AppState::attachEvaluationToRun(const std::shared_ptr<const model::Model>& model)
{
    if (!model || !m_evaluation)
        return;
    for (project::TrainingRun& run : m_runs) {
        if (run.model == model) {
            run.evaluation = m_evaluation;
            Q_EMIT runsChanged();
            return;
        }
    }
}

} // namespace gdbm::ui
