#include "EvaluationPage.h"

#include "EvaluationSummary.h"
#include "charts/GroupedBarChart.h"
#include "core/Text.h"
#include "jobs/JobProgressBar.h"
#include "jobs/JobRunner.h"
#include "models/EvaluationTableModel.h"
#include "rec/Comparison.h"
#include "rec/EvaluationCsv.h"
#include "rec/MethodTable.h"
#include "util/FileDialog.h"
#include "util/Format.h"
#include "util/LabelStyle.h"
#include "util/MessageBox.h"
#include "util/SavedNotice.h"
#include "util/ShownFocus.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>

namespace gdbm::ui {
namespace {

// A colour per method, the same in both protocols (a method that cannot rank has no bars, and
// the others keep theirs): the DBM's embeddings in blues, content in green and orange, the
// collaborative baselines in purple and red, the trivial ones in greys.
QColor methodColor(const std::string& key)
{
    static const QColor colors[] = {QColor(0xa3, 0x1f, 0x6b), QColor(0x1f, 0x4e, 0x8c),
                                    QColor(0x3b, 0x7d, 0xc4), QColor(0x8d, 0xb8, 0xe8),
                                    QColor(0x4f, 0x9a, 0x6b), QColor(0xd0, 0x8a, 0x2e),
                                    QColor(0x7b, 0x52, 0xab), QColor(0xc0, 0x39, 0x2b),
                                    QColor(0x5f, 0x5f, 0x5f), QColor(0xb4, 0xb4, 0xb4)};
    const auto method = rec::methodFromKey(key);
    const auto index = method ? std::size_t(*method) : std::size(colors) - 1;
    return colors[std::min(index, std::size(colors) - 1)];
}

} // namespace

EvaluationPage::EvaluationPage(AppState& state, QWidget* parent)
    : QWidget(parent), m_state(state), m_jobs(new JobRunner(this)), m_model(new EvaluationTableModel(this))
{
    setObjectName("evaluationPage");

    m_banner = new QLabel;
    m_banner->setObjectName("evalBanner");
    m_banner->setWordWrap(true);
    m_banner->setMargin(8);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buildControls());
    layout->addWidget(m_banner);
    layout->addLayout(buildSummaryRow());
    layout->addWidget(buildTable());
    layout->addWidget(buildChartPanel(), 1);
    layout->addStretch(); // takes the room while the table and the chart are hidden

    connectSignals();
    evaluationChanged();
}

QLayout* EvaluationPage::buildSummaryRow()
{
    m_summary = new QLabel;
    m_summary->setObjectName("evalSummary");
    m_summary->setWordWrap(true);
    makeSecondary(m_summary);
    auto* protocolLabel = new QLabel(tr("&Protocol:"));
    protocolLabel->setBuddy(m_protocol);
    auto* summaryRow = new QHBoxLayout;
    summaryRow->addWidget(protocolLabel);
    summaryRow->addWidget(m_protocol);
    summaryRow->addSpacing(12);
    summaryRow->addWidget(m_summary, 1);
    return summaryRow;
}

QWidget* EvaluationPage::buildTable()
{
    m_table = new QTableView;
    setShownFocus(this, m_table);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; arrows move within it
    m_table->setObjectName("evalTable");
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    // A small table (six methods): the metric names wrap in the header rather than being cut.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::Alignment(Qt::AlignCenter | Qt::TextWordWrap));
    m_table->horizontalHeader()->setFixedHeight(2 * m_table->fontMetrics().lineSpacing() + 10);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().lineSpacing() + 8);
    fitTableHeight();
    return m_table;
}

QWidget* EvaluationPage::buildChartPanel()
{
    m_metric = new QComboBox;
    m_metric->setObjectName("evalMetric");
    m_metric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_metric->setToolTip(tr("The metric the chart shows for each archetype"));
    m_exportChart = new QPushButton(tr("Export chart PNG..."));
    m_exportChart->setObjectName("evalExportChart");
    m_exportChart->setToolTip(tr("The per-archetype chart as an image"));
    m_chart = new GroupedBarChart(tr("Per archetype"));
    m_chart->setObjectName("evalChart");
    m_chartPanel = new QWidget;
    auto* chartBar = new QHBoxLayout;
    chartBar->addWidget(new QLabel(tr("Per archetype:")));
    chartBar->addWidget(m_metric);
    chartBar->addStretch();
    chartBar->addWidget(m_exportChart);
    auto* chartLayout = new QVBoxLayout(m_chartPanel);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addLayout(chartBar);
    chartLayout->addWidget(m_chart, 1);
    return m_chartPanel;
}

