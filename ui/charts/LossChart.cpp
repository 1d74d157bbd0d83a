#include "charts/LossChart.h"

#include "charts/ChartView.h"
#include "charts/LossChartScale.h"
#include "charts/Smoothing.h"
#include "util/Theme.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace gdbm::ui {
namespace {

// Enough points to draw a curve as wide as a screen; a longer run is thinned out for drawing
// (the smoothing and the CSV export use every epoch).
constexpr std::size_t kMaxDrawnPoints = 1000;

const QColor kLayerColors[] = {QColor(0x3b, 0x6e, 0xa8), QColor(0xd0, 0x80, 0x2e), QColor(0x4f, 0x9a, 0x6b),
                               QColor(0xa8, 0x45, 0x6b), QColor(0x7b, 0x5f, 0xb0), QColor(0x8c, 0x7a, 0x2e),
                               QColor(0x2e, 0x8c, 0x8c), QColor(0x6b, 0x6b, 0x6b)};

// A multimodal layer 1's modalities: apart from the layers' colours.
const QColor kModalityColors[] = {QColor(0x6a, 0x1b, 0x9a), QColor(0x2e, 0x7d, 0x32),
                                  QColor(0xc6, 0x28, 0x28)};

const char* const kHoverHint =
    QT_TRANSLATE_NOOP("LossChart", "Solid: training songs, dashed: validation songs. "
                                   "Hover a curve to read its values.");

QList<QPointF> points(const std::vector<double>& x, const std::vector<double>& y, bool log)
{
    const std::size_t n = x.size();
    const std::size_t stride = std::max<std::size_t>(1, (n + kMaxDrawnPoints - 1) / kMaxDrawnPoints);
    QList<QPointF> out;
    out.reserve(qsizetype(n / stride + 1));
    for (std::size_t i = 0; i < n; ++i) {
        const double v = log ? std::log10(y[i]) : y[i]; // a log of 0 or less is not finite: left out
        if ((i % stride == 0 || i + 1 == n) && std::isfinite(v))
            out.append(QPointF(x[i], v));
    }
    return out;
}

QString value(double v)
{
    return QString::number(v, 'g', 4);
}

} // namespace

LossChart::LossChart(QWidget* parent) : QWidget(parent), m_viewsBox(new QWidget), m_hover(new QLabel)
{
    const QString titles[2] = {tr("Pretraining: how well each layer reconstructs its own input"), QString()};
    auto* views = new QVBoxLayout(m_viewsBox);
    views->setContentsMargins(0, 0, 0, 0);
    views->setSpacing(4);
    for (int c = 0; c < 2; ++c) {
        QChart* chart = new QChart;
        chart->setTitle(titles[c]);
        chart->setMargins(QMargins(4, 4, 4, 4));
        chart->setBackgroundRoundness(0);
        chart->legend()->setAlignment(Qt::AlignRight);
        m_epochAxes[c] = new QValueAxis;
        m_epochAxes[c]->setTitleText(c == 0 ? tr("epoch (of each layer)") : tr("epoch"));
        m_epochAxes[c]->setLabelFormat("%.0f");
        m_epochAxes[c]->setTickType(QValueAxis::TicksDynamic);
        m_epochAxes[c]->setTickAnchor(0);
        chart->addAxis(m_epochAxes[c], Qt::AlignBottom);
        m_charts[c] = chart;
        connect(chart, &QChart::plotAreaChanged, this,
                [this, c](const QRectF& plot) { fitValueAxisTitle(c, plot.height()); });
        m_views[c] = new ChartView(chart);
        m_views[c]->setObjectName(c == 0 ? "lossChartPretraining" : "lossChartFinetuning");
        m_views[c]->setRenderHint(QPainter::Antialiasing);
        m_views[c]->setFocusPolicy(Qt::NoFocus); // no Tab stop: a chart takes no keys, and shows no focus
        m_views[c]->setMinimumHeight(180);       // with the labels under them, the page fits 1280 x 800
        views->addWidget(m_views[c]);
        replaceValueAxis(c);
    }
    // The validation curve's lowest point: the epoch early stopping keeps.
    m_best = new QScatterSeries;
    m_best->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_best->setMarkerSize(10);
    m_best->setColor(QColor(0xb0, 0x20, 0x20));
    m_best->setBorderColor(palette().color(QPalette::Base));
    m_charts[1]->addSeries(m_best);
    m_best->attachAxis(m_epochAxes[1]);
    m_best->attachAxis(m_valueAxes[1]);
    m_best->setVisible(false);
    followTheme(this, [this] {
        m_best->setBorderColor(QApplication::palette().color(QPalette::Base));
        for (QChart* chart : m_charts)
            styleChart(chart);
        for (int c = 0; c < 2; ++c)
            fitValueAxisTitle(c, m_charts[c]->plotArea().height());
    });
    m_explanation = new QLabel;
    m_explanation->setObjectName("lossChartExplanation");
    m_explanation->setWordWrap(true);
    QFont small = m_explanation->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_explanation->setFont(small);
    m_hover->setObjectName("lossChartHover");
    m_hover->setText(tr(kHoverHint));
    m_hover->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hover->setWordWrap(true); // the hint is one long line: it must not set the page's width
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_viewsBox, 1);
    layout->addWidget(m_explanation);
    layout->addWidget(m_hover);
    describeModel(false, false, 1);
    updateAxes();
}

