// The Recommendations page's user side: the user list pane (every user, the archetype filter, the
// search and its shortcut, sorting), switching users, and the chosen user's details and history.
#include "RecommendationsFixture.h"
#include "models/CatalogTableModel.h"
#include "models/UserListModel.h"
#include "pages/RecommendationsPage.h"
#include "pages/UserDetailsPanel.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTest>
#include <algorithm>

using namespace gdbm;
using gdbm::ui::RecommendationsPage;

class TestUserListPane : public QObject, public ui::testing::RecommendationsFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void userListHasEveryUserAndFilters();
    void userListSorts();
    void historyShowsTheUsersInteractions();
    void detailsDescribeTheUser();
    void findShortcutFocusesTheSearch();
    void aFilterThatHidesTheUserShowsOneItKeeps();
    void switchingUsersIsFast();
};

void TestUserListPane::initTestCase()
{
    setUpTestCase(QStringLiteral("TestUserListPane"));
}

void TestUserListPane::init()
{
    setUpPage();
}

void TestUserListPane::cleanup()
{
    tearDownPage();
}

void TestUserListPane::userListHasEveryUserAndFilters()
{
    QAbstractItemModel* users = m_page->userModel();
    const int all = int(m_simulation->users.size());
    QCOMPARE(users->rowCount(), all);
    QCOMPARE(users->columnCount(), int(ui::UserListModel::ColumnCount));
    for (int row : {0, all / 2, all - 1}) {
        const sim::User& u = m_simulation->users[std::size_t(row)];
        QCOMPARE(users->index(row, ui::UserListModel::IdColumn).data().toString(), QString::number(u.id));
        QCOMPARE(users->index(row, ui::UserListModel::ArchetypeColumn).data().toString(),
                 qs(m_simulation->archetypeNames[u.archetype]));
        std::vector<std::uint32_t> tracks;
        double ratings = 0;
        for (const sim::Interaction* i : interactionsOf(*m_simulation, std::uint32_t(row))) {
            tracks.push_back(i->track);
            ratings += i->rating;
        }
        const double mean = ratings / double(tracks.size());
        std::sort(tracks.begin(), tracks.end());
        tracks.erase(std::unique(tracks.begin(), tracks.end()), tracks.end());
        QCOMPARE(users->index(row, ui::UserListModel::TracksColumn).data().toString(),
                 QString::number(tracks.size()));
        QCOMPARE(users->index(row, ui::UserListModel::RatingColumn).data().toString(),
                 QString::number(mean, 'f', 2));
    }

    // The archetype filter: exactly the users of that archetype.
    auto* combo = child<QComboBox>("archetypeFilter");
    QCOMPARE(combo->count(), int(m_simulation->archetypeNames.size()) + 1);
    QCOMPARE(combo->itemText(0), QString("All archetypes"));
    const int audiophile = combo->findText("Audiophile");
    QVERIFY(audiophile > 0);
    const auto expected =
        std::count_if(m_simulation->users.begin(), m_simulation->users.end(),
                      [&](const sim::User& u) { return u.archetype == std::size_t(audiophile - 1); });
    QVERIFY(expected > 0 && expected < all);
    combo->setCurrentIndex(audiophile);
    QCOMPARE(users->rowCount(), int(expected));
    for (int r = 0; r < users->rowCount(); ++r)
        QCOMPARE(users->index(r, ui::UserListModel::ArchetypeColumn).data().toString(),
                 QString("Audiophile"));
    combo->setCurrentIndex(0);
    QCOMPARE(users->rowCount(), all);

    // The search: archetype names (case-insensitive) and ids.
    auto* search = child<QLineEdit>("userSearch");
    QTest::keyClicks(search, "audioPHILE");
    QTRY_COMPARE(users->rowCount(), int(expected));
    search->clear();
    QTRY_COMPARE(users->rowCount(), all);
    QTest::keyClicks(search, "42");
    QTRY_VERIFY(users->rowCount() < all);
    QVERIFY(users->rowCount() >= 1);
    for (int r = 0; r < users->rowCount(); ++r)
        QVERIFY(users->index(r, ui::UserListModel::IdColumn).data().toString().contains("42"));
    search->clear();
    QTRY_COMPARE(users->rowCount(), all);
    QVERIFY(child<QLabel>("userCount")->text().contains(QString::number(all)));
}

