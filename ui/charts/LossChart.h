#pragma once

#include "model/TrainingProgress.h"

#include <QList>
#include <QPixmap>
#include <QPointF>
#include <QWidget>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace gdbm::ui {

// The learning curves of a training run (MODEL.md section 5): the reconstruction error per epoch,
// relative to the input's variance (1.0 = no better than the mean), in two charts,
// "Pretraining" with one curve per layer (each reconstructing its own input; a multimodal
// layer 1 also each modality's, dotted, relative to its own variance) and "Fine-tuning"
// with the validation curve's best epoch marked; training songs solid and validation songs
// dashed, and a line under the charts saying what the error means. Epochs are appended as they finish; each
// redraw replaces a series' points in one go. Optional smoothing (TensorBoard's, the raw curve stays faintly
// behind) and a logarithmic error axis; hovering a curve names it with its raw and smoothed
// value. One of the few classes that use Qt Charts (deprecated after Qt 6.10: one place to
// replace).
class LossChart : public QWidget
{
    Q_OBJECT

public:
    explicit LossChart(QWidget* parent = nullptr);

    // Empties the charts (the curves' series stay for the next run).
    void clear();
    // The epochs a run will have (per layer when pretraining): the epoch axes span the whole run
    // from its start, so that the curves grow from left to right.
    void plan(int pretrainEpochs, int finetuneEpochs);
    // Says what the curves measure for the model trained: the audio-only model's, or the
    // hybrid's (every modality's units; fine-tuning off by default, and then its chart hidden),
    // whose joint layer either learns the listening pathway's units given the others'
    // (conditionalJoint) or them all.
    void describeModel(bool hybrid, bool conditionalJoint, int finetuneEpochs);
    void append(const std::vector<model::EpochStats>& epochs);
    // clear() then append(): a finished model's curves. Nothing happens when these are the
    // curves shown already (the run that made the model drew them).
    void setCurves(const std::vector<model::EpochStats>& epochs);
    // The epochs shown, in the order they arrived (for the CSV export).
    const std::vector<model::EpochStats>& curves() const { return m_epochs; }
    // How many epochs are plotted; each is a training point and, with a validation share, a
    // validation point.
    int pointCount() const { return int(m_epochs.size()); }

    void setSmoothing(double weight); // 0..0.99, 0 = raw
    double smoothing() const { return m_smoothing; }
    void setLogScale(bool on);
    bool logScale() const { return m_logScale; }

    // Both charts as one image (for "Export PNG").
    QPixmap image() const;
    // The values of the last hovered point, as shown under the charts.
    QString hoverText() const;
    // What hovering `series` near `x` (an epoch) shows; empty for an unknown series.
    QString describe(const QLineSeries* series, double x) const;
    // The fine-tuning epoch with the lowest validation error so far and that error (marked on
    // the chart): epoch 0 (error NaN) when the pretrained model is still the best; none before
    // fine-tuning or without validation songs.
    std::optional<std::pair<int, double>> bestValidationEpoch() const;

private:
    // One curve: the error of one phase, layer and song set, raw and smoothed.
    struct Curve
    {
        QString name;
        bool validation = false;
        int chart = 0; // 0 pretraining, 1 fine-tuning
        std::vector<double> epochs;
        std::vector<double> raw;
        std::vector<double> smooth;
        QLineSeries* line = nullptr;  // smoothed (the raw values when smoothing is 0)
        QLineSeries* faint = nullptr; // raw, behind, while smoothing
        bool dirty = false;
    };
    // chart, layer, validation, modality (-1: the whole layer; else its index in m_groupNames)
    using Key = std::tuple<int, std::size_t, bool, int>;

    void forget(); // the data, not the series
    void add(const std::vector<model::EpochStats>& epochs);
    Curve& curve(const Key& key);
    void redraw();
    void redrawCurve(Curve& c);
    void showInLegend(const Curve& c);
    void updateAxes();
    void redrawBest();
    void fitValueAxisTitle(int chart, double plotHeight);
    void replaceValueAxis(int chart);
    void hovered(const QLineSeries* series, const QPointF& point, bool state);

    QChart* m_charts[2];
    QChartView* m_views[2];
    QValueAxis* m_epochAxes[2];
    QValueAxis* m_valueAxes[2] = {nullptr, nullptr}; // a QCategoryAxis on the log scale
    std::vector<double> m_logTicks[2];
    int m_plannedEpochs[2] = {0, 0};
    QWidget* m_viewsBox;
    QLabel* m_hover;
    QLabel* m_explanation;
    QScatterSeries* m_best = nullptr;
    std::vector<model::EpochStats> m_epochs;
    std::map<Key, Curve> m_curves;
    std::vector<QString> m_groupNames; // a multimodal layer 1's modalities, as the epochs name them
    double m_smoothing = 0.0;
    bool m_logScale = false;
};

} // namespace gdbm::ui
