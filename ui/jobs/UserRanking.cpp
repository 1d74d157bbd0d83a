#include "jobs/UserRanking.h"

#include <QElapsedTimer>
#include <algorithm>

namespace gdbm::ui {

UserRanking rankUser(const RankingRequest& request, std::size_t reasons, const CancelFlag* cancel)
{
    QElapsedTimer timer;
    timer.start();
    const EmbeddingSnapshot& s = *request.snapshot;
    UserRanking out;
    out.request = request;
    out.history = rec::historyOf(*request.simulation, request.user, false);
    out.top = rec::recommend(s.space, out.history, {request.top, reasons});

    double highest = -1.0;
    double lowest = 1.0;
    for (const rec::Recommendation& r : out.top) {
        highest = std::max(highest, r.score);
        lowest = std::min(lowest, r.score);
    }
    // A model whose top layer barely varies between songs ranks almost at random: the page says
    // so rather than show a list of equal scores as if it meant something.
    constexpr double kFlatSpread = 1e-3;
    out.flat = out.top.size() > 1 && highest - lowest < kFlatSpread;
    // A hybrid's notes: which songs are new, and what each modality adds (one batched inference
    // per modality left out; counted in the time the page shows).
    if (s.model->isHybrid()) {
        for (const rec::Recommendation& r : out.top)
            out.isNew.push_back(s.newTracks[r.track]);
        out.shares = rec::explainByModality(*s.model, *s.catalog, s.kind, s.space,
                                            rec::queryVector(s.space, out.history, rec::kDefaultScoringRule),
                                            out.top, cancel);
    }
    out.milliseconds = double(timer.nsecsElapsed()) / 1e6;
    return out;
}

} // namespace gdbm::ui
