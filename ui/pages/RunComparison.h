#pragma once

#include "project/TrainingRun.h"

#include <QTableWidget>
#include <vector>

namespace gdbm::ui {

// Runs side by side: one column per run, one row per setting (the model, its layers, every
// training setting) and result (how it ended, epochs, time, errors, scores). Rows whose value
// differs between the runs are bold and listed first, so the settings that explain a difference
// in the results are the first thing read.
class RunComparison : public QTableWidget
{
    Q_OBJECT

public:
    explicit RunComparison(QWidget* parent = nullptr);

    void setRuns(const std::vector<project::TrainingRun>& runs);
    // The names of the rows whose values differ between the runs shown, in table order.
    QStringList differingRows() const;

private:
    int m_differing = 0; // the first rows, bold
};

} // namespace gdbm::ui
