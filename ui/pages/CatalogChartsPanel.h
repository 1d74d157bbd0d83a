#pragma once

#include <QWidget>
#include <cstddef>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;

namespace gdbm::ui {

class AppState;
class BarChart;

// The Data page's charts: a histogram of one feature (chosen in a list; one bar per value for
// the features with a handful of integer values) and the top genres by tracks, or a
// placeholder when no dataset is open.
class CatalogChartsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit CatalogChartsPanel(const AppState& state, QWidget* parent = nullptr);

    // Rebuilds the charts for the state's catalog; keeps the histogram's feature if it has it.
    // The histogram shows every track until setShownRows() narrows it.
    void showCatalog();
    // The tracks the Data table shows (its search, genre and year filters): the histogram counts
    // those. nullopt: every track.
    void setShownRows(std::optional<std::vector<std::size_t>> rows);

private:
    void updateHistogramFeatures();
    void updateHistogram();
    void updateTopGenres();

    const AppState& m_state;
    QComboBox* m_histogramFeature;
    BarChart* m_histogram;
    BarChart* m_topGenres;
    QLabel* m_chartsPlaceholder;
    std::optional<std::vector<std::size_t>> m_shownRows;
};

} // namespace gdbm::ui
