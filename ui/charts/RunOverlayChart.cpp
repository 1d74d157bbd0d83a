#include "charts/RunOverlayChart.h"

#include "util/Theme.h"

#include <QBoxLayout>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace gdbm::ui {
namespace {

// Distinct hues that stay apart on light and dark backgrounds.
const QColor kRunColors[] = {QColor(0x3b, 0x6e, 0xa8), QColor(0xd0, 0x80, 0x2e), QColor(0x4f, 0x9a, 0x6b),
                             QColor(0xa8, 0x45, 0x6b), QColor(0x7b, 0x5f, 0xb0), QColor(0x8c, 0x7a, 0x2e),
                             QColor(0x2e, 0x8c, 0x8c), QColor(0x8a, 0x8a, 0x8a)};

} // namespace

RunOverlayChart::RunOverlayChart(QWidget* parent)
    : QWidget(parent), m_stage(new QComboBox), m_chart(new QChart), m_view(new QChartView(m_chart)),
      m_note(new QLabel)
{
    m_view->setFocusPolicy(Qt::NoFocus); // no Tab stop: a chart takes no keys, and shows no focus
    m_stage->setObjectName("runsStage");
    m_stage->setToolTip(tr("Which curves to compare: a layer's pretraining or the fine-tuning"));
    m_view->setObjectName("runsOverlay");
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_note->setWordWrap(true);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Curves:")));
    top->addWidget(m_stage, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_note);
    connect(m_stage, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    styleChart(m_chart);
    followTheme(this, [this] { styleChart(m_chart); });
    redraw();
}

void RunOverlayChart::setRuns(const std::vector<project::TrainingRun>& runs)
{
    m_runs = runs;
    // Every stage any of the runs has, in training order; the choice stays when it still exists.
    std::size_t layers = 0;
    bool fineTuned = false;
    for (const project::TrainingRun& run : m_runs) {
        for (const model::EpochStats& s : run.curves) {
            if (s.phase == model::Phase::Pretraining)
                layers = std::max(layers, s.layer + 1);
            else
                fineTuned = true;
        }
    }
    const QString chosen = m_stage->currentText();
    m_stages.clear();
    QStringList names;
    for (std::size_t l = 0; l < layers; ++l) {
        m_stages.push_back({model::Phase::Pretraining, l});
        names << tr("Pretraining, layer %1").arg(l + 1);
    }
    if (fineTuned) {
        m_stages.push_back({model::Phase::FineTuning, 0});
        names << tr("Fine-tuning");
    }
    {
        const QSignalBlocker blocker(m_stage);
        m_stage->clear();
        m_stage->addItems(names);
        m_stage->setCurrentIndex(std::max(0, int(names.indexOf(chosen))));
    }
    redraw();
}

QStringList RunOverlayChart::stages() const
{
    QStringList names;
    for (int i = 0; i < m_stage->count(); ++i)
        names << m_stage->itemText(i);
    return names;
}

void RunOverlayChart::setStage(int index)
{
    m_stage->setCurrentIndex(index);
}

int RunOverlayChart::lineCount() const
{
    return int(m_chart->series().size());
}

void RunOverlayChart::redraw()
{
    m_chart->removeAllSeries(); // deletes them
    // removeAxis() hands the axis back: delete it, or every redraw leaks two.
    for (QAbstractAxis* axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    const int index = m_stage->currentIndex();
    if (m_runs.empty() || index < 0 || index >= int(m_stages.size())) {
        m_chart->setTitle(m_runs.empty() ? tr("Select runs in the list to compare their curves") : QString());
        m_note->clear();
        return;
    }
    const Stage stage = m_stages[std::size_t(index)];
    m_chart->setTitle(m_stage->currentText());
    auto* epochs = new QValueAxis;
    epochs->setTitleText(tr("Epoch"));
    epochs->setLabelFormat("%d");
    auto* errors = new QValueAxis;
    errors->setTitleText(tr("Error (1.0 = the mean)"));
    m_chart->addAxis(epochs, Qt::AlignBottom);
    m_chart->addAxis(errors, Qt::AlignLeft);
    double top = 0.0;
    int last = 1;
    QStringList without;
    for (std::size_t r = 0; r < m_runs.size(); ++r) {
        const project::TrainingRun& run = m_runs[r];
        const QColor color = kRunColors[r % std::size(kRunColors)];
        auto* train = new QLineSeries;
        auto* validation = new QLineSeries;
        for (const model::EpochStats& s : run.curves) {
            if (s.phase != stage.phase ||
                (stage.phase == model::Phase::Pretraining && s.layer != stage.layer))
                continue;
            train->append(s.epoch, s.mseTrain);
            top = std::max(top, s.mseTrain);
            last = std::max(last, s.epoch);
            if (std::isfinite(s.mseValidation)) {
                validation->append(s.epoch, s.mseValidation);
                top = std::max(top, s.mseValidation);
            }
        }
        if (train->count() == 0) {
            delete train;
            delete validation;
            without << QString::number(run.number);
            continue;
        }
        train->setName(tr("Run %1").arg(run.number));
        train->setPen(QPen(color, 2));
        validation->setName(tr("Run %1 validation").arg(run.number));
        validation->setPen(QPen(color, 2, Qt::DashLine));
        for (QLineSeries* series : {train, validation}) {
            if (series->count() == 0) {
                delete series;
                continue;
            }
            m_chart->addSeries(series);
            series->attachAxis(epochs);
            series->attachAxis(errors);
            // The legend names the runs; the note under the chart says what dashed means.
            if (series == validation) {
                for (QLegendMarker* marker : m_chart->legend()->markers(series))
                    marker->setVisible(false);
            }
        }
    }
    // Whole epochs only: ticks every 1, 2, 5, 10, 20, ... so that about six fit.
    int step = 1;
    for (int decade = 1; (last - 1) / step > 5; decade *= 10) {
        for (int base : {1, 2, 5}) {
            step = base * decade;
            if ((last - 1) / step <= 5)
                break;
        }
    }
    epochs->setRange(1, std::max(2, last));
    epochs->setTickType(QValueAxis::TicksDynamic);
    epochs->setTickAnchor(0);
    epochs->setTickInterval(step);
    errors->setRange(0.0, top > 0 ? top * 1.05 : 1.0);
    errors->applyNiceNumbers();
    styleChart(m_chart);
    m_note->setText(without.isEmpty() ? tr("Solid: training songs; dashed: validation songs.")
                                      : tr("Solid: training songs; dashed: validation songs. Not drawn (no "
                                           "epoch of this stage): run %1.")
                                            .arg(without.join(", ")));
}

} // namespace gdbm::ui
