#pragma once

#include "AppState.h"

#include <QWidget>
#include <vector>

class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QSpinBox;
class QTableView;
class QTimer;

namespace gdbm::ui {

class CatalogChartsPanel;
class CatalogFilterModel;
class CatalogTableModel;
class LoadSummaryBox;

// The Data page: what was loaded (LoadSummaryBox), the tracks in a sortable, filterable table,
// a histogram of one feature and the top genres (CatalogChartsPanel), and the common/niche
// genre thresholds, which it edits live through AppState (GenreThresholdBox).
// Follows AppState::catalogChanged (everything is rebuilt); only the threshold box follows
// genreStatsChanged (the table is never rebuilt for a threshold change).
class DataPage : public QWidget
{
    Q_OBJECT

public:
    explicit DataPage(AppState& state, QWidget* parent = nullptr);
    ~DataPage() override;

    CatalogTableModel* tableModel() const { return m_model; }
    CatalogFilterModel* filterModel() const { return m_filter; }

private:
    // The page's parts, built once by the constructor; then every connection in one place.
    QLayout* buildTopRow();         // the dataset's summary and the genre thresholds
    QWidget* buildTableAndCharts(); // the filter row and the table, beside (or over) the charts
    QWidget* buildFilterRow();
    void connectSignals();
    void showNextStep(); // the first-run hint, until the first simulation

    void onCatalogChanged();
    void updateGenreCombo();
    void updateYearRange();
    void updateCount();
    void setColumnWidths();
    void applyFilters();

    AppState& m_state;
    CatalogTableModel* m_model;
    CatalogFilterModel* m_filter;
    QTimer* m_filterTimer;
    std::pair<int, int> m_yearBounds{0, 0}; // the catalog's known years; {0, 0} when none

    LoadSummaryBox* m_summary;
    CatalogChartsPanel* m_charts;

    QLineEdit* m_search;
    QComboBox* m_genreCombo;
    QSpinBox* m_yearFrom;
    QSpinBox* m_yearTo;
    QLabel* m_countLabel;
    QLabel* m_nextStep; // the first-run hint, until a simulation exists
    QTableView* m_table;
};

} // namespace gdbm::ui
