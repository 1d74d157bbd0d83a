#include "charts/BarChart.h"

#include "util/Theme.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFontMetrics>
#include <QHorizontalBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace gdbm::ui {

BarChart::BarChart(const QString& title, QWidget* parent)
    : QWidget(parent), m_chart(new QChart), m_view(new QChartView(m_chart, this)),
      m_color(QColor(0x3b, 0x6e, 0xa8))
{
    m_view->setFocusPolicy(Qt::NoFocus); // no Tab stop: a chart takes no keys, and shows no focus
    m_chart->setTitle(title);
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    styleChart(m_chart);
    followTheme(this, [this] { styleChart(m_chart); });
    connect(m_chart, &QChart::plotAreaChanged, this, &BarChart::thinLabels);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setMinimumHeight(180);
}

QSize BarChart::sizeHint() const
{
    return {QWidget::sizeHint().width(), minimumHeight()};
}

void BarChart::setTitle(const QString& title)
{
    m_chart->setTitle(title);
}

QString BarChart::title() const
{
    return m_chart->title();
}

void BarChart::setValueAxisTitle(const QString& title)
{
    m_valueTitle = title;
    rebuild();
}

void BarChart::setHorizontal(bool horizontal)
{
    m_horizontal = horizontal;
    rebuild();
}

void BarChart::setColor(const QColor& color)
{
    m_color = color;
    rebuild();
}

void BarChart::setCategoryLabelStyle(qreal pointSize, int angle)
{
    m_labelPointSize = pointSize;
    m_labelAngle = angle;
    rebuild();
}

void BarChart::setShowsLastThatFit(bool lastThatFit)
{
    m_lastThatFit = lastThatFit;
    rebuild();
}

int BarChart::shownCount() const
{
    return m_drawn;
}

int BarChart::countToDraw() const
{
    const int all = int(m_categories.size());
    return m_lastThatFit && m_fitting >= 0 ? std::min(all, m_fitting) : all;
}

void BarChart::setBars(const QStringList& categories, const QList<qreal>& values)
{
    m_categories = categories;
    m_values = values;
    rebuild();
}

void BarChart::rebuild()
{
    m_rebuildQueued = false;
    m_categoryAxis = nullptr;   // deleted below; thinLabels() waits for the new one
    m_chart->removeAllSeries(); // deletes them
    // removeAxis() hands the axis back to us: delete it, or every rebuild leaks two.
    for (QAbstractAxis* axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }

    const int drawnBefore = m_drawn;
    m_drawn = countToDraw();
    const int first = int(m_categories.size()) - m_drawn;
    auto* set = new QBarSet(QString());
    set->setColor(m_color);
    set->setBorderColor(m_color.darker(115));
    qreal top = 0;
    for (qreal v : m_values.mid(first)) {
        *set << v;
        top = std::max(top, v);
    }
    QAbstractBarSeries* series = m_horizontal ? static_cast<QAbstractBarSeries*>(new QHorizontalBarSeries)
                                              : static_cast<QAbstractBarSeries*>(new QBarSeries);
    series->append(set);
    series->setBarWidth(0.85);
    m_chart->addSeries(series);

    auto* categories = new QBarCategoryAxis;
    categories->append(m_categories.mid(first));
    // Category names (archetypes, genres) are the point of the chart: never cut them to "...".
    categories->setTruncateLabels(false);
    if (m_labelPointSize > 0) {
        QFont font = categories->labelsFont();
        font.setPointSizeF(m_labelPointSize);
        categories->setLabelsFont(font);
    }
    categories->setLabelsAngle(m_labelAngle);
    auto* values = new QValueAxis;
    values->setLabelFormat("%.0f");
    values->setTitleText(m_valueTitle);
    if (top >= 10) {
        values->setRange(0, top * 1.08);
        values->applyNiceNumbers();
    } else if (top > 0) {
        // The bars count things (tracks, users): a few of them get whole-number ticks, not
        // "0 0.5 1 1.5".
        values->setRange(0, std::ceil(top * 1.08));
        values->setTickType(QValueAxis::TicksDynamic);
        values->setTickAnchor(0);
        values->setTickInterval(top <= 5 ? 1 : 2);
    } else {
        values->setRange(0, 1);
        values->setTickCount(2); // nothing to show yet: 0 and 1, not "0 0 0 1 1 1"
    }
    m_chart->addAxis(categories, m_horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    m_chart->addAxis(values, m_horizontal ? Qt::AlignBottom : Qt::AlignLeft);
    series->attachAxis(categories);
    series->attachAxis(values);
    styleChart(m_chart);
    m_categoryAxis = categories;
    m_labelStep = 1;
    if (m_drawn != drawnBefore)
        Q_EMIT shownCountChanged(m_drawn);
    thinLabels();
}

int BarChart::labelRoom() const
{
    const QFontMetrics metrics(m_categoryAxis->labelsFont());
    // The room one label takes along the category axis: its height when the labels run across
    // it (a horizontal chart, or labels turned upright), else its width.
    const bool across = m_horizontal || std::abs(m_labelAngle) >= 60;
    int room = metrics.height();
    if (!across) {
        for (const QString& c : m_categories)
            room = std::max(room, metrics.horizontalAdvance(c));
    }
    return room + (across ? 2 : 8);
}

void BarChart::thinLabels()
{
    if (!m_categoryAxis || m_categories.isEmpty())
        return;
    const QRectF plot = m_chart->plotArea();
    const double length = m_horizontal ? plot.height() : plot.width();
    if (length <= 0)
        return;
    if (m_lastThatFit) {
        m_fitting = std::max(1, int(length / labelRoom()));
        if (countToDraw() != m_drawn && !m_rebuildQueued) {
            // Not from inside the chart's layout, which emitted the signal that called this; and
            // once for any number of resizes before the event loop runs.
            m_rebuildQueued = true;
            QMetaObject::invokeMethod(this, &BarChart::rebuild, Qt::QueuedConnection);
        }
        return;
    }
    const int step = std::max(1, int(std::ceil(m_categories.size() * labelRoom() / length)));
    if (step == m_labelStep)
        return;
    m_labelStep = step;
    // Category names must stay distinct: the blank ones are runs of zero-width spaces.
    QStringList shown;
    for (int i = 0; i < m_categories.size(); ++i)
        shown << (i % step == 0 ? m_categories[i] : QString(i + 1, QChar(0x200B)));
    m_categoryAxis->setCategories(shown);
}

Histogram makeHistogram(const std::vector<double>& values, int bins, double lo, double hi)
{
    Histogram h;
    if (bins <= 0)
        return h;
    if (!(hi > lo))
        hi = lo + 1;
    h.counts = QList<qreal>(bins, 0);
    const double width = (hi - lo) / bins;
    for (double v : values) {
        if (std::isnan(v))
            continue;
        const int b = std::clamp(int((v - lo) / width), 0, bins - 1);
        h.counts[b] += 1;
    }
    // Labels at the bin starts, with as many decimals as the bin width needs (none for counts).
    const bool whole = std::floor(width) == width && std::floor(lo) == lo;
    const int decimals = whole || width >= 10 ? 0 : width >= 1 ? 1 : width >= 0.1 ? 2 : 3;
    for (int b = 0; b < bins; ++b)
        h.labels << QString::number(lo + b * width, 'f', decimals);
    return h;
}

} // namespace gdbm::ui
