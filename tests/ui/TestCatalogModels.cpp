#include "AppState.h"
#include "KeepScreenshot.h"
#include "charts/BarChart.h"
#include "data/DatasetLoader.h"
#include "data/DemoCatalog.h"
#include "models/CatalogFilterModel.h"
#include "models/CatalogTableModel.h"
#include "pages/DataPage.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <functional>
#include <memory>
#include <numeric>

using namespace gdbm;
using gdbm::ui::CatalogFilterModel;
using gdbm::ui::CatalogTableModel;
using gdbm::ui::kSortRole;

namespace {

std::shared_ptr<const data::Catalog> demoCatalog(std::size_t tracks, std::uint64_t seed)
{
    return std::make_shared<const data::Catalog>(data::generateDemoCatalog({tracks, seed}));
}

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

int countTracks(const data::Catalog& catalog, const std::function<bool(const data::Track&)>& accept)
{
    int n = 0;
    for (const data::Track& t : catalog.tracks())
        n += accept(t) ? 1 : 0;
    return n;
}

bool hasText(const data::Track& t, const QString& needle)
{
    return qs(t.name).contains(needle, Qt::CaseInsensitive) ||
           qs(t.artistsText).contains(needle, Qt::CaseInsensitive);
}

// A table model and its filter model, both watched by QAbstractItemModelTester (fatal mode).
struct Models
{
    CatalogTableModel table;
    CatalogFilterModel filter;
    QAbstractItemModelTester tableTester{&table, QAbstractItemModelTester::FailureReportingMode::Fatal};
    QAbstractItemModelTester filterTester{&filter, QAbstractItemModelTester::FailureReportingMode::Fatal};

    explicit Models(std::shared_ptr<const data::Catalog> catalog)
    {
        filter.setSourceModel(&table);
        table.setCatalog(std::move(catalog));
    }
};

} // namespace

class TestCatalogModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void knownCells();
    void sortsNumericColumnsAscending();
    void sortsTextColumnsOnFoldedText();
    void textFilter();
    void genreFilter();
    void yearRange();
    void filtersCombineAndClear();
    void settersRefilterOnlyOnChange();
    void setCatalogResets();
    void dataPageFollowsStateAndFilters();
    void dataPageThresholdsAreLive();
    void dataPageShowsLoadReport();
    void dataPageRendersAt1280x800();

private:
    std::shared_ptr<const data::Catalog> m_catalog;
    std::shared_ptr<const data::Catalog> m_other;
};

void TestCatalogModels::initTestCase()
{
    m_catalog = demoCatalog(2000, 1);
    m_other = demoCatalog(500, 2);
    QCOMPARE(m_catalog->size(), std::size_t(2000));
}

