#pragma once

#include "project/TrainingRun.h"

#include <QAbstractTableModel>
#include <QString>
#include <vector>

namespace gdbm::ui {

// The training runs as a read-only table, one row per run in the order they started: its
// number (the current model's run bold, marked "current"), start, model, how it ended, epochs,
// time, final training and validation errors, and NDCG@10 of its evaluation in each protocol.
// kNumberRole gives a row's run number.
// " (top 20)" after a run's NDCG from an evaluation of another top K than the usual 10; empty
// otherwise (the runs list and the comparison label their columns NDCG@10).
QString unusualTopK(const project::TrainingRun& run, rec::Protocol protocol);

class RunListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int kNumberRole = Qt::UserRole + 1;
    enum Column {
        Number,
        Started,
        Model,
        End,
        Epochs,
        Time,
        TrainError,
        ValidationError,
        NdcgReturning,
        NdcgNew,
        ColumnCount
    };

    explicit RunListModel(QObject* parent = nullptr);

    void setRuns(const std::vector<project::TrainingRun>& runs, int currentRun);
    const project::TrainingRun& run(int row) const { return m_runs[std::size_t(row)]; }
    int rowOf(int number) const; // -1: no such run

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<project::TrainingRun> m_runs;
    int m_currentRun = 0;
};

} // namespace gdbm::ui
