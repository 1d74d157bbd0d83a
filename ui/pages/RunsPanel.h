#pragma once

#include "AppState.h"

#include <QWidget>
#include <vector>

class QLabel;
class QPushButton;
class QTableView;

namespace gdbm::ui {

class RunComparison;
class RunListModel;
class RunOverlayChart;

// The Training page's Runs tab: every run the project keeps, in a list; select several to
// overlay their curves (one tab) and compare their settings and results side by side (another);
// make a finished run's model the current one (double-click, or Make current); delete runs
// (Delete).
class RunsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RunsPanel(AppState& state, QWidget* parent = nullptr);

    QTableView* list() const { return m_list; }
    RunOverlayChart* overlay() const { return m_overlay; }
    RunComparison* comparison() const { return m_comparison; }
    // The run numbers selected, in the order the runs started.
    std::vector<int> selectedRuns() const;
    void selectRuns(const std::vector<int>& numbers);

public Q_SLOTS:
    void makeCurrent();
    void deleteSelected();

private:
    void showRuns();
    void selectionChanged();

    AppState& m_state;
    RunListModel* m_model;
    QTableView* m_list;
    QPushButton* m_makeCurrent;
    QPushButton* m_delete;
    QLabel* m_hint;
    RunOverlayChart* m_overlay;
    RunComparison* m_comparison;
    std::vector<int> m_shownRuns; // the run numbers listed, to tell a new run from another list
};

} // namespace gdbm::ui
