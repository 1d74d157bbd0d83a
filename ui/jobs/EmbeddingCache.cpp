#include "jobs/EmbeddingCache.h"

#include "core/Text.h"
#include "jobs/JobRunner.h"
#include "rec/CatalogEmbedding.h"
#include "rec/HybridModel.h"

#include <QDeadlineTimer>
#include <algorithm>
#include <any>

namespace gdbm::ui {

bool EmbeddingCache::Inputs::sameAs(const Inputs& other) const
{
    return model == other.model && catalog == other.catalog && kind == other.kind;
}

EmbeddingCache::EmbeddingCache(JobRunner* jobs, QObject* parent) : QObject(parent), m_jobs(jobs)
{
    connect(m_jobs, &JobRunner::failed, this, [this](const QString& message) { m_error = message; });
    connect(m_jobs, &JobRunner::cancelled, this, [this] {
        // Cancelled by someone else (the user, the window stopping its jobs): obeyed until
        // retry() or a new request. A job this object superseded stays superseded.
        if (m_state == JobState::Running)
            m_state = JobState::Cancelled;
    });
    connect(m_jobs, &JobRunner::finished, this, &EmbeddingCache::onFinished);
}

bool EmbeddingCache::snapshotMatches(const Inputs& inputs) const
{
    return m_snapshot && m_snapshot->model == inputs.model && m_snapshot->catalog == inputs.catalog &&
           m_snapshot->kind == inputs.kind;
}

std::shared_ptr<const EmbeddingSnapshot> EmbeddingCache::current() const
{
    return hasInputs() && snapshotMatches(m_wanted) ? m_snapshot : nullptr;
}

bool EmbeddingCache::isComputing() const
{
    return m_jobs->isRunning();
}

void EmbeddingCache::request(std::shared_ptr<const model::Model> model,
                             std::shared_ptr<const data::Catalog> catalog, rec::EmbeddingKind kind)
{
    m_wanted = {std::move(model), std::move(catalog), kind};
    m_error.clear();
    if (!hasInputs())
        m_snapshot.reset();
    if (!m_jobs->isRunning()) {
        m_state = JobState::Idle;
        if (hasInputs() && !snapshotMatches(m_wanted))
            start();
    } else if (hasInputs() && m_state == JobState::Running && m_running.sameAs(m_wanted)) {
        // The running job computes exactly this: let it finish.
    } else if (m_state != JobState::Superseded) {
        // Its result would be stale. onFinished() starts the job for the wanted inputs, if
        // any, once this one has stopped: one job at a time, the newest inputs win.
        m_state = JobState::Superseded;
        m_jobs->supersede();
    }
    Q_EMIT changed();
}

void EmbeddingCache::retry()
{
    if (m_jobs->isRunning() || !hasInputs() || snapshotMatches(m_wanted))
        return;
    m_error.clear();
    start();
    Q_EMIT changed();
}

void EmbeddingCache::start()
{
    m_running = m_wanted;
    m_state = JobState::Running;
    const Inputs inputs = m_wanted;
    m_jobs->start(
        tr("Embedding the catalog"),
        [inputs](const ProgressCallback& progress, const CancelFlag& cancel) {
            auto snapshot = std::make_shared<EmbeddingSnapshot>();
            snapshot->model = inputs.model;
            snapshot->catalog = inputs.catalog;
            snapshot->kind = inputs.kind;
            const model::Model& model = *inputs.model;
            progress(
                {"Embedding " + text::withThousands((long long)inputs.catalog->size()) + " tracks", 0, 0});
            snapshot->embeddings = rec::embedCatalog(model, *inputs.catalog, inputs.kind, &cancel);
            snapshot->newTracks = rec::unheardTracks(model, *inputs.catalog);
            snapshot->anyNewTrack = std::find(snapshot->newTracks.begin(), snapshot->newTracks.end(), true) !=
                                    snapshot->newTracks.end();
            snapshot->space = rec::catalogScoringSpace(model, snapshot->embeddings, inputs.kind);
            progress({"Projecting the embeddings", 0, 0});
            snapshot->map = rec::principalComponents2d(snapshot->embeddings);
            return std::any(std::shared_ptr<const EmbeddingSnapshot>(std::move(snapshot)));
        },
        [this](std::any result) {
            // Only a job nobody cancelled delivers: its inputs are the wanted ones.
            m_snapshot = std::any_cast<std::shared_ptr<const EmbeddingSnapshot>>(std::move(result));
        });
}

void EmbeddingCache::onFinished()
{
    const Inputs finished = m_running;
    m_running = {};
    // A failure is reported for the inputs that failed, and not retried; jobs this object
    // superseded make way for the wanted inputs. A cancel from outside (the user, or the window
    // stopping every job before it opens a project or closes) is obeyed: restarting here would
    // make that Cancel a no-op.
    const bool failedForWanted = !m_error.isEmpty() && finished.sameAs(m_wanted);
    if (!failedForWanted)
        m_error.clear();
    if (m_state != JobState::Cancelled) {
        m_state = JobState::Idle;
        if (hasInputs() && !snapshotMatches(m_wanted) && !failedForWanted)
            start();
    }
    Q_EMIT changed();
}

bool EmbeddingCache::waitForIdle(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (m_jobs->isRunning() && !deadline.hasExpired())
        m_jobs->waitForFinished(int(std::max<qint64>(1, deadline.remainingTime())));
    return !m_jobs->isRunning();
}

} // namespace gdbm::ui
