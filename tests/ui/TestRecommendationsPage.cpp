// The Recommendations page for a chosen user: what is missing, recommendations against the engine,
// top N, the ranking off the window's thread, the embedding map, the export, and the layout. Its
// embedding jobs are TestRecommendationsEmbeddings'.
#include "RecommendationsFixture.h"
#include "charts/EmbeddingMap.h"
#include "core/Text.h"
#include "jobs/JobRunner.h"
#include "models/RecommendationTableModel.h"
#include "pages/RecommendationsPage.h"
#include "rec/CatalogEmbedding.h"
#include "rec/Embedder.h"
#include "rec/Recommender.h"
#include "util/FileDialog.h"

#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace gdbm;
using gdbm::ui::RecommendationsPage;

class TestRecommendationsPage : public QObject, public ui::testing::RecommendationsFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void saysWhatIsMissing();
    void recommendationsMatchTheEngine();
    void topNChangesTheRows();
    void rankingRunsOffTheWindowThread();
    void mapShowsEveryTrackAndHighlights();
    void mapDrawsAnEvenSubsetOfLargeCatalogs();
    void exportWritesTheShownRows();
    void rendersAt1100x750();
};

void TestRecommendationsPage::initTestCase()
{
    setUpTestCase(QStringLiteral("TestRecommendationsPage"));
}

void TestRecommendationsPage::init()
{
    setUpPage();
}

void TestRecommendationsPage::cleanup()
{
    tearDownPage();
}

void TestRecommendationsPage::saysWhatIsMissing()
{
    setUpState(false, false);
    auto* status = child<QLabel>("recommendationsStatus");
    QVERIFY(m_page->statusText().contains("Run the simulation first"));
    QVERIFY(m_page->statusText().contains("Train a model on the Training page"));
    QVERIFY(status->isVisibleTo(m_page.get()));
    QCOMPARE(m_page->userModel()->rowCount(), 0);
    QCOMPARE(m_page->recommendationModel()->rowCount(), 0);
    QVERIFY(!child<QPushButton>("exportRecommendations")->isEnabled());

    // A simulation without a model: the users and their histories, but no recommendations.
    setUpState(true, false);
    QVERIFY(!m_page->statusText().contains("Run the simulation first"));
    QVERIFY(m_page->statusText().contains("Train a model on the Training page"));
    QCOMPARE(child<QLabel>("recommendationsStatus")->text(), m_page->statusText());
    QCOMPARE(m_page->userModel()->rowCount(), int(m_simulation->users.size()));
    QVERIFY(m_page->historyModel()->rowCount() > 0);
    QCOMPARE(m_page->recommendationModel()->rowCount(), 0);
    QVERIFY(!m_page->jobs()->isRunning());
    QCOMPARE(m_page->map()->trackCount(), std::size_t(0));

    // The model arrives: the embeddings are computed and the message goes away.
    m_state->setModel(m_model);
    QVERIFY(m_page->jobs()->isRunning());
    QVERIFY(m_page->waitForIdle());
    QVERIFY(m_page->statusText().isEmpty());
    QVERIFY(!child<QLabel>("recommendationsStatus")->isVisibleTo(m_page.get()));
    QCOMPARE(m_page->recommendationModel()->rowCount(), 10);

    // And leaves again.
    m_state->setModel(nullptr);
    QVERIFY(m_page->statusText().contains("Train a model"));
    QCOMPARE(m_page->recommendationModel()->rowCount(), 0);
    QVERIFY(m_page->snapshot() == nullptr);
}

