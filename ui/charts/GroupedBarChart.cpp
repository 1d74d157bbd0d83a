#include "charts/GroupedBarChart.h"

#include "charts/ChartView.h"
#include "util/Theme.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QFontMetrics>
#include <QLabel>
#include <QLegend>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

namespace gdbm::ui {

GroupedBarChart::GroupedBarChart(const QString& title, QWidget* parent)
    : QWidget(parent), m_chart(new QChart), m_view(new ChartView(m_chart, this)), m_legend(new QLabel(this)),
      m_colors({QColor(0x1f, 0x4e, 0x8c), QColor(0x3b, 0x7d, 0xc4), QColor(0x8d, 0xb8, 0xe8),
                QColor(0x4f, 0x9a, 0x6b), QColor(0xd0, 0x8a, 0x2e), QColor(0x9a, 0x9a, 0x9a)})
{
    m_view->setFocusPolicy(Qt::NoFocus); // no Tab stop: a chart takes no keys, and shows no focus
    m_chart->setTitle(title);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setVisible(false); // m_legend names the sets
    styleChart(m_chart);
    followTheme(this, [this] { styleChart(m_chart); });
    connect(m_chart, &QChart::plotAreaChanged, this, &GroupedBarChart::fitCategoryLabels);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    m_legend->setObjectName("barChartLegend");
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    m_legend->setAlignment(Qt::AlignHCenter);
    layout->addWidget(m_legend);
    setMinimumHeight(240);
}

void GroupedBarChart::setTitle(const QString& title)
{
    m_chart->setTitle(title);
}

void GroupedBarChart::setValueAxisTitle(const QString& title)
{
    m_valueTitle = title;
    rebuild();
}

void GroupedBarChart::setColors(const QList<QColor>& colors)
{
    if (colors.isEmpty())
        return;
    m_colors = colors;
    rebuild();
}

void GroupedBarChart::setValueDecimals(int decimals)
{
    m_decimals = decimals;
}

void GroupedBarChart::setValueCeiling(qreal ceiling)
{
    m_ceiling = ceiling;
}

qreal GroupedBarChart::valueAxisMax() const
{
    for (QAbstractAxis* axis : m_chart->axes(Qt::Vertical)) {
        if (auto* values = qobject_cast<QValueAxis*>(axis))
            return values->max();
    }
    return 0;
}

void GroupedBarChart::setData(const QStringList& categories, const QStringList& sets,
                              const QList<QList<qreal>>& values)
{
    Q_ASSERT(values.size() == sets.size());
    m_categories = categories;
    m_sets = sets;
    m_values = values;
    rebuild();
}

QString GroupedBarChart::barText(int set, int category) const
{
    if (set < 0 || set >= m_sets.size() || category < 0 || category >= m_categories.size())
        return {};
    const QString note = category < m_categoryNotes.size() && !m_categoryNotes[category].isEmpty()
                             ? QStringLiteral(" (%1)").arg(m_categoryNotes[category])
                             : QString();
    return QStringLiteral("%1, %2: %3%4")
        .arg(m_sets[set], m_categories[category], QString::number(m_values[set][category], 'f', m_decimals),
             note);
}

QString GroupedBarChart::wrapLabel(const QString& name, const QFontMetrics& metrics, int width)
{
    QStringList lines;
    for (const QString& word : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!lines.isEmpty() && metrics.horizontalAdvance(lines.back() + QLatin1Char(' ') + word) <= width)
            lines.back() += QLatin1Char(' ') + word;
        else
            lines << word;
    }
    for (QString& line : lines)
        line = line.toHtmlEscaped();
    return lines.join(QStringLiteral("<br>"));
}