void LossChart::describeModel(bool hybrid, bool conditionalJoint, int finetuneEpochs)
{
    // A hybrid without fine-tuning (its default) would show an empty chart: the pretraining chart
    // takes its place, so that its axis titles are not cut short in a small window.
    const bool fineTuned = !hybrid || finetuneEpochs > 0;
    m_views[1]->setVisible(fineTuned);
    m_charts[1]->setTitle(!hybrid
                              ? tr("Fine-tuning: how well the whole machine reconstructs the audio features")
                              : tr("Fine-tuning: how well the whole machine reconstructs every modality"));
    const QString joint = conditionalJoint
                              ? tr("The joint layer above is given the other pathways' units and learns the "
                                   "listening pathway's: its curve is their error.")
                              : tr("The joint layer above reconstructs every pathway's units.");
    m_explanation->setText(
        hybrid
            ? tr("Error: squared reconstruction error divided by the input's variance, so 1.0 is no better "
                 "than predicting the mean and lower is better. Layer 1's input is every modality's units "
                 "(standardized audio features, tags and listening as 0 or 1); the dotted curves are each "
                 "modality's error against its own variance. %1%2")
                  .arg(joint, fineTuned ? QString()
                                        : tr(" Fine-tuning is off for the hybrid: pretraining alone ranks "
                                             "better."))
            : tr("Error: squared reconstruction error divided by the input's variance, so 1.0 is no better "
                 "than predicting the mean and lower is better. Layer 1's input is the standardized audio "
                 "features; each layer above reconstructs the activations of the layer below it."));
}

void LossChart::clear()
{
    forget();
    redraw();
}

void LossChart::forget()
{
    // The series stay, empty and hidden, for the next run to fill: creating series and legend
    // entries is the slowest thing a chart does.
    for (auto& [key, c] : m_curves) {
        c.epochs.clear();
        c.raw.clear();
        c.smooth.clear();
        c.dirty = true;
    }
    m_epochs.clear();
    m_plannedEpochs[0] = m_plannedEpochs[1] = 0;
    m_hover->setText(tr(kHoverHint));
}

void LossChart::setCurves(const std::vector<model::EpochStats>& epochs)
{
    // A run that just finished hands over the curves it has drawn already.
    const auto same = [](const model::EpochStats& a, const model::EpochStats& b) {
        const auto equal = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
        return a.phase == b.phase && a.layer == b.layer && a.epoch == b.epoch && a.epochs == b.epochs &&
               equal(a.mseTrain, b.mseTrain) && equal(a.mseValidation, b.mseValidation);
    };
    if (std::equal(epochs.begin(), epochs.end(), m_epochs.begin(), m_epochs.end(), same))
        return;
    forget();
    add(epochs);
    redraw();
}

