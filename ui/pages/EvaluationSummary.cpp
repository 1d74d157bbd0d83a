#include "EvaluationSummary.h"

#include "models/EvaluationTableModel.h"
#include "rec/PairedDifference.h"
#include "util/Format.h"

#include <QObject>

namespace gdbm::ui {
namespace {

// " DBM hybrid against Audio + tags, the best baseline: -0.013 NDCG@10 ± 0.005 (mean difference
// user by user, ± its standard error over these users): it ranks lower."
QString pairedComparison(const rec::EvaluationResult& result)
{
    const rec::MethodEvaluation* dbm = rec::leadingDbm(result);
    const rec::MethodEvaluation* baseline = rec::bestBaseline(result);
    if (!dbm || !baseline)
        return {};
    const auto found = dbm->ndcgAgainst.find(baseline->method);
    if (found == dbm->ndcgAgainst.end())
        return {};
    const rec::NdcgDifference& d = found->second;
    return QObject::tr(
               " %1 against %2, the best baseline: %3 NDCG@%4 \u00b1 %5 (mean difference user by user, "
               "\u00b1 its standard error over these users)%6.")
        .arg(EvaluationTableModel::methodLabel(dbm->method),
             EvaluationTableModel::methodLabel(baseline->method))
        .arg(QString::asprintf("%+.3f", d.mean))
        .arg(result.k)
        .arg(d.standardError, 0, 'f', 3)
        .arg(d.withinTwoStandardErrors() ? QObject::tr(": too close to tell apart")
             : d.mean > 0                ? QObject::tr(": it ranks higher")
                                         : QObject::tr(": it ranks lower"));
}

} // namespace

QString evaluationSummary(const rec::EvaluationResult& result)
{
    if (result.protocol == rec::Protocol::NewTracks)
        return QObject::tr(
                   "Top %1 among %2 new tracks (every listen to them held out) for %3 users; %4 "
                   "not evaluated (no new track, or fewer than 5 other tracks). The hybrid DBM was "
                   "trained afresh on the other tracks' listens. Bold: the best value of each metric.")
                   .arg(result.k)
                   .arg(thousands(result.tracksRanked), thousands(result.usersEvaluated),
                        thousands(result.usersSkipped)) +
               pairedComparison(result);
    // A project saved before the protocols were recorded does not know how many tracks.
    const QString among = result.tracksRanked > 0
                              ? QObject::tr(" among %1 tracks").arg(thousands(result.tracksRanked))
                              : QString();
    return QObject::tr("Top %1%2 for %3 users; %4 skipped (fewer than 5 distinct tracks). The hybrid "
                       "DBM was trained afresh on the listens not held out. Bold: the best value of each "
                       "metric.")
               .arg(result.k)
               .arg(among, thousands(result.usersEvaluated), thousands(result.usersSkipped)) +
           pairedComparison(result);
}

} // namespace gdbm::ui