void TestCatalogModels::knownCells()
{
    Models m(m_catalog);
    const data::Catalog& c = *m_catalog;
    QCOMPARE(m.table.rowCount(), 2000);
    QCOMPARE(m.table.columnCount(), 6 + 12 + 1); // fixed columns, other features, duration
    const int track = m.table.columnOf(CatalogTableModel::ColumnKind::Track);
    const int artist = m.table.columnOf(CatalogTableModel::ColumnKind::Artist);
    const int year = m.table.columnOf(CatalogTableModel::ColumnKind::Year);
    const int genres = m.table.columnOf(CatalogTableModel::ColumnKind::Genres);
    const int energy = m.table.columnOf(data::Feature::Energy);
    const int duration = m.table.columnOf(data::Feature::DurationMs);
    QCOMPARE(m.table.headerData(energy, Qt::Horizontal).toString(), QString("Energy"));
    QCOMPARE(m.table.headerData(duration, Qt::Horizontal).toString(), QString("Duration"));
    QCOMPARE(duration, m.table.columnCount() - 1);

    for (int row : {0, 17, 1234, 1999}) {
        const data::Track& t = c.track(std::size_t(row));
        QCOMPARE(m.table.index(row, track).data().toString(), qs(t.name));
        QCOMPARE(m.table.index(row, artist).data().toString(), qs(t.artistsText));
        QCOMPARE(m.table.index(row, year).data().toString(), QString::number(t.year));
        QCOMPARE(m.table.index(row, year).data(kSortRole).toDouble(), double(t.year));
        const double e = c.feature(std::size_t(row), data::Feature::Energy);
        QCOMPARE(m.table.index(row, energy).data(kSortRole).toDouble(), e);
        QCOMPARE(m.table.index(row, energy).data().toString(), QString::number(e, 'f', 3));
        QCOMPARE(m.table.index(row, track).data(kSortRole).toString(), qs(t.name).toCaseFolded());
        QStringList names;
        for (data::GenreId g : t.genres)
            names << qs(c.genreName(g));
        QCOMPARE(m.table.index(row, genres).data().toString(), names.join(", "));
        QCOMPARE(m.table.index(row, genres).data(Qt::ToolTipRole).toString(), names.join(", "));
        const qint64 seconds = qRound64(c.feature(std::size_t(row), data::Feature::DurationMs) / 1000.0);
        QCOMPARE(m.table.index(row, duration).data().toString(),
                 QString("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QChar('0')));
        QCOMPARE(m.table.index(row, energy).data(Qt::TextAlignmentRole).toInt(),
                 int(Qt::AlignRight | Qt::AlignVCenter));
    }
    QCOMPARE(CatalogTableModel::formatFeature(data::Feature::DurationMs, 225400.0), QString("3:45"));
    QCOMPARE(CatalogTableModel::formatFeature(data::Feature::DurationMs, 59600.0), QString("1:00"));
    QCOMPARE(CatalogTableModel::formatFeature(data::Feature::Energy, std::nan("")), QString());
}

void TestCatalogModels::sortsNumericColumnsAscending()
{
    Models m(m_catalog);
    for (data::Feature f : {data::Feature::Popularity, data::Feature::Loudness, data::Feature::DurationMs}) {
        const int column = m.table.columnOf(f);
        m.filter.sort(column, Qt::AscendingOrder);
        QCOMPARE(m.filter.rowCount(), 2000);
        std::vector<bool> seen(2000, false);
        double previous = -INFINITY;
        for (int r = 0; r < m.filter.rowCount(); ++r) {
            const QModelIndex index = m.filter.index(r, column);
            const double v = index.data(kSortRole).toDouble();
            QVERIFY2(v >= previous, qPrintable(QString("row %1: %2 after %3").arg(r).arg(v).arg(previous)));
            QCOMPARE(v, m_catalog->feature(std::size_t(m.filter.mapToSource(index).row()), f));
            seen[std::size_t(m.filter.mapToSource(index).row())] = true;
            previous = v;
        }
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](bool s) { return s; }));
    }
    // Back to file order.
    m.filter.sort(-1);
    QCOMPARE(m.filter.mapToSource(m.filter.index(0, 0)).row(), 0);
    QCOMPARE(m.filter.mapToSource(m.filter.index(1999, 0)).row(), 1999);
}

void TestCatalogModels::sortsTextColumnsOnFoldedText()
{
    Models m(m_catalog);
    const int artist = m.table.columnOf(CatalogTableModel::ColumnKind::Artist);
    m.filter.sort(artist, Qt::DescendingOrder);
    for (int r = 1; r < m.filter.rowCount(); ++r) {
        const QString above =
            qs(m_catalog->track(m.filter.mapToSource(m.filter.index(r - 1, 0)).row()).artistsText);
        const QString below =
            qs(m_catalog->track(m.filter.mapToSource(m.filter.index(r, 0)).row()).artistsText);
        QVERIFY2(above.toCaseFolded() >= below.toCaseFolded(), qPrintable(above + " before " + below));
    }
}