void GroupedBarChart::fitCategoryLabels()
{
    if (!m_categoryAxis || m_categories.isEmpty())
        return;
    // Before the first layout the plot area is empty: estimate it from the view.
    const qreal plotWidth =
        m_chart->plotArea().width() > 0 ? m_chart->plotArea().width() : m_view->width() - 80;
    const int room = int(plotWidth / qreal(m_categories.size())) - 4;
    // The theme's font if every word fits its category; else a smaller one, down to a readable
    // minimum (rotated labels are cut off and hidden by Qt Charts, so they are no way out).
    QFont font = m_labelFont;
    const qreal largest = font.pointSizeF() > 0 ? font.pointSizeF() : 9;
    for (qreal size = largest; size >= std::min(largest, 6.5); size -= 0.5) {
        font.setPointSizeF(size);
        const QFontMetrics metrics(font);
        int longestWord = 0;
        for (const QString& name : m_categories) {
            for (const QString& word : name.split(QLatin1Char(' '), Qt::SkipEmptyParts))
                longestWord = std::max(longestWord, metrics.horizontalAdvance(word));
        }
        if (longestWord <= room)
            break;
    }
    QStringList labels;
    for (const QString& name : m_categories)
        labels << wrapLabel(name, QFontMetrics(font), room);
    // Relabelling moves the plot area, which calls this again: stop when nothing changes.
    if (labels == m_categoryAxis->categories() && font == m_categoryAxis->labelsFont())
        return;
    m_categoryAxis->setLabelsFont(font);
    m_categoryAxis->setCategories(labels);
}

void GroupedBarChart::rebuild()
{
    m_chart->removeAllSeries();
    m_barSets.clear();
    m_categoryAxis = nullptr;
    // removeAxis() hands the axis back to us: delete it, or every metric change leaks two.
    for (QAbstractAxis* axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }

    auto* series = new QBarSeries;
    qreal top = 0;
    for (int s = 0; s < m_sets.size(); ++s) {
        auto* set = new QBarSet(m_sets[s]);
        const QColor color = m_colors[s % m_colors.size()];
        set->setColor(color);
        set->setBorderColor(color.darker(115));
        for (qreal v : m_values[s]) {
            *set << v;
            top = std::max(top, v);
        }
        series->append(set);
        m_barSets << set;
    }
    series->setBarWidth(0.85);
    m_chart->addSeries(series);
    connect(series, &QBarSeries::hovered, this, &GroupedBarChart::showHover);

    // Archetype names are the point of the chart: never cut to "..." (fitCategoryLabels).
    auto* categories = new QBarCategoryAxis;
    for (const QString& name : m_categories)
        categories->append(name.toHtmlEscaped());
    categories->setTruncateLabels(false);
    m_categoryAxis = categories;
    auto* values = new QValueAxis;
    qreal axisTop = top > 0 ? top * 1.08 : 1;
    if (m_ceiling > 0 && top <= m_ceiling)
        axisTop = std::min(axisTop, m_ceiling);
    values->setRange(0, axisTop);
    values->setLabelFormat(top >= 10 ? "%.0f" : "%.2f");
    values->setTitleText(m_valueTitle);
    values->applyNiceNumbers();
    m_chart->addAxis(categories, Qt::AlignBottom);
    m_labelFont = categories->labelsFont(); // the theme's, set by addAxis
    m_chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(categories);
    series->attachAxis(values);
    // Names are joined by non-breaking spaces inside and an ordinary one between them, so that
    // lines break between names only.
    QStringList entries;
    for (int s = 0; s < m_sets.size(); ++s) {
        entries << QString("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                       .arg(m_colors[s % m_colors.size()].name(),
                            m_sets[s].toHtmlEscaped().replace(' ', QStringLiteral("&nbsp;")));
    }
    m_legend->setText(entries.join(QStringLiteral("&nbsp;&nbsp; ")));
    m_legend->setVisible(m_sets.size() > 1);
    styleChart(m_chart);
    fitCategoryLabels();
}

void GroupedBarChart::showHover(bool status, int category, QBarSet* set)
{
    if (!status) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(QCursor::pos(), barText(int(m_barSets.indexOf(set)), category), m_view);
}

} // namespace gdbm::ui
