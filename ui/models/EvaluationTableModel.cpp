#include "models/EvaluationTableModel.h"

#include "rec/EvaluationCsv.h"

#include <QFont>
#include <algorithm>
#include <cmath>

namespace gdbm::ui {

EvaluationTableModel::EvaluationTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void EvaluationTableModel::setResult(std::shared_ptr<const rec::EvaluationResult> result)
{
    beginResetModel();
    m_result = std::move(result);
    m_metrics = m_result ? rec::metricsOf(*m_result) : std::vector<std::string>();
    m_best.assign(m_metrics.size(), std::vector<bool>(std::size_t(rowCount()), false));
    for (int c = 0; c < int(m_metrics.size()); ++c) {
        const bool lower = lowerIsBetter(m_metrics[std::size_t(c)]);
        double best = NAN;
        for (int r = 0; r < rowCount(); ++r) {
            const double v = value(r, c);
            if (!std::isnan(v) && (std::isnan(best) || (lower ? v < best : v > best)))
                best = v;
        }
        // Ties (up to rounding noise in the last bits) are all best.
        for (int r = 0; r < rowCount(); ++r) {
            m_best[std::size_t(c)][std::size_t(r)] =
                !std::isnan(best) && std::abs(value(r, c) - best) <= 5e-7 * std::max(1.0, std::abs(best));
        }
    }
    endResetModel();
}

bool EvaluationTableModel::isBest(int row, int column) const
{
    return m_best[std::size_t(column)][std::size_t(row)];
}

int EvaluationTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_result ? 0 : int(m_result->methods.size());
}

int EvaluationTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_metrics.size());
}

double EvaluationTableModel::value(int row, int column) const
{
    const rec::MetricValues& values = m_result->methods[std::size_t(row)].overall;
    const auto it = values.find(m_metrics[std::size_t(column)]);
    return it == values.end() ? NAN : it->second;
}

QVariant EvaluationTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const std::string& metric = m_metrics[std::size_t(index.column())];
    const double v = value(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        return std::isnan(v) ? QString() : formatValue(metric, v);
    case kValueRole:
        return std::isnan(v) ? QVariant() : QVariant(v);
    case Qt::FontRole:
        if (isBest(index.row(), index.column())) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return QStringLiteral("%1, %2: %3%4")
            .arg(methodLabel(m_result->methods[std::size_t(index.row())].method),
                 metricLabel(metric, m_result->k), QString::number(v, 'g', 6),
                 isBest(index.row(), index.column()) ? tr(" (best)") : QString());
    default:
        return {};
    }
}

QVariant EvaluationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= columnCount())
            return {};
        const std::string& metric = m_metrics[std::size_t(section)];
        // "@K" on a line of its own: the columns stay narrow enough for eleven side by side.
        if (role == Qt::DisplayRole)
            return metricLabel(metric, m_result->k).replace(QLatin1Char('@'), QStringLiteral("\n@"));
        if (role == Qt::ToolTipRole)
            return metricToolTip(metric, m_result->k);
        return {};
    }
    if (section < 0 || section >= rowCount())
        return {};
    const std::string& method = m_result->methods[std::size_t(section)].method;
    if (role == Qt::DisplayRole)
        return methodLabel(method);
    if (role == Qt::ToolTipRole)
        return methodToolTip(method);
    return {};
}

QString EvaluationTableModel::methodLabel(const std::string& method)
{
    if (method == "dbm-top")
        return tr("DBM, top layer");
    if (method == "dbm-all")
        return tr("DBM, all layers");
    if (method == "dbm-reconstruction")
        return tr("DBM, reconstruction");
    if (method == "features")
        return tr("Audio features (no DBM)");
    if (method == "popularity")
        return tr("Popularity");
    if (method == "random")
        return tr("Random");
    return QString::fromStdString(method);
}

QString EvaluationTableModel::methodToolTip(const std::string& method)
{
    if (method == "dbm-top")
        return tr("Cosine similarity of the DBM's top hidden layer (mean field), to the user's history.");
    if (method == "dbm-all")
        return tr("Cosine similarity of all the DBM's hidden layers, concatenated.");
    if (method == "dbm-reconstruction")
        return tr("Cosine similarity of the tracks' features as the DBM reconstructs them.");
    if (method == "features")
        return tr("Baseline: cosine similarity of the standardized audio features, without the DBM.");
    if (method == "popularity")
        return tr("Baseline: the tracks most users listened to in the training histories.");
    if (method == "random")
        return tr("Baseline: a random ranking (seeded).");
    return QString::fromStdString(method);
}