void TestCatalogModels::textFilter()
{
    Models m(m_catalog);
    // Part of one artist's name, typed in another case: matches in names and artists alike.
    const QString needle = qs(m_catalog->track(7).artistsText).left(4).toUpper();
    const int expected = countTracks(*m_catalog, [&](const data::Track& t) { return hasText(t, needle); });
    QVERIFY(expected > 0 && expected < 2000);
    m.filter.setTextFilter(needle);
    QCOMPARE(m.filter.rowCount(), expected);
    for (int r = 0; r < m.filter.rowCount(); ++r)
        QVERIFY(hasText(m_catalog->track(m.filter.mapToSource(m.filter.index(r, 0)).row()), needle));

    const QString word = "the";
    m.filter.setTextFilter(word);
    QCOMPARE(m.filter.rowCount(),
             countTracks(*m_catalog, [&](const data::Track& t) { return hasText(t, word); }));
    m.filter.setTextFilter("no track has this name");
    QCOMPARE(m.filter.rowCount(), 0);
    QCOMPARE(m.filter.summary(), QString("0 of 2,000 tracks"));
    m.filter.setTextFilter("");
    QCOMPARE(m.filter.rowCount(), 2000);
}

void TestCatalogModels::genreFilter()
{
    Models m(m_catalog);
    const data::GenreStats stats = data::computeGenreStats(*m_catalog, {});
    for (std::size_t rank : {std::size_t(0), std::size_t(3), stats.byCount.size() - 1}) {
        const data::GenreId genre = stats.byCount[rank].genre;
        const int expected = countTracks(*m_catalog, [&](const data::Track& t) {
            return std::find(t.genres.begin(), t.genres.end(), genre) != t.genres.end();
        });
        QVERIFY(expected > 0 && expected < 2000);
        m.filter.setGenreFilter(genre);
        QCOMPARE(m.filter.rowCount(), expected);
    }
    m.filter.setGenreFilter(std::nullopt);
    QCOMPARE(m.filter.rowCount(), 2000);
}

void TestCatalogModels::yearRange()
{
    Models m(m_catalog);
    const auto inRange = [](int from, int to) {
        return [from, to](const data::Track& t) { return t.year >= from && t.year <= to; };
    };
    for (auto [from, to] : {std::pair{2000, 2009}, std::pair{1990, 1990}, std::pair{1950, 1979}}) {
        const int expected = countTracks(*m_catalog, inRange(from, to));
        QVERIFY(expected > 0 && expected < 2000);
        m.filter.setYearRange(from, to);
        QVERIFY(m.filter.hasYearRange());
        QCOMPARE(m.filter.rowCount(), expected);
    }
    m.filter.clearYearRange();
    QVERIFY(!m.filter.hasYearRange());
    QCOMPARE(m.filter.rowCount(), 2000);
}

void TestCatalogModels::filtersCombineAndClear()
{
    Models m(m_catalog);
    const data::GenreId genre = data::computeGenreStats(*m_catalog, {}).byCount[0].genre;
    const QString needle = "a";
    const int expected = countTracks(*m_catalog, [&](const data::Track& t) {
        return hasText(t, needle) && t.year >= 1995 && t.year <= 2015 &&
               std::find(t.genres.begin(), t.genres.end(), genre) != t.genres.end();
    });
    QVERIFY(expected > 0);
    m.filter.sort(m.table.columnOf(data::Feature::Energy), Qt::DescendingOrder);
    m.filter.setTextFilter(needle);
    m.filter.setGenreFilter(genre);
    m.filter.setYearRange(1995, 2015);
    QCOMPARE(m.filter.rowCount(), expected);
    QCOMPARE(m.filter.summary(), QString("%1 of 2,000 tracks").arg(expected));
    m.filter.clearFilters();
    QCOMPARE(m.filter.rowCount(), 2000);
    QCOMPARE(m.filter.summary(), QString("2,000 of 2,000 tracks"));
}

void TestCatalogModels::settersRefilterOnlyOnChange()
{
    Models m(m_catalog);
    QSignalSpy layouts(&m.filter, &QAbstractItemModel::layoutChanged);
    m.filter.setTextFilter("lo");
    m.filter.setGenreFilter(3);
    m.filter.setYearRange(1980, 2000);
    QCOMPARE(layouts.count(), 3);
    m.filter.setTextFilter(" LO "); // same after trimming and folding
    m.filter.setGenreFilter(3);
    m.filter.setYearRange(1980, 2000);
    QCOMPARE(layouts.count(), 3);
    m.filter.clearFilters();
    m.filter.clearFilters();
    QCOMPARE(layouts.count(), 4);
}

