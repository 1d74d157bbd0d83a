#pragma once

#include "project/TrainingRun.h"

#include <QWidget>
#include <vector>

class QChart;
class QChartView;
class QComboBox;
class QLabel;

namespace gdbm::ui {

// Several training runs' curves on one chart, to compare them: one stage at a time (a layer's
// pretraining or fine-tuning, chosen in a combo box), one colour per run, training songs solid
// and validation songs dashed. Runs that have no epoch of the stage are left out (and said so).
class RunOverlayChart : public QWidget
{
    Q_OBJECT

public:
    explicit RunOverlayChart(QWidget* parent = nullptr);

    void setRuns(const std::vector<project::TrainingRun>& runs);
    // The stages offered: "Pretraining, layer 1", ..., "Fine-tuning".
    QStringList stages() const;
    void setStage(int index);
    int lineCount() const; // curves drawn (training and validation per run)

private:
    struct Stage
    {
        model::Phase phase;
        std::size_t layer;
    };
    void redraw();

    std::vector<project::TrainingRun> m_runs;
    std::vector<Stage> m_stages;
    QComboBox* m_stage;
    QChart* m_chart;
    QChartView* m_view;
    QLabel* m_note;
};

} // namespace gdbm::ui