void LossChart::plan(int pretrainEpochs, int finetuneEpochs)
{
    m_plannedEpochs[0] = pretrainEpochs;
    m_plannedEpochs[1] = finetuneEpochs;
    updateAxes();
}

void LossChart::append(const std::vector<model::EpochStats>& epochs)
{
    if (epochs.empty())
        return;
    add(epochs);
    redraw();
}

void LossChart::add(const std::vector<model::EpochStats>& epochs)
{
    for (const model::EpochStats& s : epochs) {
        m_epochs.push_back(s);
        const int chart = s.phase == model::Phase::Pretraining ? 0 : 1;
        const std::size_t layer = chart == 0 ? s.layer : 0;
        m_plannedEpochs[chart] = std::max(m_plannedEpochs[chart], s.epochs);
        for (bool validation : {false, true}) {
            const double y = validation ? s.mseValidation : s.mseTrain;
            if (!std::isfinite(y))
                continue; // no validation share: no validation curve
            Curve& c = curve({chart, layer, validation, -1});
            c.epochs.push_back(s.epoch);
            c.raw.push_back(y);
            c.dirty = true;
        }
        // Each modality's training curve (validation would double the lines for little news).
        for (const model::GroupError& g : s.groups) {
            const QString name = QString::fromStdString(g.name);
            auto it = std::find(m_groupNames.begin(), m_groupNames.end(), name);
            if (it == m_groupNames.end())
                it = m_groupNames.insert(m_groupNames.end(), name);
            if (!std::isfinite(g.train))
                continue;
            Curve& c = curve({chart, layer, false, int(it - m_groupNames.begin())});
            c.epochs.push_back(s.epoch);
            c.raw.push_back(g.train);
            c.dirty = true;
        }
    }
}

LossChart::Curve& LossChart::curve(const Key& key)
{
    const auto found = m_curves.find(key);
    if (found != m_curves.end())
        return found->second;
    const auto [chart, layer, validation, group] = key;
    Curve& c = m_curves[key];
    c.chart = chart;
    c.validation = validation;
    QColor color;
    if (group >= 0) {
        c.name = tr("Layer %1: %2").arg(layer + 1).arg(m_groupNames[std::size_t(group)]);
        color = kModalityColors[std::size_t(group) % std::size(kModalityColors)];
    } else if (chart == 0) {
        c.name = validation ? tr("Layer %1 validation").arg(layer + 1) : tr("Layer %1").arg(layer + 1);
        color = kLayerColors[layer % std::size(kLayerColors)];
    } else {
        c.name = validation ? tr("validation") : tr("training");
        color = kLayerColors[validation ? 1 : 0];
    }
    QPen pen(color, group >= 0 ? 1.5 : 2);
    pen.setStyle(group >= 0 ? Qt::DotLine : validation ? Qt::DashLine : Qt::SolidLine);
    QColor faded = color;
    faded.setAlpha(70);
    QPen faintPen(faded, 1);
    faintPen.setStyle(pen.style());
    c.faint = new QLineSeries;
    c.faint->setName(c.name);
    c.faint->setPen(faintPen);
    c.line = new QLineSeries;
    c.line->setName(c.name);
    c.line->setPen(pen);
    for (QLineSeries* series : {c.faint, c.line}) {
        m_charts[chart]->addSeries(series);
        series->attachAxis(m_epochAxes[chart]);
        series->attachAxis(m_valueAxes[chart]);
        connect(series, &QLineSeries::hovered, this,
                [this, series](const QPointF& point, bool state) { hovered(series, point, state); });
    }
    showInLegend(c);
    return c;
}

void LossChart::showInLegend(const Curve& c)
{
    // The legend names each colour once: the layers (pretraining), or training and validation.
    // Showing or hiding a series shows or hides its marker too, so this follows every change.
    QLegend* legend = m_charts[c.chart]->legend();
    for (QLegendMarker* marker : legend->markers(c.faint))
        marker->setVisible(false);
    const bool listed = (c.chart == 1 || !c.validation) && c.line->isVisible();
    for (QLegendMarker* marker : legend->markers(c.line))
        marker->setVisible(listed);
}

