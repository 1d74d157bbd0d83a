#include "models/RunListModel.h"

#include "models/ColumnAlignment.h"
#include "util/Format.h"

#include <QFont>
#include <cmath>

namespace gdbm::ui {
namespace {

QString error(double value)
{
    return std::isnan(value) ? QStringLiteral("-") : QString::number(value, 'f', 4);
}

QString seconds(double s)
{
    return s < 60 ? QString::number(s, 'f', 1) + " s"
                  : QString("%1 min %2 s").arg(int(s) / 60).arg(int(s) % 60, 2, 10, QChar('0'));
}

} // namespace

QString unusualTopK(const project::TrainingRun& run, rec::Protocol protocol)
{
    const std::size_t k = project::runEvaluatedK(run, protocol);
    return k == 0 || k == 10 ? QString() : RunListModel::tr(" (top %1)").arg(k);
}

RunListModel::RunListModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunListModel::setRuns(const std::vector<project::TrainingRun>& runs, int currentRun)
{
    beginResetModel();
    m_runs = runs;
    m_currentRun = currentRun;
    endResetModel();
}

int RunListModel::rowOf(int number) const
{
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        if (m_runs[i].number == number)
            return int(i);
    }
    return -1;
}

int RunListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const project::TrainingRun& run = m_runs[std::size_t(index.row())];
    const bool current = run.number == m_currentRun;
    if (role == kNumberRole)
        return run.number;
    if (role == Qt::FontRole && current) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole)
        return columnAlignment(index.column() >= Epochs);
    if (role == Qt::ToolTipRole && index.column() == Number)
        return current ? tr("The current model comes from this run") : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Number:
        return current ? tr("%1 (current)").arg(run.number) : QString::number(run.number);
    case Started:
        return fromStd(run.started);
    case Model:
        return fromStd(run.modelDescription());
    case End:
        return run.finished() ? tr("finished") : tr("cancelled");
    case Epochs:
        return thousands(std::size_t(run.epochsDone()));
    case Time:
        return seconds(run.seconds);
    case TrainError:
        return error(run.finalTrainError());
    case ValidationError:
        return error(run.finalValidationError());
    case NdcgReturning:
    case NdcgNew: {
        const rec::Protocol protocol =
            Column(index.column()) == NdcgReturning ? rec::Protocol::Warm : rec::Protocol::NewTracks;
        const double ndcg = project::runNdcg(run, protocol);
        return error(ndcg) + (std::isnan(ndcg) ? QString() : unusualTopK(run, protocol));
    }
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case Epochs:
            return tr("Epochs trained, every layer's pretraining and the fine-tuning together (the "
                      "progress line counts each layer's)");
        case TrainError:
        case ValidationError:
            return tr("The reconstruction error the run ended with, as its chart shows it: the fine-tuning "
                      "epoch it kept, else its last epoch (relative to the input's variance: 1.0 is no "
                      "better than the mean)");
        case NdcgReturning:
        case NdcgNew:
            return tr(
                "How well the run's model ranked the held-out songs (NDCG@10, or of the top K the "
                "evaluation was set to, said in brackets), when an evaluation ran on it; '-' otherwise");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    static const char* const names[] = {QT_TR_NOOP("Run"),
                                        QT_TR_NOOP("Started"),
                                        QT_TR_NOOP("Model"),
                                        QT_TR_NOOP("End"),
                                        QT_TR_NOOP("Epochs"),
                                        QT_TR_NOOP("Time"),
                                        QT_TR_NOOP("Train error"),
                                        QT_TR_NOOP("Validation error"),
                                        QT_TR_NOOP("NDCG returning"),
                                        QT_TR_NOOP("NDCG new tracks")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace gdbm::ui
