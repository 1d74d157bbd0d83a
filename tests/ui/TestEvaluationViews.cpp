// The Evaluation page's two views: the switch between the protocols (the new-tracks view's
// rows for methods that cannot rank, the colours, the remembered choice) and the per-archetype
// chart of a chosen metric.
#include "EvaluationPageFixture.h"
#include "charts/GroupedBarChart.h"
#include "models/EvaluationTableModel.h"
#include "rec/Comparison.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QScrollBar>
#include <QSet>
#include <QTableView>
#include <QToolTip>

using namespace gdbm;
using namespace gdbm::testing;
using gdbm::ui::EvaluationPage;
using gdbm::ui::EvaluationTableModel;

class TestEvaluationViews : public QObject, public EvaluationPageFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestCase("TestEvaluationViews"); }
    void init() { setUpPage(); }
    void cleanup() { tearDownPage(); }

    void protocolSwitchShowsNewTracks();
    void chartShowsTheChosenMetric();
    void chartOfSharesStopsAtOne();
};

void TestEvaluationViews::protocolSwitchShowsNewTracks()
{
    setInputs();
    runAndWait(10, 2);
    const rec::EvaluationResult expected =
        rec::compareMethods(*m_loaded.catalog, *m_simulation, *m_model, {10, 2, rec::Protocol::NewTracks});
    QCOMPARE(protocolSwitch()->count(), int(rec::protocolTable().size()));
    protocolSwitch()->setCurrentIndex(protocolSwitch()->findData(QStringLiteral("new-tracks")));
    QCOMPARE(m_page->protocol(), rec::Protocol::NewTracks);
    QCOMPARE(QSettings().value("evaluation/protocol").toString(), QStringLiteral("new-tracks"));
    // On the page of a 1024-pixel screen (compact sidebar) every metric's column is in view.
    m_page->resize(900, 560);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QVERIFY2(!m_page->table()->horizontalScrollBar()->isVisible(),
             qPrintable(QString("metrics %1 px wide in %2 px")
                            .arg(m_page->table()->horizontalHeader()->length())
                            .arg(m_page->table()->viewport()->width())));

    // Every method has its row; those that learn from listening say why they have no values,
    // across the whole row.
    const QAbstractItemModel* table = m_page->tableModel();
    QCOMPARE(table->rowCount(), int(rec::methodTable().size()));
    int unranked = 0;
    for (int r = 0; r < table->rowCount(); ++r) {
        const rec::MethodEvaluation& m = expected.methods[std::size_t(r)];
        QCOMPARE(table->headerData(r, Qt::Vertical).toString(), EvaluationTableModel::methodLabel(m.method));
        if (m.ranked) {
            QCOMPARE(table->index(r, 2).data(EvaluationTableModel::kValueRole).toDouble(),
                     m.overall.at("ndcg"));
            QCOMPARE(m_page->table()->columnSpan(r, 0), 1);
            continue;
        }
        ++unranked;
        QCOMPARE(table->index(r, 0).data().toString(), EvaluationTableModel::unrankedText());
        QVERIFY(!table->index(r, 2).data(EvaluationTableModel::kValueRole).isValid());
        QCOMPARE(m_page->table()->columnSpan(r, 0), table->columnCount());
    }
    QCOMPARE(unranked, 3); // item-kNN, implicit MF, popularity
    // Novelty cannot tell methods apart on tracks nobody heard: no method is bold for it, while
    // NDCG has its best.
    int novelty = -1;
    for (int c = 0; c < table->columnCount(); ++c) {
        if (table->headerData(c, Qt::Horizontal).toString().startsWith("Novelty"))
            novelty = c;
    }
    QVERIFY(novelty >= 0);
    bool anyBest = false, ndcgBest = false;
    for (int r = 0; r < table->rowCount(); ++r) {
        anyBest = anyBest || table->index(r, novelty).data(Qt::FontRole).value<QFont>().bold();
        ndcgBest = ndcgBest || table->index(r, 2).data(Qt::FontRole).value<QFont>().bold();
    }
    QVERIFY(!anyBest);
    QVERIFY(ndcgBest);
    // The chart has a bar set per method that ranked.
    QCOMPARE(m_page->chart()->sets().size(), int(rec::methodTable().size()) - unranked);
    // Random keeps its colour from one protocol to the other; no two methods share one.
    const auto colorsOf = [this] {
        QList<QRgb> colors;
        auto* series = qobject_cast<QBarSeries*>(m_page->chart()->view()->chart()->series().front());
        for (QBarSet* set : series->barSets())
            colors << set->color().rgb();
        return colors;
    };
    const QList<QRgb> newTrackColors = colorsOf();
    QCOMPARE(QSet<QRgb>(newTrackColors.begin(), newTrackColors.end()).size(), newTrackColors.size());
    for (const QList<qreal>& row : m_page->chart()->values()) {
        for (qreal v : row)
            QVERIFY2(v >= 0 && v <= 1, qPrintable(QString::number(v))); // NDCG is a share
    }
    const QString summary = m_page->findChild<QLabel*>(QStringLiteral("evalSummary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("among %1 new tracks").arg(expected.tracksRanked)),
             qPrintable(summary));

    // The choice is remembered by the next page; back to returning listeners, no span is left.
    {
        const EvaluationPage another(*m_state);
        QCOMPARE(another.protocol(), rec::Protocol::NewTracks);
    }
    protocolSwitch()->setCurrentIndex(protocolSwitch()->findData(QStringLiteral("warm")));
    for (int r = 0; r < table->rowCount(); ++r)
        QCOMPARE(m_page->table()->columnSpan(r, 0), 1);
    QCOMPARE(m_page->chart()->sets().size(), int(rec::methodTable().size()));
    const QList<QRgb> warmColors = colorsOf();
    QCOMPARE(QSet<QRgb>(warmColors.begin(), warmColors.end()).size(), warmColors.size());
    QCOMPARE(warmColors.back(), newTrackColors.back());
}

void TestEvaluationViews::chartShowsTheChosenMetric()
{
    setInputs();
    runAndWait(10, 1);
    const rec::EvaluationResult& result = warm();
    auto* combo = m_page->findChild<QComboBox*>(QStringLiteral("evalMetric"));
    QCOMPARE(combo->currentData().toString(), QStringLiteral("ndcg"));
    QCOMPARE(combo->count(), int(rec::metricOrder().size()));

    const ui::GroupedBarChart* chart = m_page->chart();
    QCOMPARE(chart->objectName(), QStringLiteral("evalChart"));
    QCOMPARE(chart->sets().size(), int(rec::methodTable().size()));
    QCOMPARE(chart->sets().front(), QStringLiteral("DBM hybrid"));
    QCOMPARE(chart->sets().at(1), QStringLiteral("DBM audio only, top layer"));
    // One category per archetype, in the order of the simulation's set.
    QStringList archetypes;
    for (const std::string& name : m_simulation->archetypeNames) {
        if (result.methods.front().perArchetype.count(name))
            archetypes << QString::fromStdString(name);
    }
    QCOMPARE(archetypes.size(), 12);
    QCOMPARE(chart->categories(), archetypes);
    const auto valuesOf = [&](const std::string& metric) {
        QList<QList<qreal>> values;
        for (const rec::MethodEvaluation& m : result.methods) {
            QList<qreal>& row = values.emplace_back();
            for (const QString& a : archetypes)
                row << m.perArchetype.at(a.toStdString()).at(metric);
        }
        return values;
    };
    QCOMPARE(chart->values(), valuesOf("ndcg"));
    const QChart* qchart = chart->view()->chart();
    QCOMPARE(qchart->series().size(), 1);
    // The legend under the chart names every method in full (Qt's own cut three of them to the
    // same "DBM audio o..."), and breaks lines between names only.
    QVERIFY(!qchart->legend()->isVisible());
    const QString legend = chart->legend()->text();
    for (const rec::MethodInfo& m : rec::methodTable())
        QVERIFY2(legend.contains(
                     QString::fromUtf8(m.label.data(), qsizetype(m.label.size())).replace(' ', "&nbsp;")),
                 qPrintable(legend));
    QVERIFY(qchart->title().contains(QStringLiteral("NDCG@10")));

    combo->setCurrentIndex(combo->findData(QStringLiteral("precision")));
    QCOMPARE(chart->values(), valuesOf("precision"));
    QVERIFY(chart->values() != valuesOf("ndcg"));
    QVERIFY(chart->view()->chart()->title().contains(QStringLiteral("Precision@10")));

    // Hovering a bar names the method, the archetype, the value and how many users it is a mean over.
    auto* series = qobject_cast<QBarSeries*>(chart->view()->chart()->series().front());
    QVERIFY(series);
    QCOMPARE(series->count(), int(rec::methodTable().size()));
    QCOMPARE(series->barSets().front()->count(), 12);
    const std::size_t users = result.usersPerArchetype.at(archetypes[3].toStdString());
    QVERIFY(users > 1);
    const QString expectedText = QStringLiteral("Audio features, %1: %2 (a mean over %3 users)")
                                     .arg(archetypes[3], QString::number(valuesOf("precision")[4][3], 'f', 3))
                                     .arg(users);
    QCOMPARE(chart->barText(4, 3), expectedText);
    Q_EMIT series->hovered(true, 3, series->barSets()[4]);
    QTRY_COMPARE(QToolTip::text(), expectedText);
    Q_EMIT series->hovered(false, 3, series->barSets()[4]);
}

QTEST_MAIN(TestEvaluationViews)
#include "TestEvaluationViews.moc"

// A share's axis ends at 1, where its headroom would round up to 1.5; other metrics keep it.
void TestEvaluationViews::chartOfSharesStopsAtOne()
{
    ui::GroupedBarChart chart(QStringLiteral("shares"));
    chart.setData({"a", "b"}, {"one"}, {{0.2, 0.964}});
    QVERIFY(chart.valueAxisMax() > 1);
    chart.setValueCeiling(1);
    chart.setData({"a", "b"}, {"one"}, {{0.2, 0.964}});
    QCOMPARE(chart.valueAxisMax(), 1.0);
    chart.setData({"a", "b"}, {"one"}, {{0.2, 0.3}});
    QVERIFY(chart.valueAxisMax() < 0.5);

    setInputs();
    runAndWait(10, 1);
    auto* combo = m_page->findChild<QComboBox*>(QStringLiteral("evalMetric"));
    combo->setCurrentIndex(combo->findData(QStringLiteral("novelty")));
    QVERIFY(m_page->chart()->valueAxisMax() > 1);
}
