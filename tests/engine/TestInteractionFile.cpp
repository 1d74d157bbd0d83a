#include "core/Error.h"
#include "data/DemoCatalog.h"
#include "rec/InteractionFile.h"
#include "sim/SimulationExport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace gdbm;

class TestInteractionFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsHistoriesWithMeanRatings();
    void countsAndSkipsUnknownTracks();
    void rejectsBadValues();
    void rejectsRatingsOutsideOneToFive_data();
    void rejectsRatingsOutsideOneToFive();

private:
    QString write(const QByteArray& content);

    QTemporaryDir m_dir;
    data::Catalog m_catalog = data::generateDemoCatalog({50, 1});
};

QString TestInteractionFile::write(const QByteArray& content)
{
    const QString path = m_dir.filePath("interactions.csv");
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(content);
    return path;
}

void TestInteractionFile::readsHistoriesWithMeanRatings()
{
    const std::string a = m_catalog.identity(3), b = m_catalog.identity(7);
    const QString path = write(
        ("user_id,track_id,rating\n5," + a + ",3.0\n5," + b + ",4.0\n5," + a + ",5.0\n9," + b + ",3.5\n")
            .c_str());
    const rec::InteractionHistories h = rec::readInteractionHistories(path.toStdString(), m_catalog);
    QCOMPARE(h.interactions, 4u);
    QCOMPARE(h.unknownTracks, 0u);
    QCOMPARE(h.users.size(), 2u);
    QCOMPARE(h.users.at(5).tracks, (std::vector<std::uint32_t>{3, 7}));
    QCOMPARE(h.users.at(5).weights, (std::vector<float>{4.0f, 4.0f})); // track 3: (3 + 5) / 2
    QCOMPARE(h.users.at(9).weights, (std::vector<float>{3.5f}));
}

void TestInteractionFile::countsAndSkipsUnknownTracks()
{
    const QString path = write(("user_id,track_id,rating\n1,spotify:track:gone,3\n1," +
                                m_catalog.identity(0) + ",3\n2,spotify:track:alsogone,4\n")
                                   .c_str());
    const rec::InteractionHistories h = rec::readInteractionHistories(path.toStdString(), m_catalog);
    QCOMPARE(h.unknownTracks, 2u);
    QCOMPARE(h.users.at(1).tracks.size(), 1u);
    QVERIFY(h.users.at(2).tracks.empty()); // the user exists, with nothing in this catalog
}

void TestInteractionFile::rejectsBadValues()
{
    const QString badUser = write("user_id,track_id\nabc,x\n");
    try {
        rec::readInteractionHistories(badUser.toStdString(), m_catalog);
        QFAIL("accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.location().line, 2u);
        QCOMPARE(e.location().column, 1u);
        QCOMPARE(e.location().field, std::string("user_id"));
    }
    const QString noTrack = write("user_id,rating\n1,3\n");
    QVERIFY_THROWS_EXCEPTION(InputError, rec::readInteractionHistories(noTrack.toStdString(), m_catalog));
    const QString badRating =
        write(("user_id,track_id,rating\n1," + m_catalog.identity(0) + ",great\n").c_str());
    QVERIFY_THROWS_EXCEPTION(InputError, rec::readInteractionHistories(badRating.toStdString(), m_catalog));
}

void TestInteractionFile::rejectsRatingsOutsideOneToFive_data()
{
    QTest::addColumn<QByteArray>("rating");
    // 1e300 is finite as a double but infinite as a float: it would zero every weighted score.
    for (const char* rating : {"1e300", "-1e300", "0", "0.5", "5.5", "-3", "1e39"})
        QTest::newRow(rating) << QByteArray(rating);
}

void TestInteractionFile::rejectsRatingsOutsideOneToFive()
{
    QFETCH(QByteArray, rating);
    const QString path = write(("user_id,track_id,rating\n1," + m_catalog.identity(0) + ",4\n1," +
                                m_catalog.identity(1) + "," + rating.toStdString() + "\n")
                                   .c_str());
    try {
        rec::readInteractionHistories(path.toStdString(), m_catalog);
        QFAIL("accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.location().file, path.toStdString());
        QCOMPARE(e.location().line, 3u);
        QCOMPARE(e.location().column, 3u);
        QCOMPARE(e.location().field, std::string("rating"));
        QVERIFY2(e.reason().find("not a rating in 1..5") != std::string::npos, e.what());
    }
    // The ends of the range are ratings.
    const QString ends = write(
        ("user_id,track_id,rating\n1," + m_catalog.identity(0) + ",1\n1," + m_catalog.identity(1) + ",5.0\n")
            .c_str());
    QCOMPARE(rec::readInteractionHistories(ends.toStdString(), m_catalog).users.at(1).tracks.size(), 2u);
}

QTEST_APPLESS_MAIN(TestInteractionFile)
#include "TestInteractionFile.moc"
