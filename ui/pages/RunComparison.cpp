#include "pages/RunComparison.h"

#include "models/RunListModel.h"
#include "util/Format.h"

#include <QHeaderView>
#include <QLocale>
#include <cmath>
#include <functional>

namespace gdbm::ui {
namespace {

using Value = std::function<QString(const project::TrainingRun&)>;

struct Row
{
    const char* name;
    Value value;
};

QString number(double v)
{
    return std::isnan(v) ? QStringLiteral("-") : QString::number(v, 'g', 6);
}

// The run's own NDCG in the evaluation's first split, "-" without.
QString ndcg(const project::TrainingRun& run, rec::Protocol protocol)
{
    const double v = project::runNdcg(run, protocol);
    return std::isnan(v) ? QStringLiteral("-") : number(v) + unusualTopK(run, protocol);
}

// "0.2486 ± 0.0014 (5 splits)": an NDCG over the splits of a repeated evaluation, "-" without.
QString overSplits(const project::TrainingRun& run, rec::Protocol protocol)
{
    const std::optional<rec::SplitStatistic> s = project::runNdcgAcrossSplits(run, protocol);
    if (!s)
        return QStringLiteral("-");
    return RunComparison::tr("%1 \u00b1 %2 (%3 splits)")
               .arg(s->mean, 0, 'f', 4)
               .arg(s->standardError, 0, 'f', 4)
               .arg(s->splits) +
           unusualTopK(run, protocol);
}

QString sizes(const std::vector<std::size_t>& layers)
{
    QStringList parts;
    for (std::size_t n : layers)
        parts << QString::number(n);
    return parts.join("-");
}

QString yesNo(bool on)
{
    return on ? RunComparison::tr("on") : RunComparison::tr("off");
}

// The layers a run trains: the audio-only stack, or each pathway's and the joint layer. A trained
// hybrid's own shape, where the tag pathway's width followed its vocabulary.
QString layersOf(const project::TrainingRun& run)
{
    if (run.audioOnly())
        return sizes(run.params.layers);
    const model::HybridParams& hybrid = run.model ? run.model->hybrid : run.hybrid;
    QStringList parts;
    for (model::Modality m : hybrid.modalities) {
        const bool followsTags = m == model::Modality::Tags && hybrid.tagUnitsFollowVocabulary && !run.model;
        parts << fromStd(model::modalityKey(m)) + " " +
                     (followsTags ? RunComparison::tr("automatic") : sizes(hybrid.pathwayLayers(m)));
    }
    return parts.join(", ") + RunComparison::tr("; joint %1").arg(hybrid.jointUnits);
}

// The recipe the run trained with (a hybrid's overrides applied), so that the table shows what
// the model really learned with. A cancelled run has no model: its curve says how many epochs
// each layer was to pretrain (a hybrid's, within its update limit).
model::TrainingParams recipe(const project::TrainingRun& run)
{
    if (run.audioOnly())
        return run.params;
    if (run.model)
        return run.model->trainedRecipe();
    model::TrainingParams p = model::hybridRecipe(run.params, run.hybrid, 0);
    if (!run.curves.empty() && run.curves.front().phase == model::Phase::Pretraining)
        p.pretrainEpochs = run.curves.front().epochs;
    return p;
}

const std::vector<Row>& rows()
{
    using R = const project::TrainingRun&;
    static const std::vector<Row> table = {
        {QT_TRANSLATE_NOOP("RunComparison", "Model"), [](R r) { return fromStd(r.modelDescription()); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Hidden layers"), [](R r) { return layersOf(r); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Pretraining epochs"),
         [](R r) { return QString::number(recipe(r).pretrainEpochs); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Pretraining update limit"),
         [](R r) {
             if (r.audioOnly() || r.hybrid.maxPretrainUpdates == 0)
                 return RunComparison::tr("none");
             return QLocale().toString(qulonglong(r.hybrid.maxPretrainUpdates));
         }},
        {QT_TRANSLATE_NOOP("RunComparison", "Fine-tuning epochs"),
         [](R r) { return QString::number(recipe(r).finetuneEpochs); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Batch size"),
         [](R r) { return QString::number(r.params.batchSize); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Learning rate, layer 1"),
         [](R r) { return number(recipe(r).pretrainLearningRate); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Learning rate, layers 2+"),
         [](R r) { return number(recipe(r).pretrainHiddenLearningRate); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Momentum"),
         [](R r) {
             return number(recipe(r).pretrainMomentumStart) + " / " + number(recipe(r).pretrainMomentum);
         }},
        {QT_TRANSLATE_NOOP("RunComparison", "CD steps"),
         [](R r) { return QString::number(r.params.cdSteps); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Weight doubling"),
         [](R r) { return yesNo(recipe(r).weightDoubling); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Fine-tuning learning rate"),
         [](R r) { return number(r.params.finetuneLearningRate); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Mean-field iterations"),
         [](R r) { return QString::number(r.params.meanFieldIterations); }},
        // The audio-only model embeds with the recipe's iterations, the hybrid with its own.
        {QT_TRANSLATE_NOOP("RunComparison", "Embedding iterations"),
         [](R r) {
             return QString::number(r.audioOnly() ? r.params.meanFieldIterations
                                                  : r.hybrid.embeddingIterations);
         }},
        {QT_TRANSLATE_NOOP("RunComparison", "Gibbs steps"),
         [](R r) { return QString::number(r.params.gibbsSteps); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Chains"),
         [](R r) {
             return r.params.chains == model::ChainMode::Persistent ? RunComparison::tr("persistent")
                                                                    : RunComparison::tr("restarted");
         }},
        {QT_TRANSLATE_NOOP("RunComparison", "Early stopping"),
         [](R r) {
             return r.params.earlyStopping ? RunComparison::tr("after %1 epochs").arg(r.params.patience)
                                           : yesNo(false);
         }},
        {QT_TRANSLATE_NOOP("RunComparison", "Validation share"),
         [](R r) { return number(r.params.validationShare); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Seed"), [](R r) { return QString::number(r.params.seed); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Started"), [](R r) { return fromStd(r.started); }},
        {QT_TRANSLATE_NOOP("RunComparison", "End"),
         [](R r) { return r.finished() ? RunComparison::tr("finished") : RunComparison::tr("cancelled"); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Epochs trained"),
         [](R r) { return QString::number(r.epochsDone()); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Time (s)"),
         [](R r) { return QString::number(r.seconds, 'f', 1); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Kept epoch"),
         [](R r) { return r.model ? QString::number(r.model->keptEpoch) : QStringLiteral("-"); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Train error"), [](R r) { return number(r.finalTrainError()); }},
        {QT_TRANSLATE_NOOP("RunComparison", "Validation error"),
         [](R r) { return number(r.finalValidationError()); }},
        // NDCG of the top 10, or of the top K the evaluation was set to (then said with the value).
        {QT_TRANSLATE_NOOP("RunComparison", "NDCG@10, returning listeners"),
         [](R r) { return ndcg(r, rec::Protocol::Warm); }},
        {QT_TRANSLATE_NOOP("RunComparison", "NDCG@10, new tracks"),
         [](R r) { return ndcg(r, rec::Protocol::NewTracks); }},
        // The two rows above are the first split's, as the Evaluation page's table.
        {QT_TRANSLATE_NOOP("RunComparison", "NDCG@10 over the splits, returning listeners"),
         [](R r) { return overSplits(r, rec::Protocol::Warm); }},
        {QT_TRANSLATE_NOOP("RunComparison", "NDCG@10 over the splits, new tracks"),
         [](R r) { return overSplits(r, rec::Protocol::NewTracks); }},
    };
    return table;
}

} // namespace

RunComparison::RunComparison(QWidget* parent) : QTableWidget(parent)
{
    setObjectName("runsComparison");
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setTabKeyNavigation(false);
    setAlternatingRowColors(true);
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setRuns({});
}

void RunComparison::setRuns(const std::vector<project::TrainingRun>& runs)
{
    clear();
    // Nothing to compare: no rows either. Filling the table's ~30 row names took 10 ms of the GUI
    // thread, twice when a training run ends (the runs and the model change).
    if (runs.empty()) {
        setRowCount(0);
        setColumnCount(0);
        m_differing = 0;
        return;
    }
    setColumnCount(int(runs.size()));
    QStringList headers;
    for (const project::TrainingRun& run : runs)
        headers << tr("Run %1").arg(run.number);
    setHorizontalHeaderLabels(headers);
    // Differing rows first, each group in the table's order.
    std::vector<std::pair<const Row*, QStringList>> differing, same;
    for (const Row& row : rows()) {
        QStringList cells;
        for (const project::TrainingRun& run : runs)
            cells << row.value(run);
        QStringList distinct = cells;
        distinct.removeDuplicates();
        (distinct.size() > 1 ? differing : same).emplace_back(&row, cells);
    }
    setRowCount(int(differing.size() + same.size()));
    QStringList names;
    int r = 0;
    QFont bold = font();
    bold.setBold(true);
    for (const auto* group : {&differing, &same}) {
        for (const auto& [row, cells] : *group) {
            names << tr(row->name);
            for (int c = 0; c < cells.size(); ++c) {
                auto* item = new QTableWidgetItem(cells[c]);
                if (group == &differing)
                    item->setFont(bold);
                setItem(r, c, item);
            }
            ++r;
        }
    }
    setVerticalHeaderLabels(names);
    for (int i = 0; i < int(differing.size()); ++i) {
        if (QTableWidgetItem* header = verticalHeaderItem(i)) {
            header->setFont(bold);
            header->setToolTip(tr("Differs between the runs"));
        }
    }
    m_differing = int(differing.size());
}

QStringList RunComparison::differingRows() const
{
    QStringList names;
    for (int i = 0; i < m_differing && i < rowCount(); ++i)
        names << verticalHeaderItem(i)->text();
    return names;
}

} // namespace gdbm::ui
