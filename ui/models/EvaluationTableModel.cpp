#include "models/EvaluationTableModel.h"

#include "rec/EvaluationCsv.h"
#include "rec/MethodTable.h"
#include "util/Format.h"
#include "util/Theme.h"

#include <QColor>
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
        // Ties (up to rounding noise in the last bits) are all best, unless every method ties:
        // a metric that cannot tell them apart (novelty of new tracks, which nobody heard) has
        // no best.
        int tied = 0, valued = 0;
        for (int r = 0; r < rowCount(); ++r) {
            const double v = value(r, c);
            const bool best_ =
                !std::isnan(best) && std::abs(v - best) <= 5e-7 * std::max(1.0, std::abs(best));
            m_best[std::size_t(c)][std::size_t(r)] = best_;
            tied += best_ ? 1 : 0;
            valued += std::isnan(v) ? 0 : 1;
        }
        if (valued > 1 && tied == valued)
            m_best[std::size_t(c)].assign(std::size_t(rowCount()), false);
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
    if (!m_result->methods[std::size_t(index.row())].ranked) {
        // The page spans this row's first cell across the table.
        if (role == Qt::DisplayRole && index.column() == 0)
            return unrankedText();
        if (role == Qt::ToolTipRole)
            return unrankedText();
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignCenter);
        if (role == Qt::ForegroundRole)
            return themeColor(ThemeColor::Muted);
        return {};
    }
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
    case Qt::ToolTipRole: {
        const rec::MethodEvaluation& method = m_result->methods[std::size_t(index.row())];
        const bool withError = metric == "ndcg" && std::isfinite(method.ndcgStandardError);
        return QStringLiteral("%1, %2: %3%4%5")
            .arg(methodLabel(method.method), metricLabel(metric, m_result->k), QString::number(v, 'g', 6),
                 withError ? tr(" \u00b1 %1 (standard error over %2)")
                                 .arg(method.ndcgStandardError, 0, 'f', 4)
                                 .arg(countOf(m_result->usersEvaluated, tr("user"), tr("users")))
                           : QString(),
                 isBest(index.row(), index.column()) ? tr(" (best)") : QString());
    }
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

QString EvaluationTableModel::unrankedText()
{
    return tr("Cannot rank new tracks: it learns from listening, and nobody has heard them yet");
}

QString EvaluationTableModel::methodLabel(const std::string& method)
{
    const auto m = rec::methodFromKey(method);
    return m ? fromStd(rec::methodInfo(*m).label) : QString::fromStdString(method);
}

QString EvaluationTableModel::methodToolTip(const std::string& method)
{
    const auto m = rec::methodFromKey(method);
    return m ? fromStd(rec::methodInfo(*m).description) + QLatin1Char('.') : QString::fromStdString(method);
}

QString EvaluationTableModel::metricLabel(const std::string& metric, std::size_t k)
{
    const auto m = rec::metricFromKey(metric);
    if (!m)
        return QString::fromStdString(metric);
    const rec::MetricInfo& info = rec::metricInfo(*m);
    return fromStd(info.label) + (info.atK ? QStringLiteral("@%1").arg(k) : QString());
}

QString EvaluationTableModel::metricToolTip(const std::string& metric, std::size_t k)
{
    // The plain sentence of the engine's metric table, then the direction.
    const auto m = rec::metricFromKey(metric);
    if (!m)
        return QString::fromStdString(metric);
    const rec::MetricInfo& info = rec::metricInfo(*m);
    QString what = fromStd(info.description);
    if (info.atK)
        what += tr(" (in each user's top %1)").arg(k);
    return what + QStringLiteral(".\n") +
           (lowerIsBetter(metric) ? tr("Lower is better.") : tr("Higher is better."));
}

bool EvaluationTableModel::lowerIsBetter(const std::string& metric)
{
    const auto m = rec::metricFromKey(metric);
    return m && !rec::metricInfo(*m).higherIsBetter;
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
    const auto first = std::find_if(result.methods.begin(), result.methods.end(),
                                    [](const rec::MethodEvaluation& m) { return m.ranked; });
    if (first == result.methods.end())
        return out;
    std::vector<std::string> names;
    for (const auto& [name, values] : first->perArchetype)
        names.push_back(name);
    const auto rank = [&](const std::string& name) {
        return std::find(order.begin(), order.end(), name) - order.begin();
    };
    std::stable_sort(names.begin(), names.end(),
                     [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
    for (const std::string& name : names)
        out.archetypes << QString::fromStdString(name);
    for (const rec::MethodEvaluation& m : result.methods) {
        if (!m.ranked)
            continue; // no values: a bar of 0 would read as a measurement
        out.methods << methodLabel(m.method);
        out.methodKeys.push_back(m.method);
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
