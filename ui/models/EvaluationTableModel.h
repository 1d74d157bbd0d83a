#pragma once

#include "rec/Evaluation.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>
#include <memory>
#include <string>
#include <vector>

namespace gdbm::ui {

// An evaluation as a read-only table: one row per method (the vertical header names it:
// "DBM, top layer" .. "Random"), one column per metric in rec::metricOrder() ("Precision@10"
// .. "Archetype consistency", with "@10" on a second header line), header tooltips saying what
// each metric means and which way is better. The best value of each column is bold (the lowest for Gini, the
// highest otherwise; ties all bold). Display text has 3 decimals (novelty 2); kValueRole gives the double.
// A method that did not rank (rec::MethodEvaluation::ranked false) shows unrankedText() in its
// first cell and nothing else.
// Ensures: data() is O(1); setResult() resets the model; a null result is an empty table.
class EvaluationTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int kValueRole = Qt::UserRole + 1;

    explicit EvaluationTableModel(QObject* parent = nullptr);

    void setResult(std::shared_ptr<const rec::EvaluationResult> result);
    const std::shared_ptr<const rec::EvaluationResult>& result() const { return m_result; }
    const std::string& metric(int column) const { return m_metrics[std::size_t(column)]; }
    bool isBest(int row, int column) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Readable names and explanations, shared with the chart's metric choice.
    static QString methodLabel(const std::string& method);
    static QString methodToolTip(const std::string& method);
    static QString metricLabel(const std::string& metric, std::size_t k);
    static QString metricToolTip(const std::string& metric, std::size_t k);
    static bool lowerIsBetter(const std::string& metric);
    static QString formatValue(const std::string& metric, double value);
    // What the row of a method that cannot rank the protocol's tracks says.
    static QString unrankedText();

    // One metric for every method and archetype, for a grouped bar chart: archetypes in the
    // order of `order` (a simulation's archetype names), those not in it after, by name;
    // values[method][archetype], 0 where the result has no value.
    struct PerArchetype
    {
        QStringList archetypes;
        QStringList methods;                 // readable names
        std::vector<std::string> methodKeys; // methodTable()'s keys, in the same order
        QList<QList<qreal>> values;
    };
    static PerArchetype perArchetype(const rec::EvaluationResult& result, const std::string& metric,
                                     const std::vector<std::string>& order);

private:
    double value(int row, int column) const;

    std::shared_ptr<const rec::EvaluationResult> m_result;
    std::vector<std::string> m_metrics;
    std::vector<std::vector<bool>> m_best; // [column][row]
};

} // namespace gdbm::ui