void EvaluationPage::connectSignals()
{
    connect(m_table->horizontalScrollBar(), &QScrollBar::rangeChanged, this, &EvaluationPage::fitTableHeight);
    connect(m_run, &QPushButton::clicked, this, &EvaluationPage::run);
    connect(m_cancel, &QPushButton::clicked, this, &EvaluationPage::cancel);
    connect(m_exportCsv, &QPushButton::clicked, this, &EvaluationPage::exportCsv);
    connect(m_exportChart, &QPushButton::clicked, this, &EvaluationPage::exportChart);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &EvaluationPage::updateChart);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue("evaluation/protocol", m_protocol->currentData());
        showEvaluation();
    });
    showProgressOf(*m_jobs, *m_progress);
    connect(m_jobs, &JobRunner::finished, this, [this] { setRunning(false); });
    connect(m_jobs, &JobRunner::failed, this,
            [this](const QString& message) { MessageBox::critical(this, tr("Evaluation failed"), message); });
    connect(&m_state, &AppState::evaluationChanged, this, &EvaluationPage::evaluationChanged);
    connect(&m_state, &AppState::modelChanged, this, &EvaluationPage::updateBanner);
    connect(&m_state, &AppState::simulationChanged, this, &EvaluationPage::updateBanner);
    connect(&m_state, &AppState::simulationOutOfDateChanged, this, &EvaluationPage::updateBanner);
    connect(&m_state, &AppState::catalogChanged, this, &EvaluationPage::updateBanner);
}

QAbstractItemModel* EvaluationPage::tableModel() const
{
    return m_model;
}

rec::Protocol EvaluationPage::protocol() const
{
    return rec::protocolFromKey(m_protocol->currentData().toString().toStdString())
        .value_or(rec::Protocol::Warm);
}

std::shared_ptr<const rec::EvaluationResult> EvaluationPage::shownResult() const
{
    const auto set = m_state.evaluation();
    const rec::EvaluationResult* result = set ? set->find(protocol()) : nullptr;
    // Shares ownership of the set: the table keeps it alive while it shows the result.
    return result ? std::shared_ptr<const rec::EvaluationResult>(set, result) : nullptr;
}

void EvaluationPage::fitTableHeight()
{
    // Room for every method (and the scroll bar of a narrow window), no more: the chart gets the
    // rest of the page.
    const QScrollBar* bar = m_table->horizontalScrollBar();
    const int rows = int(rec::methodTable().size());
    m_table->setFixedHeight(m_table->horizontalHeader()->height() +
                            rows * m_table->verticalHeader()->defaultSectionSize() +
                            2 * m_table->frameWidth() + (bar->maximum() > 0 ? bar->sizeHint().height() : 0));
}

void EvaluationPage::setRunning(bool running)
{
    m_cancel->setEnabled(running);
    m_progress->setVisible(running);
    if (running) {
        m_progress->setRange(0, 0);
        m_progress->setFormat(tr("Starting..."));
    }
    updateBanner();
}

void EvaluationPage::run()
{
    const auto catalog = m_state.simulationCatalog();
    const auto simulation = m_state.simulation();
    const auto model = m_state.model();
    if (m_jobs->isRunning() || !catalog || !simulation || !model)
        return;
    QSettings settings;
    settings.setValue("evaluation/k", m_k->value());
    settings.setValue("evaluation/seed", m_seed->value());
    settings.setValue("evaluation/splits", m_splits->value());
    const auto k = std::size_t(m_k->value());
    const auto seed = std::uint64_t(m_seed->value());
    const auto splits = std::size_t(m_splits->value());

    m_jobs->start(
        tr("Evaluating the recommendations"),
        [catalog, simulation, model, k, seed, splits](const ProgressCallback& progress,
                                                      const CancelFlag& cancel) {
            std::vector<rec::Protocol> protocols;
            for (const rec::ProtocolInfo& info : rec::protocolTable())
                protocols.push_back(info.protocol);
            rec::ComparisonParams params;
            params.k = k;
            params.seed = seed;
            return std::any(std::make_shared<const rec::EvaluationSet>(rec::compareOverSplits(
                *catalog, *simulation, *model, params, protocols, splits, progress, &cancel)));
        },
        [this, simulation, model](std::any result) {
            // Computed from the inputs of the start: if they changed meanwhile, it is out of date.
            m_state.setEvaluation(std::any_cast<std::shared_ptr<const rec::EvaluationSet>>(result), model,
                                  simulation);
        });
    setRunning(true);
}

void EvaluationPage::cancel()
{
    m_jobs->cancel();
}

void EvaluationPage::evaluationChanged()
{
    // The controls show the settings of the results (a project's, a run's); the banner says so
    // once they are changed.
    if (const auto evaluation = m_state.evaluation(); evaluation && !evaluation->results.empty()) {
        m_k->setValue(int(evaluation->results.front().k));
        m_splits->setValue(int(evaluation->splitCount()));
    }
    showEvaluation();
}