void TestRecommendationsPage::recommendationsMatchTheEngine()
{
    const std::uint32_t user = userWithHistory();
    m_page->selectUser(user);
    QVERIFY(m_page->waitForIdle());
    auto* model = qobject_cast<ui::RecommendationTableModel*>(m_page->recommendationModel());
    QVERIFY(model);
    QCOMPARE(model->rowCount(), 10);
    QCOMPARE(model->columnCount(), int(ui::RecommendationTableModel::ColumnCount));

    // The CLI's path (embed, then recommend) gives the same ranking.
    const data::Catalog& catalog = *m_loaded.catalog;
    const Matrix embeddings = rec::embed(m_model->dbm, model::standardizedFeatures(*m_model, catalog),
                                         rec::kDefaultEmbedding, m_model->params.meanFieldIterations);
    const rec::UserHistory history = rec::historyOf(*m_simulation, user, false);
    const auto expected = rec::recommend(
        rec::catalogScoringSpace(*m_model, embeddings, rec::kDefaultEmbedding), history, {10, 3});
    QCOMPARE(model->recommendations().size(), expected.size());

    const sim::User& u = m_simulation->users[user];
    // The similarity column shows as many decimals as tell the list's scores apart (at least 4).
    std::vector<double> scores;
    for (const rec::Recommendation& r : expected)
        scores.push_back(double(r.score));
    const int decimals = text::distinguishingDecimals(scores);
    QVERIFY(decimals >= 4);
    double previous = 2.0;
    for (int r = 0; r < model->rowCount(); ++r) {
        const rec::Recommendation& rec = model->recommendations()[std::size_t(r)];
        QCOMPARE(rec.track, expected[std::size_t(r)].track);
        QVERIFY(!std::binary_search(history.tracks.begin(), history.tracks.end(), rec.track));
        QVERIFY(rec.score <= previous);
        previous = rec.score;
        QCOMPARE(rec.because.size(), std::size_t(3));
        for (const auto& reason : rec.because)
            QVERIFY(std::binary_search(history.tracks.begin(), history.tracks.end(), reason.track));

        const data::Track& t = catalog.track(rec.track);
        using C = ui::RecommendationTableModel;
        QCOMPARE(model->index(r, C::RankColumn).data().toString(), QString::number(r + 1));
        QCOMPARE(model->index(r, C::TrackColumn).data().toString(), qs(t.name));
        QCOMPARE(model->index(r, C::ArtistColumn).data().toString(), qs(t.artistsText));
        QCOMPARE(model->index(r, C::SimilarityColumn).data().toString(),
                 QString::number(double(rec.score), 'f', decimals));
        const bool fits = sim::passesAll(u.preferences, catalog, rec.track);
        QCOMPARE(model->fits(r), fits);
        QCOMPARE(model->index(r, C::FitsColumn).data().toString(),
                 fits ? QString("\u2713 yes") : QString("no"));
        const QString because = model->index(r, C::BecauseColumn).data().toString();
        for (const auto& reason : rec.because)
            QVERIFY(because.contains(qs(catalog.track(reason.track).name)));
        QVERIFY(model->index(r, C::BecauseColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(qs(catalog.track(rec.because[0].track).artistsText)));
    }
    QVERIFY(child<QPushButton>("exportRecommendations")->isEnabled());

    // Under the table, the current recommendation's reasons: the first one's at first, then
    // whichever row is chosen (an audio-only model has no modalities to weigh).
    auto* why = child<QLabel>("recommendationWhy");
    const auto reasonsOf = [&](int row) {
        const rec::Recommendation& rec = model->recommendations()[std::size_t(row)];
        QVERIFY2(
            why->text().startsWith(QString("#%1 %2").arg(row + 1).arg(qs(catalog.track(rec.track).name))),
            qPrintable(why->text()));
        for (const auto& reason : rec.because)
            QVERIFY2(why->text().contains(qs(catalog.track(reason.track).name)), qPrintable(why->text()));
        const QString similarity =
            model->index(row, ui::RecommendationTableModel::SimilarityColumn).data().toString();
        QVERIFY2(why->text().contains("similarity " + similarity + ":"), qPrintable(why->text()));
        QVERIFY(!why->text().contains("modality"));
    };
    reasonsOf(0);
    auto* table = child<QTableView>("recommendationTable");
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Down);
    QTest::keyClick(table, Qt::Key_Down);
    reasonsOf(2);
}

void TestRecommendationsPage::topNChangesTheRows()
{
    m_page->selectUser(userWithHistory());
    QVERIFY(m_page->waitForIdle());
    auto* topN = child<QSpinBox>("topN");
    QCOMPARE(topN->value(), 10);
    QCOMPARE(topN->minimum(), 1);
    QCOMPARE(topN->maximum(), 100);
    const auto firstTen =
        qobject_cast<ui::RecommendationTableModel*>(m_page->recommendationModel())->recommendations();
    topN->setValue(25);
    QVERIFY(m_page->waitForIdle());
    QCOMPARE(m_page->recommendationModel()->rowCount(), 25);
    // A longer list starts with the shorter one.
    const auto& longer =
        qobject_cast<ui::RecommendationTableModel*>(m_page->recommendationModel())->recommendations();
    for (std::size_t r = 0; r < firstTen.size(); ++r)
        QCOMPARE(longer[r].track, firstTen[r].track);
    topN->setValue(1);
    QVERIFY(m_page->waitForIdle());
    QCOMPARE(m_page->recommendationModel()->rowCount(), 1);
    QCOMPARE(m_page->map()->recommendationSeries()->count(), 1);
    // A new page starts with the length chosen last.
    setUpState(true, true);
    QCOMPARE(child<QSpinBox>("topN")->value(), 1);
}

