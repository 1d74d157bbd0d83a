#pragma once

#include "AppState.h"

#include <QWidget>
#include <memory>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QLayout;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace gdbm::ui {

class EvaluationTableModel;
class GroupedBarChart;
class JobRunner;

// The Evaluation page: the DBM's recommendations against baselines on both protocols of
// rec::protocolTable() (returning listeners, new tracks). K and the holdout seed (remembered);
// Run (a job, with progress and Cancel) compares the methods of rec::methodTable() on each
// protocol; the result, which the state keeps, shows one protocol at a time (a switch,
// remembered) as a methods x metrics table (best value per metric in bold; a method that cannot
// rank the protocol's tracks says so across its row) and a per-archetype bar chart of one
// metric; export the shown protocol as CSV (rec::saveEvaluationCsv) and the chart as PNG. Until there is a
// simulation and a model, the page says which is missing; a banner says when either changed
// since the evaluation shown (one set by a project counts as current when it arrives).
class EvaluationPage : public QWidget
{
    Q_OBJECT

public:
    explicit EvaluationPage(AppState& state, QWidget* parent = nullptr);

    JobRunner* jobs() const { return m_jobs; }
    QAbstractItemModel* tableModel() const;
    QTableView* table() const { return m_table; }
    // The protocol shown (the switch's choice), and its result in the state's evaluation.
    rec::Protocol protocol() const;
    std::shared_ptr<const rec::EvaluationResult> shownResult() const;
    GroupedBarChart* chart() const { return m_chart; }

public Q_SLOTS:
    void run();
    void cancel();
    void exportCsv();
    void exportChart();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    // On a narrow page (a 1024-pixel screen) the method names are cut to fit, whole in their
    // tooltips, and the metric names take a smaller font, so that every column stays in view.
    void fitColumns();
    // The page's parts, built once by the constructor; then every connection in one place.
    QLayout* buildControls();   // K, seed, run, cancel, progress, export
    QLayout* buildSummaryRow(); // the protocol shown and what it held out
    QWidget* buildTable();
    QWidget* buildChartPanel(); // the per-archetype chart, its metric and export
    void connectSignals();
    void evaluationChanged();
    void showEvaluation();
    void updateChart();
    void updateBanner();
    void setRunning(bool running);
    void fitTableHeight();

    AppState& m_state;
    JobRunner* m_jobs;

    QSpinBox* m_k;
    QSpinBox* m_splits;
    QSpinBox* m_seed;
    QComboBox* m_protocol;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_exportCsv;
    QPushButton* m_exportChart;
    QProgressBar* m_progress;
    QLabel* m_banner;
    QLabel* m_summary;
    EvaluationTableModel* m_model;
    QTableView* m_table;
    QComboBox* m_metric;
    GroupedBarChart* m_chart;
    QWidget* m_chartPanel;
};

} // namespace gdbm::ui