void EvaluationPage::showEvaluation()
{
    const auto result = shownResult();
    m_model->setResult(result);
    // A method that cannot rank this protocol's tracks says so across its row.
    m_table->clearSpans();
    if (result) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (!result->methods[std::size_t(row)].ranked && m_model->columnCount() > 1)
                m_table->setSpan(row, 0, 1, m_model->columnCount());
        }
    }
    const QString chosen = m_metric->currentData().toString();
    {
        const QSignalBlocker blocker(m_metric);
        m_metric->clear();
        if (result) {
            for (const std::string& metric : rec::metricsOf(*result)) {
                m_metric->addItem(EvaluationTableModel::metricLabel(metric, result->k),
                                  QString::fromStdString(metric));
                m_metric->setItemData(m_metric->count() - 1,
                                      EvaluationTableModel::metricToolTip(metric, result->k),
                                      Qt::ToolTipRole);
            }
        }
        const int keep = m_metric->findData(chosen.isEmpty() ? QStringLiteral("ndcg") : chosen);
        m_metric->setCurrentIndex(std::max(0, keep));
    }
    if (result) {
        m_summary->setText(evaluationSummary(*result, m_state.evaluation().get()));
    } else if (m_state.evaluation()) {
        m_summary->setText(tr("This evaluation predates the new-tracks protocol: run it again to see it."));
    } else {
        m_summary->setText(tr("Returning listeners: 20% of each user's tracks is held out and every method "
                              "recommends K tracks from the other 80%. New tracks: 10% of the tracks lose "
                              "every listen, and only they are ranked. The hybrid DBM learns from listening, "
                              "so each run trains it afresh on what the protocol keeps."));
    }
    m_exportCsv->setEnabled(result != nullptr);
    m_exportChart->setEnabled(result != nullptr);
    m_table->setVisible(result != nullptr);
    m_chartPanel->setVisible(result != nullptr);
    fitColumns();
    updateChart();
    updateBanner();
}

void EvaluationPage::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitColumns();
}

void EvaluationPage::fitColumns()
{
    // Below this width the full method names and metric headers need more than the page has.
    const bool narrow = width() < 1000;
    QHeaderView* metrics = m_table->horizontalHeader();
    QFont font = m_table->font();
    if (narrow)
        font.setPointSizeF(font.pointSizeF() * 0.9);
    metrics->setFont(font);
    m_table->verticalHeader()->setMaximumWidth(
        narrow ? m_table->fontMetrics().horizontalAdvance("DBM audio only, top lay") + 12 : QWIDGETSIZE_MAX);
    // Metric names wrap at spaces; a column is never narrower than its longest word.
    int longestWord = m_table->fontMetrics().horizontalAdvance("0.000");
    for (int c = 0; c < m_model->columnCount(); ++c) {
        for (const QString& word :
             m_model->headerData(c, Qt::Horizontal).toString().split(QRegularExpression("\\s")))
            longestWord = std::max(longestWord, QFontMetrics(font).horizontalAdvance(word));
    }
    metrics->setMinimumSectionSize(longestWord + 8);
}

void EvaluationPage::updateChart()
{
    const auto result = shownResult();
    const std::string metric = m_metric->currentData().toString().toStdString();
    if (!result || metric.empty()) {
        m_chart->setTitle(tr("Per archetype"));
        m_chart->setData({}, {}, {});
        return;
    }
    // Archetypes in the order of the simulation's set, as on the Simulation page.
    const auto simulation = m_state.evaluatedSimulation();
    const EvaluationTableModel::PerArchetype bars = EvaluationTableModel::perArchetype(
        *result, metric, simulation ? simulation->archetypeNames : std::vector<std::string>());
    const QString label = EvaluationTableModel::metricLabel(metric, result->k);
    m_chart->setTitle(tr("%1 per archetype").arg(label));
    m_chart->setValueDecimals(metric == "novelty" ? 2 : 3);
    // Every metric but novelty (bits) and diversity (one minus a mean cosine) is a share.
    m_chart->setValueCeiling(metric == "novelty" || metric == "diversity" ? 0 : 1);
    QList<QColor> colors;
    for (const std::string& key : bars.methodKeys)
        colors << methodColor(key);
    m_chart->setColors(colors);
    // How many users each archetype's values are means over: the fewer, the more they move.
    QStringList notes;
    for (const QString& archetype : bars.archetypes) {
        const auto users = result->usersPerArchetype.find(archetype.toStdString());
        notes << (users == result->usersPerArchetype.end()
                      ? QString()
                      : tr("a mean over %1").arg(countOf(users->second, tr("user"), tr("users"))));
    }
    m_chart->setCategoryNotes(notes);
    m_chart->setData(bars.archetypes, bars.methods, bars.values);
    m_chart->setValueAxisTitle(label);
}

