#include "charts/EmbeddingMap.h"

#include "core/Text.h"
#include "rec/RecommendationCsv.h"
#include "util/Format.h"
#include "util/Theme.h"

#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <limits>

namespace gdbm::ui {
namespace {

QScatterSeries* makeSeries(const QColor& color, qreal size)
{
    auto* series = new QScatterSeries;
    series->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    series->setMarkerSize(size);
    series->setColor(color);
    series->setBorderColor(color.darker(130));
    return series;
}

constexpr qreal kHoverPixels = 6.0;

} // namespace

EmbeddingMap::EmbeddingMap(QWidget* parent)
    : QWidget(parent), m_chart(new QChart), m_view(new QChartView(m_chart, this)),
      m_background(new QLineSeries), m_history(makeSeries(QColor(0x3b, 0x6e, 0xa8), 8)),
      m_recommendations(makeSeries(QColor(0xe0, 0x7a, 0x1f), 12)), m_x(new QValueAxis), m_y(new QValueAxis)
{
    m_view->setFocusPolicy(Qt::NoFocus); // no Tab stop: a chart takes no keys, and shows no focus
    // Small borderless grey dots and no line: thousands of outlines would darken into a blob.
    m_background->setPen(QPen(themeColor(ThemeColor::Background), 1, Qt::NoPen));
    m_background->setColor(themeColor(ThemeColor::Background));
    m_background->setPointsVisible(true);
    m_background->setMarkerSize(4);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    QFont titleFont = m_chart->titleFont();
    titleFont.setBold(false);
    m_chart->setTitleFont(titleFont);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setMarkerShape(QLegend::MarkerShapeCircle);
    // Drawn in this order: the highlights on top of the catalog.
    m_chart->addSeries(m_background);
    for (QScatterSeries* series : {m_history, m_recommendations}) {
        m_chart->addSeries(series);
        connect(series, &QXYSeries::hovered, this,
                [this, series](const QPointF& point, bool state) { showTooltip(series, point, state); });
    }
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (QXYSeries* series : std::initializer_list<QXYSeries*>{m_background, m_history, m_recommendations}) {
        series->attachAxis(m_x);
        series->attachAxis(m_y);
    }
    for (QValueAxis* axis : {m_x, m_y}) {
        // Principal-component coordinates have no unit worth reading (and print as "3.5e-18"
        // near 0): the grid shows distances, the caption says what the axes are. (Axis titles
        // without labels are elided to "..." by Qt Charts 6.4.)
        axis->setLabelsVisible(false);
    }
    styleChart(m_chart);
    followTheme(this, [this] {
        m_background->setColor(themeColor(ThemeColor::Background));
        styleChart(m_chart);
    });
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->viewport()->setMouseTracking(true);
    m_view->viewport()->installEventFilter(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setMinimumSize(320, 240);
    clear(QString());
}

void EmbeddingMap::clear(const QString& message)
{
    m_points.reset();
    m_catalog.reset();
    m_backgroundTracks.clear();
    m_historyTracks.clear();
    m_recommendationTracks.clear();
    for (QXYSeries* series : std::initializer_list<QXYSeries*>{m_background, m_history, m_recommendations})
        series->clear();
    m_x->setRange(-1, 1);
    m_y->setRange(-1, 1);
    m_chart->setTitle(message);
    updateLegend();
}

void EmbeddingMap::setProjection(std::shared_ptr<const Matrix> points,
                                 std::shared_ptr<const data::Catalog> catalog, const QString& caption)
{
    clear(QString());
    if (!points || !catalog || std::size_t(points->rows()) != catalog->size() || points->cols() != 2)
        return;
    m_points = std::move(points);
    m_catalog = std::move(catalog);
    const std::size_t n = m_catalog->size();
    // An evenly spaced subset of a large catalog: point i of k is track floor(i n / k).
    const std::size_t shown = std::min(n, kMaxBackgroundPoints);
    m_backgroundTracks.reserve(shown);
    for (std::size_t i = 0; i < shown; ++i)
        m_backgroundTracks.push_back(std::uint32_t(i * n / shown));
    m_background->replace(pointsOf(m_backgroundTracks));

    // The axes span every track, not only the drawn subset, with a little room around.
    float lo[2] = {std::numeric_limits<float>::max(), std::numeric_limits<float>::max()};
    float hi[2] = {std::numeric_limits<float>::lowest(), std::numeric_limits<float>::lowest()};
    for (Eigen::Index k = 0; k < 2; ++k) {
        if (n > 0) {
            lo[k] = m_points->col(k).minCoeff();
            hi[k] = m_points->col(k).maxCoeff();
        } else {
            lo[k] = hi[k] = 0.0f;
        }
        const float pad = std::max(0.05f * (hi[k] - lo[k]), 1e-3f);
        lo[k] -= pad;
        hi[k] += pad;
    }
    m_x->setRange(lo[0], hi[0]);
    m_y->setRange(lo[1], hi[1]);
    m_x->applyNiceNumbers();
    m_y->applyNiceNumbers();
    m_chart->setTitle(caption);
    updateLegend();
}

void EmbeddingMap::setHighlights(const std::vector<std::uint32_t>& history,
                                 const std::vector<std::uint32_t>& recommendations)
{
    if (!m_points)
        return;
    m_historyTracks = history;
    m_recommendationTracks = recommendations;
    m_history->replace(pointsOf(m_historyTracks));
    m_recommendations->replace(pointsOf(m_recommendationTracks));
    updateLegend();
}

std::size_t EmbeddingMap::trackCount() const
{
    return m_points ? std::size_t(m_points->rows()) : 0;
}

QXYSeries* EmbeddingMap::backgroundSeries() const
{
    return m_background;
}

const std::vector<std::uint32_t>& EmbeddingMap::tracksOf(const QXYSeries* series) const
{
    if (series == m_history)
        return m_historyTracks;
    if (series == m_recommendations)
        return m_recommendationTracks;
    return m_backgroundTracks;
}

QList<QPointF> EmbeddingMap::pointsOf(const std::vector<std::uint32_t>& tracks) const
{
    QList<QPointF> points;
    points.reserve(qsizetype(tracks.size()));
    for (std::uint32_t t : tracks)
        points.append(QPointF((*m_points)(t, 0), (*m_points)(t, 1)));
    return points;
}

std::uint32_t EmbeddingMap::nearestTrack(const std::vector<std::uint32_t>& tracks, const QPointF& value) const
{
    // A linear scan: at most kMaxBackgroundPoints, once per mouse move, well under a millisecond.
    std::uint32_t nearest = tracks.front();
    double best = std::numeric_limits<double>::max();
    for (std::uint32_t t : tracks) {
        const double dx = (*m_points)(t, 0) - value.x();
        const double dy = (*m_points)(t, 1) - value.y();
        if (dx * dx + dy * dy < best) {
            best = dx * dx + dy * dy;
            nearest = t;
        }
    }
    return nearest;
}

QString EmbeddingMap::labelAt(const QXYSeries* series, const QPointF& point) const
{
    const std::vector<std::uint32_t>& tracks = tracksOf(series);
    if (!m_points || tracks.empty())
        return {};
    return QString::fromStdString(rec::trackLabel(*m_catalog, nearestTrack(tracks, point)));
}

std::optional<std::uint32_t> EmbeddingMap::backgroundTrackNear(const QPoint& viewPosition) const
{
    if (!m_points || m_backgroundTracks.empty())
        return std::nullopt;
    const QPointF chartPosition = m_chart->mapFromScene(m_view->mapToScene(viewPosition));
    if (!m_chart->plotArea().contains(chartPosition))
        return std::nullopt;
    const std::uint32_t track =
        nearestTrack(m_backgroundTracks, m_chart->mapToValue(chartPosition, m_background));
    // Near in value is not near on screen when the axes' scales differ: compare in pixels.
    const QPointF drawn =
        m_chart->mapToPosition(QPointF((*m_points)(track, 0), (*m_points)(track, 1)), m_background);
    if (QLineF(drawn, chartPosition).length() > kHoverPixels)
        return std::nullopt;
    return track;
}

bool EmbeddingMap::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::MouseMove && !m_overHighlight) {
        const QPoint position = static_cast<QMouseEvent*>(event)->position().toPoint();
        if (const auto track = backgroundTrackNear(position))
            QToolTip::showText(m_view->viewport()->mapToGlobal(position),
                               QString::fromStdString(rec::trackLabel(*m_catalog, *track)), m_view);
        else
            QToolTip::hideText();
    }
    return QWidget::eventFilter(watched, event);
}

void EmbeddingMap::showTooltip(const QScatterSeries* series, const QPointF& point, bool state)
{
    m_overHighlight = state;
    if (!state) {
        QToolTip::hideText();
        return;
    }
    QString text = labelAt(series, point);
    text += series == m_history ? tr("\n(in the user's history)") : tr("\n(recommended)");
    QToolTip::showText(QCursor::pos(), text, m_view);
}

void EmbeddingMap::updateLegend()
{
    const std::size_t n = trackCount();
    if (m_backgroundTracks.size() < n)
        m_background->setName(tr("Catalog: %1 of %2 tracks (evenly spaced)")
                                  .arg(thousands(m_backgroundTracks.size()), thousands(n)));
    else
        m_background->setName(tr("Catalog: %1 tracks").arg(thousands(n)));
    m_history->setName(tr("History (%1)").arg(thousands(m_historyTracks.size())));
    m_recommendations->setName(tr("Recommendations (%1)").arg(thousands(m_recommendationTracks.size())));
    m_chart->legend()->setVisible(m_points != nullptr);
}

} // namespace gdbm::ui
