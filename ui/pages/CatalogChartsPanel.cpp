#include "pages/CatalogChartsPanel.h"

#include "AppState.h"
#include "charts/BarChart.h"
#include "util/Format.h"
#include "util/LabelStyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace gdbm::ui {
namespace {

using data::Feature;

constexpr int kHistogramBins = 20;
constexpr int kTopGenres = 15;

// Features with a handful of integer values get one bar per value instead of 20 bins.
bool isDiscrete(Feature f)
{
    return f == Feature::Key || f == Feature::Mode || f == Feature::TimeSignature;
}

QString topGenresTitle(int count)
{
    return count > 0 ? CatalogChartsPanel::tr("Top %1 genres by tracks").arg(count)
                     : CatalogChartsPanel::tr("Top genres by tracks");
}

} // namespace

CatalogChartsPanel::CatalogChartsPanel(const AppState& state, QWidget* parent)
    : QWidget(parent), m_state(state)
{
    m_histogramFeature = new QComboBox;
    m_histogramFeature->setObjectName("histogramFeature");
    m_histogramFeature->setToolTip(tr("The feature whose distribution the histogram shows"));
    connect(m_histogramFeature, &QComboBox::currentIndexChanged, this, &CatalogChartsPanel::updateHistogram);
    m_histogram = new BarChart(QString());
    m_histogram->setObjectName("featureHistogram");
    m_histogram->setValueAxisTitle(tr("Tracks"));
    m_histogram->setCategoryLabelStyle(8, -90); // 20 numeric bin labels fit upright

    m_topGenres = new BarChart(topGenresTitle(0));
    m_topGenres->setObjectName("topGenresChart");
    m_topGenres->setHorizontal(true);
    m_topGenres->setColor(QColor(0x4f, 0x8a, 0x5b));
    m_topGenres->setCategoryLabelStyle(8, 0);
    // A genre bar without its name says nothing: in a short window, fewer genres, all named.
    m_topGenres->setShowsLastThatFit(true);
    connect(m_topGenres, &BarChart::shownCountChanged, this,
            [this](int count) { m_topGenres->setTitle(topGenresTitle(count)); });

    auto* pick = new QHBoxLayout;
    pick->addWidget(new QLabel(tr("Histogram of")));
    pick->addWidget(m_histogramFeature);
    pick->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 0, 0);
    layout->addLayout(pick);
    layout->addWidget(m_histogram, 4);
    layout->addWidget(m_topGenres, 6);
    m_chartsPlaceholder = new QLabel(tr("The charts appear when a dataset is open."));
    m_chartsPlaceholder->setAlignment(Qt::AlignCenter);
    makeSecondary(m_chartsPlaceholder);
    layout->addWidget(m_chartsPlaceholder, 10);
}

void CatalogChartsPanel::showCatalog()
{
    updateHistogramFeatures();
    updateTopGenres();
    const bool empty = !m_state.catalog();
    m_histogram->setVisible(!empty);
    m_topGenres->setVisible(!empty);
    m_chartsPlaceholder->setVisible(empty);
    m_histogramFeature->setEnabled(!empty);
}

void CatalogChartsPanel::updateHistogramFeatures()
{
    const QVariant previous = m_histogramFeature->currentData();
    {
        const QSignalBlocker blocker(m_histogramFeature);
        m_histogramFeature->clear();
        if (const auto& catalog = m_state.catalog()) {
            for (Feature f : catalog->featureList()) {
                const QString name =
                    f == Feature::DurationMs ? tr("Track Duration (min)") : fromStd(data::featureName(f));
                m_histogramFeature->addItem(name, int(data::index(f)));
            }
        }
        const int keep = m_histogramFeature->findData(previous);
        const int energy = m_histogramFeature->findData(int(data::index(Feature::Energy)));
        m_histogramFeature->setCurrentIndex(keep >= 0 ? keep : std::max(energy, 0));
    }
    updateHistogram();
}

void CatalogChartsPanel::setShownRows(std::optional<std::vector<std::size_t>> rows)
{
    if (rows == m_shownRows)
        return;
    m_shownRows = std::move(rows);
    updateHistogram();
}

void CatalogChartsPanel::updateHistogram()
{
    const auto& catalog = m_state.catalog();
    const QVariant chosen = m_histogramFeature->currentData();
    if (!catalog || !chosen.isValid()) {
        m_histogram->setTitle(tr("Histogram"));
        m_histogram->setBars({}, {});
        return;
    }
    const auto feature = static_cast<Feature>(chosen.toInt());
    const double scale = feature == Feature::DurationMs ? 1.0 / 60000.0 : 1.0; // ms -> minutes
    std::vector<double> values;
    values.reserve(catalog->size());
    double lo = INFINITY;
    double hi = -INFINITY;
    const std::size_t count = m_shownRows ? m_shownRows->size() : catalog->size();
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t i = m_shownRows ? (*m_shownRows)[k] : k;
        const double v = catalog->feature(i, feature) * scale;
        if (std::isnan(v))
            continue;
        values.push_back(v);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    m_histogram->setTitle(m_shownRows ? tr("Distribution of %1 (the %2 shown)")
                                            .arg(m_histogramFeature->currentText(),
                                                 countOf(m_shownRows->size(), tr("track"), tr("tracks")))
                                      : tr("Distribution of %1").arg(m_histogramFeature->currentText()));
    if (values.empty()) {
        m_histogram->setBars({}, {});
        return;
    }
    if (isDiscrete(feature)) {
        const int first = int(std::lround(lo));
        const int bins = std::clamp(int(std::lround(hi)) - first + 1, 1, 64);
        Histogram h = makeHistogram(values, bins, first - 0.5, first + bins - 0.5);
        for (int b = 0; b < bins; ++b)
            h.labels[b] = QString::number(first + b);
        m_histogram->setBars(h.labels, h.counts);
    } else {
        const Histogram h = makeHistogram(values, kHistogramBins, lo, hi);
        m_histogram->setBars(h.labels, h.counts);
    }
    // Twenty bin labels only fit the width standing upright.
}

void CatalogChartsPanel::updateTopGenres()
{
    QStringList names;
    QList<qreal> counts;
    if (const auto& catalog = m_state.catalog()) {
        const auto& byCount = m_state.genreStats().byCount;
        const int n = std::min<int>(kTopGenres, int(byCount.size()));
        for (int i = n - 1; i >= 0; --i) { // horizontal bars run bottom-up: largest last
            names << fromStd(catalog->genreName(byCount[std::size_t(i)].genre));
            counts << qreal(byCount[std::size_t(i)].tracks);
        }
    }
    m_topGenres->setBars(names, counts); // its title follows from shownCountChanged
}

} // namespace gdbm::ui
