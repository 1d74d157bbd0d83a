#pragma once

#include "core/Types.h"
#include "data/Catalog.h"

#include <QPointF>
#include <QString>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

class QChart;
class QChartView;
class QLineSeries;
class QScatterSeries;
class QValueAxis;
class QXYSeries;

namespace gdbm::ui {

// A scatter map of the catalog in two dimensions (the embeddings' two leading principal
// components): every track as a small light grey point, one user's history and their
// recommendations highlighted on top. Hovering a point names its track ("track — artist").
// One of the few classes that use Qt Charts (deprecated after Qt 6.10: one place to replace).
// Ensures: at most kMaxBackgroundPoints grey points are drawn (an evenly spaced subset of a
// larger catalog, which the legend says), so that a 100,000-track catalog stays responsive;
// highlights are always drawn in full.
// Why the catalog is a QLineSeries (no pen, points shown) and not a QScatterSeries: Qt Charts
// makes one graphics item per scatter point, and replacing 20,000 of them takes seconds on the
// GUI thread (measured: 2.3 s; 5,000 take 0.2 s), while a line series paints its points in one
// item (20,000 in under 0.1 s). Its hovered signal fires for the whole invisible line, so the
// catalog's tooltip follows the mouse instead (the nearest point within a few pixels); the
// highlights are scatter series and name their points through QXYSeries::hovered.
class EmbeddingMap : public QWidget
{
    Q_OBJECT

public:
    static constexpr std::size_t kMaxBackgroundPoints = 20000;

    explicit EmbeddingMap(QWidget* parent = nullptr);

    // Requires: points is tracks x 2 and the catalog has that many tracks. The caption says what
    // the axes are. Clears the highlights.
    void setProjection(std::shared_ptr<const Matrix> points, std::shared_ptr<const data::Catalog> catalog,
                       const QString& caption);
    // An empty map that says why (no model yet, say).
    void clear(const QString& message);
    // Track indices to highlight (either list may be empty).
    void setHighlights(const std::vector<std::uint32_t>& history,
                       const std::vector<std::uint32_t>& recommendations);

    std::size_t trackCount() const;
    const std::shared_ptr<const Matrix>& points() const { return m_points; }
    QXYSeries* backgroundSeries() const;
    QScatterSeries* historySeries() const { return m_history; }
    QScatterSeries* recommendationSeries() const { return m_recommendations; }
    // The track behind each point of a series, in the series' order.
    const std::vector<std::uint32_t>& tracksOf(const QXYSeries* series) const;
    // "track — artist" for the series' point nearest to `point` (what the hover tooltip shows);
    // empty when the series has no points.
    QString labelAt(const QXYSeries* series, const QPointF& point) const;
    QChartView* view() const { return m_view; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showTooltip(const QScatterSeries* series, const QPointF& point, bool state);
    // The catalog track drawn nearest to a position in the view, if within a few pixels.
    std::optional<std::uint32_t> backgroundTrackNear(const QPoint& viewPosition) const;
    std::uint32_t nearestTrack(const std::vector<std::uint32_t>& tracks, const QPointF& value) const;
    QList<QPointF> pointsOf(const std::vector<std::uint32_t>& tracks) const;
    void updateLegend();

    QChart* m_chart; // owned by m_view (made with it, so the view makes no default chart)
    QChartView* m_view;
    QLineSeries* m_background;
    QScatterSeries* m_history;
    QScatterSeries* m_recommendations;
    QValueAxis* m_x;
    QValueAxis* m_y;
    std::shared_ptr<const Matrix> m_points;
    std::shared_ptr<const data::Catalog> m_catalog;
    std::vector<std::uint32_t> m_backgroundTracks;
    std::vector<std::uint32_t> m_historyTracks;
    std::vector<std::uint32_t> m_recommendationTracks;
    bool m_overHighlight = false; // a highlight's own tooltip is showing
};

} // namespace gdbm::ui