void EvaluationPage::updateBanner()
{
    const bool running = m_jobs->isRunning();
    QStringList missing;
    if (!m_state.simulation())
        missing << tr("Run the simulation first (on the Simulation page).");
    if (!m_state.model())
        missing << tr("Train a model on the Training page.");
    m_run->setEnabled(!running && missing.isEmpty());

    QString text;
    QString style = bannerStyle(BannerKind::Note);
    if (!missing.isEmpty()) {
        text = tr("Nothing to evaluate yet. ") + missing.join(' ');
    } else if (m_state.evaluation()) {
        QStringList changed;
        if (m_state.evaluationModelChanged())
            changed << tr("the model");
        if (m_state.evaluationSimulationChanged())
            changed << tr("the simulation");
        if (!changed.isEmpty()) {
            text = tr("Out of date: %1 changed since this evaluation. Run it again to update it.")
                       .arg(changed.join(tr(" and ")));
            style = bannerStyle(BannerKind::OutOfDate);
        }
        // Settings changed since (or a run with others cancelled): the results keep their own.
        const rec::EvaluationSet& shown = *m_state.evaluation();
        const std::size_t shownK = shown.results.empty() ? 0 : shown.results.front().k;
        const std::size_t shownSplits = shown.splitCount();
        if (!running && shownK > 0 &&
            (shownK != std::size_t(m_k->value()) || shownSplits != std::size_t(m_splits->value()))) {
            const auto splits = [](std::size_t n) { return n == 1 ? tr("1 split") : tr("%1 splits").arg(n); };
            const QString settings =
                tr("These results are for K = %1 and %2; Run evaluation would use K = %3 and %4.")
                    .arg(shownK)
                    .arg(splits(shownSplits))
                    .arg(m_k->value())
                    .arg(splits(std::size_t(m_splits->value())));
            text = text.isEmpty() ? settings : text + '\n' + settings;
        }
    } else if (!running) {
        text = tr("No evaluation yet: choose K and the holdout seed, then press Run evaluation.");
    }
    // Upstream of the evaluation: an evaluation run now would measure what no longer fits.
    QStringList upstream;
    if (m_state.simulation() && m_state.simulationOutOfDate())
        upstream << tr("the simulation (the catalog, thresholds or archetypes changed since it ran: Ctrl+R)");
    if (const QString reason = m_state.modelOutOfDateReason(); !reason.isEmpty())
        upstream << tr("the model (%1: Ctrl+T)").arg(reason);
    if (!upstream.isEmpty()) {
        text = tr("Out of date upstream: %1. An evaluation now would measure them as they are.")
                   .arg(upstream.join(tr("; "))) +
               (text.isEmpty() ? QString() : '\n' + text);
        style = bannerStyle(BannerKind::OutOfDate);
    }
    m_banner->setText(text);
    m_banner->setStyleSheet(style);
    m_banner->setVisible(!text.isEmpty());
}

void EvaluationPage::exportCsv()
{
    const auto result = shownResult();
    if (!result)
        return;
    const QString path = FileDialog::saveFile(
        this, "evaluation", tr("Export the evaluation"), tr("CSV files (*.csv)"),
        QStringLiteral("evaluation-%1-top%2.csv").arg(m_protocol->currentData().toString()).arg(result->k));
    if (path.isEmpty())
        return;
    try {
        // An evaluation repeated on several splits adds its figures over them.
        const auto set = m_state.evaluation();
        rec::saveEvaluationCsv(*result, path.toStdString(),
                               set ? set->findAcrossSplits(protocol()) : nullptr);
        announceSaved(this, path);
    } catch (const std::exception& e) {
        // Not only InputError: an exception escaping a slot ends the app.
        MessageBox::critical(this, tr("Export failed"), QString::fromStdString(e.what()));
    }
}

void EvaluationPage::exportChart()
{
    const auto result = shownResult();
    if (!result)
        return;
    const QString suggested =
        QStringLiteral("evaluation-%1-%2-top%3.png")
            .arg(m_protocol->currentData().toString(), m_metric->currentData().toString())
            .arg(result->k);
    const QString path =
        FileDialog::saveFile(this, "evaluation", tr("Export the chart"), tr("PNG images (*.png)"), suggested);
    if (path.isEmpty())
        return;
    // QSaveFile: the old file stays whole until the new one is complete.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !m_chart->grab().save(&file, "PNG") || !file.commit())
        MessageBox::critical(this, tr("Export failed"),
                             tr("Could not write %1: %2").arg(path, file.errorString()));
    else
        announceSaved(this, path);
}

} // namespace gdbm::ui
