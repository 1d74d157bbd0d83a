// LossChart's axes: the error axis (linear or log, replaced when the scale changes) and the
// ranges and ticks of both axes as a run grows.
#include "charts/LossChart.h"
#include "charts/LossChartScale.h"
#include "util/Theme.h"

#include <QCategoryAxis>
#include <QChart>
#include <QFontMetrics>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace gdbm::ui {

void LossChart::replaceValueAxis(int chart)
{
    if (m_valueAxes[chart]) {
        m_charts[chart]->removeAxis(m_valueAxes[chart]);
        delete m_valueAxes[chart];
    }
    // Qt's log axis labels only the powers of ten, and a learning curve rarely spans one decade,
    // so the log scale plots log10(MSE) on a linear axis labelled at round values instead.
    QValueAxis* axis = m_logScale ? new QCategoryAxis : new QValueAxis;
    if (auto* category = qobject_cast<QCategoryAxis*>(axis))
        category->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    else
        axis->setLabelFormat("%.3g");
    m_charts[chart]->addAxis(axis, Qt::AlignLeft);
    m_valueAxes[chart] = axis;
    styleChart(m_charts[chart]);
    fitValueAxisTitle(chart, m_charts[chart]->plotArea().height()); // in the axis's styled font
    if (chart == 1 && m_best)
        m_best->attachAxis(axis);
    for (auto& [key, c] : m_curves) {
        if (c.chart == chart) {
            c.faint->attachAxis(axis);
            c.line->attachAxis(axis);
        }
    }
}

void LossChart::fitValueAxisTitle(int chart, double plotHeight)
{
    // The title runs along the plot's height: in a short chart (both charts in a 1,280 x 720
    // window) the whole of it was cut to "error (1 = m...". The line under the charts says
    // what 1 means.
    QValueAxis* axis = m_valueAxes[chart];
    if (!axis)
        return;
    const QString full = m_logScale ? tr("error (log; 1 = mean)") : tr("error (1 = mean)");
    const QString brief = m_logScale ? tr("error (log)") : tr("error");
    const bool fits = QFontMetrics(axis->titleFont()).horizontalAdvance(full) + 8 <= plotHeight;
    const QString title = fits ? full : brief;
    if (axis->titleText() != title)
        axis->setTitleText(title);
}

void LossChart::updateAxes()
{
    // Setting a range makes Qt Charts lay out every series of the chart again, which takes
    // milliseconds: ranges move in nice steps and are set only when they change, so most epochs
    // change the points and nothing else.
    const auto setRange = [](QValueAxis* axis, double lo, double hi) {
        if (axis->min() != lo || axis->max() != hi)
            axis->setRange(lo, hi);
    };
    for (int chart = 0; chart < 2; ++chart) {
        // The axis lays out its ticks for each change: a range of 100,000 epochs at the last
        // run's interval of 10 would be 10,000 ticks (minutes of layout). So a wider interval
        // comes before the wider range, a narrower one after the narrower range.
        const int last = std::max(2, m_plannedEpochs[chart]);
        const double interval = scale::niceStep(last, 8);
        QValueAxis* epochs = m_epochAxes[chart];
        const bool widening = interval > epochs->tickInterval();
        if (widening)
            epochs->setTickInterval(interval);
        setRange(epochs, 1, last);
        if (!widening && epochs->tickInterval() != interval)
            epochs->setTickInterval(interval);

        double lo = INFINITY, hi = -INFINITY;
        for (const auto& [key, c] : m_curves) {
            if (c.chart != chart)
                continue;
            for (const std::vector<double>* values : {&c.raw, &c.smooth}) {
                for (double v : *values) {
                    if (std::isfinite(v) && (!m_logScale || v > 0)) {
                        lo = std::min(lo, v);
                        hi = std::max(hi, v);
                    }
                }
            }
        }
        if (m_logScale) {
            auto* axis = static_cast<QCategoryAxis*>(m_valueAxes[chart]);
            if (lo > hi) {
                lo = 0.1;
                hi = 1.0;
            }
            const std::vector<double> ticks = scale::logTicks(lo / 1.02, hi * 1.02);
            if (ticks != m_logTicks[chart]) {
                m_logTicks[chart] = ticks;
                for (const QString& label : axis->categoriesLabels())
                    axis->remove(label);
                axis->setStartValue(std::log10(ticks.front()));
                for (double t : ticks)
                    axis->append(QString::number(t, 'g', 3), std::log10(t));
            }
            setRange(axis, std::log10(std::min(lo, ticks.front())), std::log10(std::max(hi, ticks.back())));
        } else if (lo > hi) {
            setRange(m_valueAxes[chart], 0, 1);
        } else {
            const scale::LinearScale linear = scale::linearScale(lo, hi);
            setRange(m_valueAxes[chart], linear.bottom, linear.top);
            if (m_valueAxes[chart]->tickCount() != linear.ticks)
                m_valueAxes[chart]->setTickCount(linear.ticks);
        }
    }
}

} // namespace gdbm::ui