// selectUser() returns before the ranking is done: the list shown stays the last user's (and
// cannot be exported as the new one's) until the newest request's ranking arrives.
void TestRecommendationsPage::rankingRunsOffTheWindowThread()
{
    std::vector<std::uint32_t> users = {userWithHistory()};
    for (std::uint32_t u = 0; users.size() < 3; ++u) {
        if (u != users.front())
            users.push_back(u);
    }
    m_page->selectUser(users[0]);
    QVERIFY(m_page->waitForIdle());
    auto* model = qobject_cast<ui::RecommendationTableModel*>(m_page->recommendationModel());
    auto* exportButton = child<QPushButton>("exportRecommendations");
    QCOMPARE(model->user(), users[0]);
    QVERIFY(exportButton->isEnabled());

    m_page->selectUser(users[1]);
    m_page->selectUser(users[2]);
    QCOMPARE(m_page->currentUser(), std::optional(users[2]));
    QCOMPARE(model->user(), users[0]);
    QCOMPARE(model->rowCount(), 10);
    QVERIFY(!exportButton->isEnabled());
    QVERIFY(!m_page->canExport());

    QVERIFY(m_page->waitForIdle());
    QCOMPARE(model->user(), users[2]);
    QVERIFY(exportButton->isEnabled());
    const auto expected =
        rec::recommend(m_page->snapshot()->space, rec::historyOf(*m_simulation, users[2], false), {10, 3});
    QCOMPARE(model->recommendations().size(), expected.size());
    for (std::size_t r = 0; r < expected.size(); ++r)
        QCOMPARE(model->recommendations()[r].track, expected[r].track);
    QVERIFY(child<QLabel>("rankingInfo")->text().startsWith("Ranked "));
}

void TestRecommendationsPage::mapShowsEveryTrackAndHighlights()
{
    const std::uint32_t user = userWithHistory();
    m_page->selectUser(user);
    QVERIFY(m_page->waitForIdle());
    ui::EmbeddingMap* map = m_page->map();
    QCOMPARE(map->objectName(), QString("embeddingMap"));
    QCOMPARE(map->trackCount(), m_loaded.catalog->size());
    QCOMPARE(std::size_t(map->backgroundSeries()->count()), m_loaded.catalog->size());

    const rec::UserHistory history = rec::historyOf(*m_simulation, user, false);
    QCOMPARE(std::size_t(map->historySeries()->count()), history.tracks.size());
    // The History tab counts plays and, when a track was replayed, the tracks the map shows.
    const QString tab = child<QTabWidget>("recommendationTabs")->tabText(1);
    QVERIFY2(tab.endsWith(QString("%1)").arg(history.tracks.size())) ||
                 tab.endsWith(QString("of %1 tracks)").arg(history.tracks.size())),
             qPrintable(tab));
    QVERIFY(map->tracksOf(map->historySeries()) == history.tracks);
    QCOMPARE(map->recommendationSeries()->count(), 10);
    const auto& shown =
        qobject_cast<ui::RecommendationTableModel*>(m_page->recommendationModel())->recommendations();
    const Matrix& points = m_page->snapshot()->map.points;
    for (int i = 0; i < 10; ++i) {
        const std::uint32_t track = shown[std::size_t(i)].track;
        QCOMPARE(map->tracksOf(map->recommendationSeries())[std::size_t(i)], track);
        const QPointF p = map->recommendationSeries()->at(i);
        QCOMPARE(float(p.x()), points(track, 0));
        QCOMPARE(float(p.y()), points(track, 1));
        // Hovering names the track.
        QCOMPARE(map->labelAt(map->recommendationSeries(), p),
                 qs(m_loaded.catalog->track(track).name) + QString(" \u2014 ") +
                     qs(m_loaded.catalog->track(track).artistsText));
    }
    QVERIFY(map->backgroundSeries()->name().contains("1,500 tracks"));

    // Another user moves the highlights.
    const std::uint32_t other = user == 0 ? 1 : 0;
    m_page->selectUser(other);
    QVERIFY(m_page->waitForIdle());
    QCOMPARE(std::size_t(map->historySeries()->count()),
             rec::historyOf(*m_simulation, other, false).tracks.size());
}

