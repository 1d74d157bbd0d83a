// BarChart's category labels as the chart resizes: a ranking (the Data page's top genres) shows
// only the entries whose names fit, every one named, and says how many in its title.
#include "AppState.h"
#include "charts/BarChart.h"
#include "data/DemoCatalog.h"
#include "data/GenreStats.h"
#include "pages/CatalogChartsPanel.h"

#include <QBarCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QFontMetrics>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

using namespace gdbm;

namespace {

QStringList rankedNames(int n)
{
    QStringList names;
    for (int i = n; i >= 1; --i) // bottom-up, the largest last, as the Data page gives them
        names << QString("genre %1").arg(i);
    return names;
}

QBarCategoryAxis* categoryAxis(const ui::BarChart& chart)
{
    const QList<QAbstractAxis*> axes = chart.view()->chart()->axes(Qt::Vertical);
    return axes.isEmpty() ? nullptr : qobject_cast<QBarCategoryAxis*>(axes.first());
}

} // namespace

class TestBarChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rankingShowsTheLastCategoriesThatFit();
    void otherChartsKeepEveryCategory();
    void fewCountsGetWholeNumberTicks();
    void topGenresTitleSaysHowManyItShows();
};

void TestBarChart::rankingShowsTheLastCategoriesThatFit()
{
    ui::BarChart chart("Top");
    chart.setHorizontal(true);
    chart.setCategoryLabelStyle(8, 0);
    chart.setShowsLastThatFit(true);
    QList<qreal> values;
    for (int i = 1; i <= 15; ++i)
        values << i;
    const QStringList names = rankedNames(15);
    chart.setBars(names, values);
    QSignalSpy shown(&chart, &ui::BarChart::shownCountChanged);
    chart.resize(320, 600);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTRY_COMPARE(categoryAxis(chart)->categories(), names);
    QCOMPARE(chart.shownCount(), 15);

    // Too short for fifteen names: the largest that fit, each named, none blank.
    chart.resize(320, 220);
    QTRY_VERIFY(chart.shownCount() < 15);
    const int n = chart.shownCount();
    QVERIFY(n >= 1);
    QTRY_COMPARE(categoryAxis(chart)->categories(), names.mid(15 - n));
    QVERIFY(!shown.isEmpty());
    QCOMPARE(shown.last().first().toInt(), n);
    const QFontMetrics metrics(categoryAxis(chart)->labelsFont());
    QVERIFY2(
        n * metrics.height() <= chart.view()->chart()->plotArea().height(),
        qPrintable(QString("%1 labels in %2 px").arg(n).arg(chart.view()->chart()->plotArea().height())));
    QCOMPARE(chart.values(), values); // the chart keeps every value for when it grows

    // Taller again: all fifteen.
    chart.resize(320, 600);
    QTRY_COMPARE(chart.shownCount(), 15);
    QTRY_COMPARE(categoryAxis(chart)->categories(), names);
}

void TestBarChart::otherChartsKeepEveryCategory()
{
    ui::BarChart chart("Users per archetype");
    chart.setHorizontal(true);
    chart.setBars(rankedNames(15), QList<qreal>(15, 1.0));
    chart.resize(320, 200);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTest::qWait(50);
    QCOMPARE(chart.shownCount(), 15);
    QCOMPARE(categoryAxis(chart)->categories().size(), 15);
}

void TestBarChart::fewCountsGetWholeNumberTicks()
{
    // 9 tracks in a few bins: ticks 0, 1, 2, 3, never 0.5.
    ui::BarChart chart("Distribution");
    chart.setBars({"a", "b", "c"}, {2, 3, 4});
    const QList<QAbstractAxis*> axes = chart.view()->chart()->axes(Qt::Vertical);
    QCOMPARE(axes.size(), 1);
    auto* values = qobject_cast<QValueAxis*>(axes.first());
    QVERIFY(values);
    QCOMPARE(values->tickType(), QValueAxis::TicksDynamic);
    QCOMPARE(values->tickInterval(), 1.0);
    QCOMPARE(values->tickAnchor(), 0.0);
    QCOMPARE(values->max(), 5.0);
    QCOMPARE(values->labelFormat(), QString("%.0f"));
}

void TestBarChart::topGenresTitleSaysHowManyItShows()
{
    ui::AppState state;
    state.setCatalog(
        ui::prepareCatalog(data::generateDemoCatalog({2000, 1}), data::GenreThresholds::scaledFor(2000)));
    ui::CatalogChartsPanel panel(state);
    panel.showCatalog();
    auto* genres = panel.findChild<ui::BarChart*>("topGenresChart");
    QVERIFY(genres);
    panel.resize(320, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTRY_COMPARE(genres->shownCount(), 15);
    QCOMPARE(genres->title(), QString("Top 15 genres by tracks"));

    panel.resize(320, 420);
    QTRY_VERIFY(genres->shownCount() < 15);
    QCOMPARE(genres->title(), QString("Top %1 genres by tracks").arg(genres->shownCount()));
    // The largest genre is among them.
    const data::GenreCount largest = state.genreStats().byCount.front();
    QTRY_COMPARE(categoryAxis(*genres)->categories().last(),
                 QString::fromStdString(state.catalog()->genreName(largest.genre)));
}

QTEST_MAIN(TestBarChart)
#include "TestBarChart.moc"
