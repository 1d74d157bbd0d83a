#include "pages/RunsPanel.h"

#include "charts/RunOverlayChart.h"
#include "models/RunListModel.h"
#include "pages/RunComparison.h"
#include "util/Format.h"
#include "util/MessageBox.h"
#include "util/RememberedSplitter.h"

#include <QAction>
#include <QBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <algorithm>

namespace gdbm::ui {

RunsPanel::RunsPanel(AppState& state, QWidget* parent)
    : QWidget(parent), m_state(state), m_model(new RunListModel(this)), m_list(new QTableView),
      m_makeCurrent(new QPushButton(tr("&Make current"))), m_delete(new QPushButton(tr("&Delete runs"))),
      m_hint(new QLabel), m_overlay(new RunOverlayChart), m_comparison(new RunComparison)
{
    setObjectName("runsPanel");
    m_list->setObjectName("runsList");
    m_list->setModel(m_model);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setTabKeyNavigation(false);
    m_list->setAlternatingRowColors(true);
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->setToolTip(tr("Select several runs (Ctrl or Shift + click) to compare them below"));
    m_makeCurrent->setObjectName("runsMakeCurrent");
    m_makeCurrent->setToolTip(tr("Use the selected run's model as the current model (double-click does "
                                 "the same)"));
    m_delete->setObjectName("runsDelete");
    m_delete->setToolTip(tr("Remove the selected runs, their curves and models, from the project (Delete)"));
    auto* deleteKey = new QAction(this);
    deleteKey->setShortcut(QKeySequence::Delete);
    deleteKey->setShortcutContext(Qt::WidgetShortcut);
    m_list->addAction(deleteKey);
    connect(deleteKey, &QAction::triggered, this, &RunsPanel::deleteSelected);
    m_hint->setObjectName("runsHint");
    m_hint->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_hint, 1);
    buttons->addWidget(m_makeCurrent);
    buttons->addWidget(m_delete);
    auto* top = new QWidget;
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_list, 1);
    topLayout->addLayout(buttons);
    // The curves and the settings each take the whole width, on two tabs.
    auto* compare = new QTabWidget;
    compare->setObjectName("runsCompareTabs");
    compare->addTab(m_overlay, tr("Curves"));
    compare->addTab(m_comparison, tr("Settings and results"));
    auto* split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("runsSplitter"));
    split->addWidget(top);
    split->addWidget(compare);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    rememberSplitterSizes(split);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_makeCurrent, &QPushButton::clicked, this, &RunsPanel::makeCurrent);
    connect(m_delete, &QPushButton::clicked, this, &RunsPanel::deleteSelected);
    connect(m_list, &QTableView::doubleClicked, this, &RunsPanel::makeCurrent);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunsPanel::selectionChanged);
    connect(&m_state, &AppState::runsChanged, this, &RunsPanel::showRuns);
    connect(&m_state, &AppState::modelChanged, this, &RunsPanel::showRuns);
    showRuns();
}

std::vector<int> RunsPanel::selectedRuns() const
{
    std::vector<int> numbers;
    for (const QModelIndex& index : m_list->selectionModel()->selectedRows())
        numbers.push_back(m_model->data(index, RunListModel::kNumberRole).toInt());
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

void RunsPanel::selectRuns(const std::vector<int>& numbers)
{
    QItemSelection selection;
    for (int number : numbers) {
        const int row = m_model->rowOf(number);
        if (row >= 0)
            selection.select(m_model->index(row, 0), m_model->index(row, m_model->columnCount() - 1));
    }
    m_list->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void RunsPanel::showRuns()
{
    const std::vector<int> selected = selectedRuns();
    std::vector<int> numbers;
    for (const project::TrainingRun& run : m_state.runs())
        numbers.push_back(run.number);
    {
        const QSignalBlocker blocker(m_list->selectionModel());
        m_model->setRuns(m_state.runs(), m_state.currentRun());
        // A run that just ended joins the selection, so that it shows against the ones chosen
        // (another project's runs replace the list and the selection goes).
        std::vector<int> keep = selected;
        const bool oneMore = numbers.size() == m_shownRuns.size() + 1 &&
                             std::equal(m_shownRuns.begin(), m_shownRuns.end(), numbers.begin());
        if (oneMore && !selected.empty())
            keep.push_back(numbers.back());
        else if (!oneMore && numbers != m_shownRuns)
            keep = {};
        selectRuns(keep);
    }
    m_shownRuns = numbers;
    selectionChanged();
}

void RunsPanel::selectionChanged()
{
    std::vector<project::TrainingRun> runs;
    for (int number : selectedRuns()) {
        if (const project::TrainingRun* run = m_state.findRun(number))
            runs.push_back(*run);
    }
    m_overlay->setRuns(runs);
    m_comparison->setRuns(runs);
    const bool one = runs.size() == 1;
    m_makeCurrent->setEnabled(one && runs.front().model && runs.front().number != m_state.currentRun());
    m_delete->setEnabled(!runs.empty());
    if (m_state.runs().empty())
        m_hint->setText(tr("Every training run is kept here, finished or cancelled, with its settings, "
                           "curves and scores."));
    else if (runs.empty())
        m_hint->setText(tr("Select runs to compare their curves and settings."));
    else if (one && !runs.front().model)
        m_hint->setText(tr("A cancelled run has no model to make current."));
    else
        m_hint->setText(countOf(runs.size(), tr("run selected"), tr("runs selected")));
}

void RunsPanel::makeCurrent()
{
    const std::vector<int> selected = selectedRuns();
    if (selected.size() != 1)
        return;
    const project::TrainingRun* run = m_state.findRun(selected.front());
    if (!run || !run->model)
        return;
    m_state.makeRunCurrent(run->number);
}

void RunsPanel::deleteSelected()
{
    const std::vector<int> selected = selectedRuns();
    if (selected.empty())
        return;
    const bool current = std::count(selected.begin(), selected.end(), m_state.currentRun()) > 0;
    const QString text = tr("Delete %1 from the project? Their curves, settings and models are removed.")
                             .arg(countOf(selected.size(), tr("run"), tr("runs"))) +
                         (current ? tr(" The current model stays in use.") : QString());
    if (MessageBox::question(this, tr("Delete runs"), text, QMessageBox::Yes | QMessageBox::No,
                             QMessageBox::No) != QMessageBox::Yes)
        return;
    m_state.deleteRuns(selected);
}

} // namespace gdbm::ui