void TestRecommendationsPage::mapDrawsAnEvenSubsetOfLargeCatalogs()
{
    const std::size_t n = 25000;
    auto catalog = std::make_shared<data::Catalog>();
    for (std::size_t i = 0; i < n; ++i) {
        data::TrackFields fields;
        fields.name = "Track " + std::to_string(i);
        fields.artistsText = "Artist";
        fields.artists = {"Artist"};
        catalog->addTrack(std::move(fields), data::FeatureRow{});
    }
    auto points = std::make_shared<Matrix>(Eigen::Index(n), 2);
    for (Eigen::Index i = 0; i < points->rows(); ++i)
        points->row(i) << float(i), float(i % 100);
    ui::EmbeddingMap map;
    map.setProjection(points, catalog, "caption");
    QCOMPARE(map.trackCount(), n);
    QCOMPARE(std::size_t(map.backgroundSeries()->count()), ui::EmbeddingMap::kMaxBackgroundPoints);
    const auto& tracks = map.tracksOf(map.backgroundSeries());
    QCOMPARE(tracks.front(), 0u);
    QVERIFY(tracks.back() < n);
    for (std::size_t i = 1; i < tracks.size(); ++i)
        QVERIFY(tracks[i] - tracks[i - 1] == 1 || tracks[i] - tracks[i - 1] == 2);
    QVERIFY(map.backgroundSeries()->name().contains("20,000 of 25,000"));
    const std::uint32_t last = tracks.back();
    QCOMPARE(map.labelAt(map.backgroundSeries(), QPointF(last + 0.2, last % 100)),
             QString("Track %1 \u2014 Artist").arg(last));
    // Highlights are drawn in full, from any track.
    map.setHighlights({1, 3, 24999}, {7});
    QCOMPARE(map.historySeries()->count(), 3);
    QCOMPARE(map.historySeries()->at(2), QPointF(24999, 99));
    QCOMPARE(map.labelAt(map.recommendationSeries(), QPointF(0, 0)), QString("Track 7 \u2014 Artist"));
}

void TestRecommendationsPage::exportWritesTheShownRows()
{
    const std::uint32_t user = userWithHistory();
    m_page->selectUser(user);
    QVERIFY(m_page->waitForIdle());
    child<QSpinBox>("topN")->setValue(7);
    QVERIFY(m_page->waitForIdle());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("recs.csv");
    ui::FileDialog::setNextFileName(path);
    m_page->exportRecommendations();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 8);
    QCOMPARE(lines[0],
             QString("user_id,rank,track,artist,genres,year,similarity,fits_archetype,because_you_played"));
    const QString id = QString::number(m_simulation->users[user].id);
    const auto& shown =
        qobject_cast<ui::RecommendationTableModel*>(m_page->recommendationModel())->recommendations();
    for (int r = 1; r < lines.size(); ++r) {
        QVERIFY(lines[r].startsWith(id + "," + QString::number(r) + ","));
        QVERIFY(lines[r].contains(qs(m_loaded.catalog->track(shown[std::size_t(r - 1)].track).name)));
        QVERIFY(lines[r].contains(",true,") || lines[r].contains(",false,"));
    }

    // Cancelling the dialog writes nothing.
    QVERIFY(QFile::remove(path));
    m_page->exportRecommendations();
    QVERIFY(!QFile::exists(path));
}

void TestRecommendationsPage::rendersAt1100x750()
{
    m_page->selectUser(userWithHistory());
    QVERIFY(m_page->waitForIdle());
    m_page->resize(1100, 750);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    const QPixmap pixmap = m_page->grab();
    QVERIFY(!pixmap.isNull());
    auto* tabs = m_page->findChild<QTabWidget*>("recommendationTabs");
    QVERIFY(tabs);
    // GDBM_SCREENSHOT_DIR keeps the pictures, to look at the layout.
    const QByteArray dir = qgetenv("GDBM_SCREENSHOT_DIR");
    for (int tab = 0; tab < tabs->count(); ++tab) {
        tabs->setCurrentIndex(tab);
        const QPixmap shot = m_page->grab();
        QVERIFY(!shot.isNull());
        if (!dir.isEmpty())
            QVERIFY(shot.save(QString::fromLocal8Bit(dir) + QString("/recommendations-%1.png").arg(tab)));
    }
    // Without a model: the page says what to do.
    m_state->setModel(nullptr);
    tabs->setCurrentIndex(0);
    const QPixmap missing = m_page->grab();
    QVERIFY(!missing.isNull());
    if (!dir.isEmpty())
        QVERIFY(missing.save(QString::fromLocal8Bit(dir) + "/recommendations-no-model.png"));
}

QTEST_MAIN(TestRecommendationsPage)
#include "TestRecommendationsPage.moc"
