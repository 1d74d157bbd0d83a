#pragma once

#include <QWidget>

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
    void showCatalog();

private:
    void updateHistogramFeatures();
    void updateHistogram();
    void updateTopGenres();

    const AppState& m_state;
    QComboBox* m_histogramFeature;
    BarChart* m_histogram;
    BarChart* m_topGenres;
    QLabel* m_chartsPlaceholder;
};

} // namespace gdbm::ui