QString EvaluationTableModel::metricLabel(const std::string& metric, std::size_t k)
{
    const QString at = QStringLiteral("@%1").arg(k);
    if (metric == "precision")
        return tr("Precision") + at;
    if (metric == "recall")
        return tr("Recall") + at;
    if (metric == "ndcg")
        return tr("NDCG") + at;
    if (metric == "hit_rate")
        return tr("Hit rate") + at;
    if (metric == "mrr")
        return tr("MRR");
    if (metric == "map")
        return tr("MAP");
    if (metric == "coverage")
        return tr("Coverage");
    if (metric == "gini")
        return tr("Gini");
    if (metric == "novelty")
        return tr("Novelty");
    if (metric == "diversity")
        return tr("Diversity");
    if (metric == "archetype_consistency")
        return tr("Archetype consistency");
    return QString::fromStdString(metric);
}

QString EvaluationTableModel::metricToolTip(const std::string& metric, std::size_t k)
{
    // The definitions of rec/Evaluation.h and rec/Metrics.h, in a user's words. Every ranking
    // metric is averaged over the evaluated users, against the 20% of their tracks held out.
    QString what;
    if (metric == "precision")
        what = tr("Share of the top %1 that are held-out tracks of the user.");
    else if (metric == "recall")
        what = tr("Share of the user's held-out tracks found in their top %1.");
    else if (metric == "ndcg")
        what = tr("Normalized discounted cumulative gain: hits near the top of the %1 count more; 1 "
                  "when the held-out tracks come first.");
    else if (metric == "hit_rate")
        what = tr("Share of users with at least one held-out track in their top %1.");
    else if (metric == "mrr")
        what = tr("Mean reciprocal rank: 1 / the rank of the first held-out track in the top %1 (0 "
                  "without one).");
    else if (metric == "map")
        what = tr("Mean average precision: the precision at each hit in the top %1, averaged.");
    else if (metric == "coverage")
        what = tr("Share of the catalog recommended to at least one user.");
    else if (metric == "gini")
        what = tr("Gini index of how often each track is recommended: 0 when every track equally "
                  "often, near 1 when a few tracks get every recommendation.");
    else if (metric == "novelty")
        what = tr("How unfamiliar the recommendations are: mean of -log2((listeners + 1) / (users + 1)) "
                  "over the recommended tracks.");
    else if (metric == "diversity")
        what = tr("How different each user's recommendations are from each other: mean pairwise 1 - "
                  "cosine of their standardized features.");
    else if (metric == "archetype_consistency")
        what = tr("Share of the recommended tracks that match the user's own archetype preferences.");
    else
        return QString::fromStdString(metric);
    if (what.contains(QStringLiteral("%1")))
        what = what.arg(k);
    return what + QStringLiteral("\n") +
           (lowerIsBetter(metric) ? tr("Lower is better.") : tr("Higher is better."));
}

bool EvaluationTableModel::lowerIsBetter(const std::string& metric)
{
    return metric == "gini";
}

QString EvaluationTableModel::formatValue(const std::string& metric, double value)
{
    // Novelty is in bits (around 1..10); the others are shares between 0 and 1.
    return QString::number(value, 'f', metric == "novelty" ? 2 : 3);
}

EvaluationTableModel::PerArchetype EvaluationTableModel::perArchetype(const rec::EvaluationResult& result,
                                                                      const std::string& metric,
                                                                      const std::vector<std::string>& order)
{
    PerArchetype out;
    if (result.methods.empty())
        return out;
    std::vector<std::string> names;
    for (const auto& [name, values] : result.methods.front().perArchetype)
        names.push_back(name);
    const auto rank = [&](const std::string& name) {
        return std::find(order.begin(), order.end(), name) - order.begin();
    };
    std::stable_sort(names.begin(), names.end(),
                     [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
    for (const std::string& name : names)
        out.archetypes << QString::fromStdString(name);
    for (const rec::MethodEvaluation& m : result.methods) {
        out.methods << methodLabel(m.method);
        QList<qreal>& row = out.values.emplace_back();
        for (const std::string& name : names) {
            const auto group = m.perArchetype.find(name);
            const rec::MetricValues* values = group == m.perArchetype.end() ? nullptr : &group->second;
            const auto it = values ? values->find(metric) : rec::MetricValues::const_iterator();
            row << (values && it != values->end() ? it->second : 0.0);
        }
    }
    return out;
}

} // namespace gdbm::ui