void TestUserListPane::userListSorts()
{
    auto* table = child<QTableView>("userTable");
    QAbstractItemModel* users = m_page->userModel();
    table->sortByColumn(ui::UserListModel::RatingColumn, Qt::DescendingOrder);
    for (int r = 1; r < users->rowCount(); ++r)
        QVERIFY(users->index(r - 1, ui::UserListModel::RatingColumn).data(ui::kSortRole).toDouble() >=
                users->index(r, ui::UserListModel::RatingColumn).data(ui::kSortRole).toDouble());
    table->sortByColumn(ui::UserListModel::TracksColumn, Qt::AscendingOrder);
    for (int r = 1; r < users->rowCount(); ++r)
        QVERIFY(users->index(r - 1, ui::UserListModel::TracksColumn).data(ui::kSortRole).toDouble() <=
                users->index(r, ui::UserListModel::TracksColumn).data(ui::kSortRole).toDouble());
    // Clicking a row shows that user.
    table->setCurrentIndex(users->index(5, 0));
    QCOMPARE(QString::number(m_simulation->users[*m_page->currentUser()].id),
             users->index(5, ui::UserListModel::IdColumn).data().toString());
}

void TestUserListPane::historyShowsTheUsersInteractions()
{
    const std::uint32_t user = userWithHistory();
    m_page->selectUser(user);
    QVERIFY(m_page->waitForIdle());
    QCOMPARE(m_page->currentUser(), std::optional<std::uint32_t>(user));
    const auto interactions = interactionsOf(*m_simulation, user);
    QAbstractItemModel* history = m_page->historyModel();
    QCOMPARE(history->rowCount(), int(interactions.size()));
    QCOMPARE(history->columnCount(), 6);
    const data::Catalog& catalog = *m_loaded.catalog;
    for (int r = 0; r < history->rowCount(); ++r) {
        const sim::Interaction& i = *interactions[std::size_t(r)];
        const data::Track& t = catalog.track(i.track);
        QCOMPARE(history->index(r, 0).data().toString(), qs(t.name));
        QCOMPARE(history->index(r, 1).data().toString(), qs(t.artistsText));
        QCOMPARE(history->index(r, 3).data().toString(), t.year > 0 ? QString::number(t.year) : QString());
        QCOMPARE(history->index(r, 4).data().toString(), QString::number(double(i.rating), 'f', 1));
        QCOMPARE(history->index(r, 5).data().toString(), qs(sim::formatDay(i.day)));
    }
    QCOMPARE(history->headerData(5, Qt::Horizontal).toString(), QString("Date"));

    // Another user: another history.
    const std::uint32_t other = user + 1;
    m_page->selectUser(other);
    QVERIFY(m_page->waitForIdle());
    QCOMPARE(history->rowCount(), int(interactionsOf(*m_simulation, other).size()));
}

