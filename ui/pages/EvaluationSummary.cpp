#include "EvaluationSummary.h"

#include "models/EvaluationTableModel.h"
#include "rec/PairedDifference.h"
#include "util/Format.h"

#include <QCoreApplication>
#include <algorithm>

namespace gdbm::ui {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("EvaluationSummary", text);
}

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
    return tr(" %1 against %2, the best baseline: %3 NDCG@%4 \u00b1 %5 (mean difference user by user, "
              "\u00b1 its standard error over these users)%6.")
        .arg(EvaluationTableModel::methodLabel(dbm->method),
             EvaluationTableModel::methodLabel(baseline->method))
        .arg(QString::asprintf("%+.3f", d.mean))
        .arg(result.k)
        .arg(d.standardError, 0, 'f', 3)
        .arg(d.withinTwoStandardErrors() ? tr(": too close to tell apart")
             : d.mean > 0                ? tr(": it ranks higher")
                                         : tr(": it ranks lower"));
}

// " Over 5 splits (holdout seeds 1 to 5; the table shows the first): DBM hybrid against Audio +
// tags -0.022 NDCG@10 ± 0.010 (mean ± its standard error over the splits), higher on 1 of 5."
QString splitsComparison(const rec::EvaluationResult& result, const rec::EvaluationSet* set)
{
    const rec::ProtocolAcrossSplits* splits = set ? set->findAcrossSplits(result.protocol) : nullptr;
    const rec::MethodEvaluation* dbm = rec::leadingDbm(result);
    const rec::MethodEvaluation* baseline = rec::bestBaseline(result);
    if (!splits || !dbm || !baseline)
        return {};
    const auto found =
        std::find_if(splits->methods.begin(), splits->methods.end(),
                     [&](const rec::MethodAcrossSplits& m) { return m.method == dbm->method; });
    if (found == splits->methods.end() || !found->ndcgAgainst.count(baseline->method))
        return {};
    const rec::SplitStatistic& d = found->ndcgAgainst.at(baseline->method);
    return tr(" Over %1 splits (holdout seeds %2 to %3; the table shows the first): %4 against %5 %6 "
              "NDCG@%7 \u00b1 %8 (mean \u00b1 its standard error over the splits), higher on %9 of %1.")
        .arg(d.splits)
        .arg(set->splitSeeds.front())
        .arg(set->splitSeeds.back())
        .arg(EvaluationTableModel::methodLabel(dbm->method),
             EvaluationTableModel::methodLabel(baseline->method))
        .arg(QString::asprintf("%+.3f", d.mean))
        .arg(result.k)
        .arg(d.standardError, 0, 'f', 3)
        .arg(d.above);
}

} // namespace

QString evaluationSummary(const rec::EvaluationResult& result, const rec::EvaluationSet* set)
{
    if (result.protocol == rec::Protocol::NewTracks)
        return tr("Top %1 among %2 new tracks (every listen to them held out) for %3 users; %4 "
                  "not evaluated (no new track, or fewer than 5 other tracks). The hybrid DBM was "
                  "trained afresh on the other tracks' listens. Bold: the best value of each metric.")
                   .arg(result.k)
                   .arg(thousands(result.tracksRanked), thousands(result.usersEvaluated),
                        thousands(result.usersSkipped)) +
               pairedComparison(result) + splitsComparison(result, set);
    // A project saved before the protocols were recorded does not know how many tracks.
    const QString among =
        result.tracksRanked > 0 ? tr(" among %1 tracks").arg(thousands(result.tracksRanked)) : QString();
    return tr("Top %1%2 for %3 users; %4 skipped (fewer than 5 distinct tracks). The hybrid "
              "DBM was trained afresh on the listens not held out. Bold: the best value of each "
              "metric.")
               .arg(result.k)
               .arg(among, thousands(result.usersEvaluated), thousands(result.usersSkipped)) +
           pairedComparison(result) + splitsComparison(result, set);
}

} // namespace gdbm::ui