void TestCatalogModels::setCatalogResets()
{
    Models m(m_catalog);
    const QString needle = "e";
    m.filter.setTextFilter(needle); // builds the search keys of the first catalog
    QSignalSpy resets(&m.table, &QAbstractItemModel::modelReset);
    m.table.setCatalog(m_other);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(m.table.rowCount(), 500);
    QCOMPARE(m.table.index(0, 0).data().toString(), qs(m_other->track(0).name));
    QCOMPARE(m.table.index(499, 0).data().toString(), qs(m_other->track(499).name));
    // The filter still applies, on the new catalog's tracks.
    QCOMPARE(m.filter.rowCount(),
             countTracks(*m_other, [&](const data::Track& t) { return hasText(t, needle); }));
    m.filter.setTextFilter({});
    QCOMPARE(m.filter.rowCount(), 500);
    m.table.setCatalog(nullptr);
    QCOMPARE(m.table.rowCount(), 0);
    QCOMPARE(m.filter.rowCount(), 0);
}

void TestCatalogModels::dataPageFollowsStateAndFilters()
{
    ui::AppState state;
    ui::DataPage page(state);
    QCOMPARE(page.objectName(), QString("dataPage"));
    auto* table = page.findChild<QTableView*>("catalogTable");
    auto* search = page.findChild<QLineEdit*>("catalogSearch");
    auto* genres = page.findChild<QComboBox*>("genreFilter");
    auto* yearFrom = page.findChild<QSpinBox*>("yearFrom");
    auto* yearTo = page.findChild<QSpinBox*>("yearTo");
    auto* count = page.findChild<QLabel*>("catalogCount");
    auto* histogram = page.findChild<QComboBox*>("histogramFeature");
    QVERIFY(table && search && genres && yearFrom && yearTo && count && histogram);
    QCOMPARE(table->model()->rowCount(), 0);

    state.setCatalog(
        ui::prepareCatalog(data::generateDemoCatalog({2000, 1}), data::GenreThresholds::scaledFor(2000)));
    const data::Catalog& c = *state.catalog();
    QCOMPARE(table->model()->rowCount(), 2000);
    QCOMPARE(count->text(), QString("2,000 of 2,000 tracks"));
    QCOMPARE(genres->count(), int(state.genreStats().byCount.size()) + 1);
    QCOMPARE(genres->itemText(0), QString("All genres"));
    // Names cut at the end, in a list as wide as the longest (up to 480 px).
    QCOMPARE(genres->view()->textElideMode(), Qt::ElideRight);
    QVERIFY(genres->view()->minimumWidth() >= std::min(genres->view()->sizeHintForColumn(0), 480));
    const data::GenreCount top = state.genreStats().byCount[0];
    QCOMPARE(genres->itemText(1), QString("%1 (%2)").arg(qs(c.genreName(top.genre))).arg(top.tracks));
    QCOMPARE(histogram->count(), 14);
    int lo = 9999;
    int hi = 0;
    for (const data::Track& t : c.tracks()) {
        lo = std::min(lo, t.year);
        hi = std::max(hi, t.year);
    }
    QCOMPARE(yearFrom->minimum(), lo);
    QCOMPARE(yearTo->maximum(), hi);
    QCOMPARE(yearFrom->value(), lo);
    QCOMPARE(yearTo->value(), hi);

    // Typing filters the table after a short pause.
    const QString needle = qs(c.track(7).artistsText).left(4);
    const int expected = countTracks(c, [&](const data::Track& t) { return hasText(t, needle); });
    QTest::keyClicks(search, needle);
    QTRY_COMPARE(table->model()->rowCount(), expected);
    QCOMPARE(count->text(), QString("%1 of 2,000 tracks").arg(expected));
    search->clear();
    QTRY_COMPARE(table->model()->rowCount(), 2000);

    // The genre list and the year range filter too.
    genres->setCurrentIndex(1);
    QTRY_COMPARE(table->model()->rowCount(), int(top.tracks));
    // A genre name typed into the editable list selects its entry; unknown text is undone.
    const data::GenreCount second = state.genreStats().byCount[1];
    genres->setEditText(qs(c.genreName(second.genre)).toUpper());
    Q_EMIT genres->lineEdit()->editingFinished();
    QCOMPARE(genres->currentIndex(), 2);
    QTRY_COMPARE(table->model()->rowCount(), int(second.tracks));
    genres->setEditText("no such genre");
    Q_EMIT genres->lineEdit()->editingFinished();
    QCOMPARE(genres->currentIndex(), 2);
    QCOMPARE(genres->currentText(), genres->itemText(2));
    genres->setCurrentIndex(0);
    yearFrom->setValue(2010);
    const int recent = countTracks(c, [](const data::Track& t) { return t.year >= 2010; });
    QTRY_COMPARE(table->model()->rowCount(), recent);
    yearTo->setValue(2000); // pulls "from" down with it
    QCOMPARE(yearFrom->value(), 2000);
    const int in2000 = countTracks(c, [](const data::Track& t) { return t.year == 2000; });
    QTRY_COMPARE(table->model()->rowCount(), in2000);
    // The histogram counts the tracks the table shows, and says so.
    auto* bars = page.findChild<ui::BarChart*>("featureHistogram");
    QVERIFY(bars);
    QCOMPARE(int(std::accumulate(bars->values().begin(), bars->values().end(), 0.0)), in2000);
    QVERIFY2(bars->title().contains(QString("the %1 tracks shown").arg(in2000)), qPrintable(bars->title()));

    // Sorting from the header.
    const int popularity = page.tableModel()->columnOf(data::Feature::Popularity);
    table->sortByColumn(popularity, Qt::DescendingOrder);
    QVERIFY(table->model()->index(0, popularity).data(kSortRole).toDouble() >=
            table->model()->index(1, popularity).data(kSortRole).toDouble());

    // A new catalog replaces everything and clears the filters.
    search->setText("x");
    state.setCatalog(
        ui::prepareCatalog(data::generateDemoCatalog({500, 2}), data::GenreThresholds::scaledFor(500)));
    QCOMPARE(table->model()->rowCount(), 500);
    QVERIFY(search->text().isEmpty());
    QCOMPARE(genres->currentIndex(), 0);
    QCOMPARE(genres->count(), int(state.genreStats().byCount.size()) + 1);
    QCOMPARE(count->text(), QString("500 of 500 tracks"));
    QTest::qWait(200); // the debounce of the search typed before the change must not fire
    QCOMPARE(table->model()->rowCount(), 500);
}