void TestUserListPane::detailsDescribeTheUser()
{
    const std::uint32_t user = userWithHistory();
    m_page->selectUser(user);
    QVERIFY(m_page->waitForIdle());
    const sim::User& u = m_simulation->users[user];
    auto* details = child<ui::UserDetailsPanel>("userDetails");
    QVERIFY(details->heading().contains(QString::number(u.id)));
    QVERIFY(details->heading().contains(qs(m_simulation->archetypeNames[u.archetype])));
    for (const sim::UserPreference& p : u.preferences)
        QVERIFY2(details->preferencesText().contains(ui::describePreferenceInWords(p, *m_loaded.catalog)),
                 qPrintable(details->preferencesText()));

    // Phrases for each kind of preference.
    sim::UserPreference range;
    range.attribute = sim::attributeOf(data::Feature::Popularity);
    range.min = 50;
    range.max = 89;
    QCOMPARE(ui::describePreferenceInWords(range, *m_loaded.catalog),
             QString("Popularity between 50 and 89"));
    range.attribute = sim::Attribute::ReleaseYear;
    range.min = 1980;
    range.max = 1989;
    QCOMPARE(ui::describePreferenceInWords(range, *m_loaded.catalog), QString("Released 1980\u20131989"));
    sim::UserPreference genres;
    genres.kind = sim::UserPreference::Kind::Genres;
    genres.genres = {0};
    QCOMPARE(ui::describePreferenceInWords(genres, *m_loaded.catalog),
             "Genre: " + qs(m_loaded.catalog->genreName(0)));
    genres.genres = {0, 1, 2, 3, 4, 5};
    QVERIFY(ui::describePreferenceInWords(genres, *m_loaded.catalog).startsWith("Any of 6 genres: "));
    sim::UserPreference artist;
    artist.kind = sim::UserPreference::Kind::Artist;
    artist.artist = 0;
    QCOMPARE(ui::describePreferenceInWords(artist, *m_loaded.catalog),
             "Artist: " + qs(m_loaded.catalog->artistName(0)));
}

void TestUserListPane::aFilterThatHidesTheUserShowsOneItKeeps()
{
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    const auto audiophile =
        std::find_if(m_simulation->archetypeNames.begin(), m_simulation->archetypeNames.end(),
                     [](const std::string& n) { return n == "Audiophile"; }) -
        m_simulation->archetypeNames.begin();
    std::uint32_t other = 0;
    while (m_simulation->users[other].archetype == std::size_t(audiophile))
        ++other;
    m_page->selectUser(other);
    QCOMPARE(m_page->currentUser(), std::optional<std::uint32_t>(other));

    // The search hides that user: the list's first user is shown, not one the list lacks.
    auto* search = child<QLineEdit>("userSearch");
    search->setFocus();
    QTest::keyClicks(search, "Audiophile");
    QAbstractItemModel* users = m_page->userModel();
    QTRY_VERIFY(users->rowCount() < int(m_simulation->users.size()));
    QTRY_VERIFY(m_page->currentUser() != std::optional<std::uint32_t>(other));
    const auto shownArchetype = [&] { return m_simulation->users[*m_page->currentUser()].archetype; };
    QCOMPARE(shownArchetype(), std::size_t(audiophile));
    auto* table = child<QTableView>("userTable");
    QCOMPARE(table->currentIndex().row(), 0);

    // Down in the search moves through the list, and the typing stays there.
    QTest::keyClick(search, Qt::Key_Down);
    QCOMPARE(table->currentIndex().row(), 1);
    QCOMPARE(shownArchetype(), std::size_t(audiophile));
    QCOMPARE(QString::number(m_simulation->users[*m_page->currentUser()].id),
             users->index(1, ui::UserListModel::IdColumn).data().toString());
    QVERIFY(search->hasFocus());
    QCOMPARE(search->text(), QString("Audiophile"));
}

void TestUserListPane::findShortcutFocusesTheSearch()
{
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    auto* table = child<QTableView>("recommendationTable");
    table->setFocus();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    QTest::keySequence(m_page.get(), QKeySequence::Find);
    QTRY_VERIFY(child<QLineEdit>("userSearch")->hasFocus());
}

void TestUserListPane::switchingUsersIsFast()
{
    double slowest = 0.0;
    double total = 0.0;
    QElapsedTimer timer;
    for (std::uint32_t u = 0; u < 50; ++u) {
        // What the window's thread spends (tables, details, map); the ranking runs beside it.
        timer.start();
        m_page->selectUser(u);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        slowest = std::max(slowest, ms);
        QVERIFY(m_page->waitForIdle());
        total += m_page->lastRankingMs();
        QCOMPARE(m_page->currentUser(), std::optional<std::uint32_t>(u));
    }
    qInfo("user switch over %zu tracks: ranking %.3f ms on average (off the window's thread); the window's "
          "part (tables, details, map) at most %.1f ms",
          m_loaded.catalog->size(), total / 50, slowest);
    QVERIFY(slowest < 500.0);
}

QTEST_MAIN(TestUserListPane)
#include "TestUserListPane.moc"
