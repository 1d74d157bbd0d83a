#pragma once

#include "data/Catalog.h"
#include "model/Model.h"
#include "rec/Embedder.h"
#include "rec/Projection.h"
#include "rec/ScoringSpace.h"

#include <QObject>
#include <QString>
#include <memory>

namespace gdbm::ui {

class JobRunner;

// Every track's embedding under one model, with its 2-D map: computed by a job, then read-only.
// It depends on the model, the catalog and the kind only (not on the users), so a new
// simulation of the same catalog keeps it.
struct EmbeddingSnapshot
{
    std::shared_ptr<const model::Model> model;
    std::shared_ptr<const data::Catalog> catalog;
    rec::EmbeddingKind kind = rec::EmbeddingKind::TopLayer;
    Matrix embeddings;           // tracks x embedding size
    rec::ScoringSpace space;     // the embeddings centred, scaled and in double, for scoring
    rec::Projection2d map;       // the embeddings' two principal components
    std::vector<bool> newTracks; // a hybrid's tracks nobody heard in training (listening inferred)
    bool anyNewTrack = false;    // whether newTracks has one (said under the recommendations)
};

// Keeps the embeddings the Recommendations page needs up to date. request() names the inputs;
// a job on the given runner computes a snapshot for them unless the last snapshot or the
// running job already has them. A running job for other inputs is cancelled, and the job for
// the newest inputs starts once it has stopped, so that quick changes (the embedding combo
// moving) never run two jobs at once nor deliver a stale result.
// Requires: the runner outlives this object and runs no other kind of job.
class EmbeddingCache : public QObject
{
    Q_OBJECT

public:
    explicit EmbeddingCache(JobRunner* jobs, QObject* parent = nullptr);

    // Null model or catalog: no embeddings (the last snapshot is dropped).
    void request(std::shared_ptr<const model::Model> model, std::shared_ptr<const data::Catalog> catalog,
                 rec::EmbeddingKind kind);
    // The snapshot for the last request; null while it is computed, after a failure, or without
    // inputs.
    std::shared_ptr<const EmbeddingSnapshot> current() const;
    bool hasInputs() const { return m_wanted.model && m_wanted.catalog; }
    bool isComputing() const;
    // Why the last computation failed (a model whose features the catalog lacks, say); empty
    // otherwise.
    const QString& error() const { return m_error; }
    // Whether the job for the wanted inputs was cancelled from outside (the status bar's Cancel,
    // the window stopping its jobs). It is not restarted until retry() or the next request().
    bool wasCancelled() const { return m_state == JobState::Cancelled; }
    // Computes the wanted inputs again after a failure or a cancel.
    void retry();
    // Waits until no job runs or is about to restart (tests).
    bool waitForIdle(int timeoutMs = 60000);

Q_SIGNALS:
    // A computation started, ended or failed, or the inputs went away: current() may differ.
    void changed();

private:
    // Where the job stands. One state, as the cases exclude each other.
    enum class JobState {
        Idle,       // no job runs (the snapshot, if any, is the last result)
        Running,    // a job runs for m_running, which is still wanted
        Superseded, // a job runs whose result is no longer wanted: the wanted inputs start after it
        Cancelled,  // the job for the wanted inputs was cancelled from outside: waits for retry()
    };

    struct Inputs
    {
        std::shared_ptr<const model::Model> model;
        std::shared_ptr<const data::Catalog> catalog;
        rec::EmbeddingKind kind = rec::EmbeddingKind::TopLayer;
        bool sameAs(const Inputs& other) const;
    };
    bool snapshotMatches(const Inputs& inputs) const;
    void start();
    void onFinished();

    JobRunner* m_jobs;
    Inputs m_wanted;
    Inputs m_running; // what the running job computes
    JobState m_state = JobState::Idle;
    QString m_error;
    std::shared_ptr<const EmbeddingSnapshot> m_snapshot;
};

} // namespace gdbm::ui