void TestCatalogModels::dataPageThresholdsAreLive()
{
    ui::AppState state;
    state.setCatalog(
        ui::prepareCatalog(data::generateDemoCatalog({2000, 1}), data::GenreThresholds::scaledFor(2000)));
    ui::DataPage page(state);
    auto* common = page.findChild<QSpinBox*>("commonThreshold");
    auto* niche = page.findChild<QSpinBox*>("nicheThreshold");
    auto* commonCount = page.findChild<QLabel*>("commonCount");
    auto* nicheCount = page.findChild<QLabel*>("nicheCount");
    QVERIFY(common && niche && commonCount && nicheCount);
    QCOMPARE(std::size_t(common->value()), state.thresholds().commonAbove);
    QCOMPARE(std::size_t(niche->value()), state.thresholds().nicheAtMost);

    const auto& counts = state.genreStats().countByGenre;
    const auto commonFor = [&](std::size_t above) {
        return std::size_t(
            std::count_if(counts.begin(), counts.end(), [&](std::size_t n) { return n > above; }));
    };
    const std::size_t before = state.genreStats().common.size();
    QCOMPARE(
        commonCount->text(),
        QString("%1 common genres (more than %2 tracks)").arg(before).arg(state.thresholds().commonAbove));
    QSignalSpy resets(page.tableModel(), &QAbstractItemModel::modelReset);
    QSignalSpy statsChanged(&state, &ui::AppState::genreStatsChanged);

    const int raised = common->value() + 10;
    common->setValue(raised);
    QCOMPARE(state.thresholds().commonAbove, std::size_t(raised));
    QCOMPARE(statsChanged.count(), 1);
    QCOMPARE(state.genreStats().common.size(), commonFor(std::size_t(raised)));
    QVERIFY(state.genreStats().common.size() < before);
    QCOMPARE(
        commonCount->text(),
        QString("%1 common genres (more than %2 tracks)").arg(state.genreStats().common.size()).arg(raised));

    niche->setValue(1);
    QCOMPARE(state.thresholds().nicheAtMost, std::size_t(1));
    QCOMPARE(nicheCount->text(),
             QString("%1 niche genres (1 track or fewer)").arg(state.genreStats().niche.size()));
    QCOMPARE(resets.count(), 0); // thresholds never rebuild the table

    // Common stays at or above niche.
    common->setValue(0);
    QCOMPARE(niche->value(), 0);
    QCOMPARE(state.thresholds(), (data::GenreThresholds{0, 0}));

    // A change made elsewhere shows in the spin boxes.
    state.setThresholds({40, 3});
    QCOMPARE(common->value(), 40);
    QCOMPARE(niche->value(), 3);
}