void LossChart::setSmoothing(double weight)
{
    weight = std::clamp(weight, 0.0, 0.99);
    if (weight == m_smoothing)
        return;
    m_smoothing = weight;
    for (auto& [key, c] : m_curves)
        c.dirty = true;
    redraw();
}

void LossChart::setLogScale(bool on)
{
    if (on == m_logScale)
        return;
    m_logScale = on;
    replaceValueAxis(0);
    replaceValueAxis(1);
    for (auto& [key, c] : m_curves)
        c.dirty = true;
    redraw();
}

void LossChart::redraw()
{
    for (auto& [key, c] : m_curves) {
        if (c.dirty)
            redrawCurve(c);
    }
    redrawBest();
    updateAxes();
}

std::optional<std::pair<int, double>> LossChart::bestValidationEpoch() const
{
    // The engine's own count (EpochStats::bestEpoch), which knows the pretrained model too.
    const auto last = std::find_if(m_epochs.rbegin(), m_epochs.rend(), [](const model::EpochStats& s) {
        return s.phase == model::Phase::FineTuning;
    });
    if (last == m_epochs.rend() || !std::isfinite(last->mseValidation))
        return std::nullopt;
    const int epoch = last->bestEpoch;
    double value = NAN;
    for (const model::EpochStats& s : m_epochs) {
        if (s.phase == model::Phase::FineTuning && s.epoch == epoch)
            value = s.mseValidation;
    }
    return std::pair(epoch, value);
}

void LossChart::redrawBest()
{
    const auto best = bestValidationEpoch();
    // Epoch 0, the pretrained model, has no point on the chart.
    if (!best || best->first == 0 || !std::isfinite(best->second) || (m_logScale && best->second <= 0)) {
        m_best->clear();
        m_best->setVisible(false);
        return;
    }
    const QPointF point(best->first, m_logScale ? std::log10(best->second) : best->second);
    if (m_best->count() != 1 || m_best->at(0) != point)
        m_best->replace(QList<QPointF>{point});
    const QString name = tr("best validation (epoch %1)").arg(best->first);
    if (m_best->name() != name)
        m_best->setName(name);
    m_best->setVisible(true);
}

void LossChart::redrawCurve(Curve& c)
{
    c.smooth = smoothed(c.raw, m_smoothing);
    c.line->replace(points(c.epochs, c.smooth, m_logScale));
    // Smoothing hides how noisy the curve is: keep the raw curve faintly behind it.
    const bool faint = m_smoothing > 0 && !c.raw.empty();
    c.faint->replace(faint ? points(c.epochs, c.raw, m_logScale) : QList<QPointF>());
    const bool visible = !c.raw.empty();
    if (c.line->isVisible() != visible || c.faint->isVisible() != faint) {
        c.line->setVisible(visible);
        c.faint->setVisible(faint);
        showInLegend(c);
    }
    c.dirty = false;
}

QString LossChart::describe(const QLineSeries* series, double x) const
{
    for (const auto& [key, c] : m_curves) {
        if ((c.line != series && c.faint != series) || c.epochs.empty())
            continue;
        // The nearest epoch to where the pointer is.
        auto it = std::lower_bound(c.epochs.begin(), c.epochs.end(), x);
        if (it == c.epochs.end() || (it != c.epochs.begin() && x - *(it - 1) < *it - x))
            --it;
        const std::size_t i = std::size_t(it - c.epochs.begin());
        QString text = tr("%1, epoch %2: %3").arg(c.name).arg(c.epochs[i]).arg(value(c.raw[i]));
        if (m_smoothing > 0)
            text += tr(" (smoothed %1)").arg(value(c.smooth[i]));
        return text;
    }
    return {};
}

QString LossChart::hoverText() const
{
    return m_hover->text();
}

void LossChart::hovered(const QLineSeries* series, const QPointF& point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const QString text = describe(series, point.x());
    m_hover->setText(text);
    QToolTip::showText(QCursor::pos(), text, this);
}

QPixmap LossChart::image() const
{
    return m_viewsBox->grab();
}

} // namespace gdbm::ui