void TestCatalogModels::dataPageShowsLoadReport()
{
    // A real file with percent-scaled columns, seconds and no Key, Mode, Instrumentalness...
    data::Catalog loaded = data::loadDataset({GDBM_TEST_DATA_DIR "/real/top10s.csv"});
    const std::size_t size = loaded.size();
    const data::LoadReport report = loaded.report();
    const std::size_t features = loaded.availableFeatures().size();
    QVERIFY(features < data::kFeatureCount && !report.notes.empty());
    ui::AppState state;
    state.setCatalog(ui::prepareCatalog(std::move(loaded), data::GenreThresholds::scaledFor(size)));
    ui::DataPage page(state);
    page.resize(1280, 800);
    QVERIFY(page.findChild<QLabel*>("syntheticBadge")->isHidden());
    QCOMPARE(page.findChild<QLabel*>("datasetLabel")->text(), QString("top10s.csv"));
    const QString rows = page.findChild<QLabel*>("rowsLabel")->text();
    QVERIFY2(rows.contains(QString("%1 rows read").arg(report.rowsRead)), qPrintable(rows));
    QVERIFY2(rows.contains(QString("%1 dropped").arg(report.droppedTotal())), qPrintable(rows));
    const QString featureText = page.findChild<QLabel*>("featuresLabel")->text();
    QVERIFY2(featureText.startsWith(
                 QString("%1 of 14 audio features found; missing %2: ").arg(features).arg(14 - features)),
             qPrintable(featureText));
    QVERIFY(featureText.contains("Key"));
    QVERIFY(!page.findChild<QLabel*>("notesLabel")->text().isEmpty());
    QCOMPARE(page.findChild<QComboBox*>("histogramFeature")->count(), int(features));
    // Track, artist, year, genres and the features found: top10s.csv has no album column.
    QCOMPARE(page.tableModel()->columnCount(), 4 + int(features));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(keepScreenshot(page.grab().toImage(), "datapage-csv"));
}

void TestCatalogModels::dataPageRendersAt1280x800()
{
    ui::AppState state;
    state.setCatalog(ui::prepareCatalog(data::generateDemoCatalog({10000, 1}), data::GenreThresholds{}));
    ui::DataPage page(state);
    page.resize(1280, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const QImage image = page.grab().toImage();
    QCOMPARE(image.size(), QSize(1280, 800) * image.devicePixelRatio());
    QVERIFY(keepScreenshot(image, "datapage"));
}

QTEST_MAIN(TestCatalogModels)
#include "TestCatalogModels.moc"
