#include "rec/HybridModel.h"
#include "rec/TagFeatures.h"

#include <QTest>

using namespace gdbm;
using namespace gdbm::rec;

// The tag vocabulary (genres, decades, artists) and the hybrid's tag units built from it.
class TestTagFeatures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void vocabularyKeepsGenresAndArtistsWithEnoughTracks();
    void indicatorsMarkEveryTagOfATrack();
    void hybridReadsItsOwnVocabulary();

private:
    data::Catalog m_catalog;
};

// Eight tracks: Queen on 0-4 (track 4 with Bowie), Bowie on 5-7 (named twice on 7), so Queen
// has 5 tracks and Bowie 4; rock on 0-5 and jazz on 6-7; 1985 but track 7 from 1991.
void TestTagFeatures::initTestCase()
{
    for (int i = 0; i < 8; ++i) {
        data::TrackFields f;
        f.name = "song " + std::to_string(i);
        if (i < 4)
            f.artists = {"Queen"};
        else if (i == 4)
            f.artists = {"Queen", "David Bowie"};
        else if (i == 7)
            f.artists = {"David Bowie", "David Bowie"}; // still one of Bowie's tracks
        else
            f.artists = {"David Bowie"};
        f.artistsText = i == 4 ? "Queen, David Bowie" : f.artists.front();
        f.genres = {i < 6 ? "rock" : "jazz"};
        f.year = i == 7 ? 1991 : 1985;
        f.releaseDate = std::to_string(f.year);
        data::FeatureRow features;
        features.fill(0.5);
        m_catalog.addTrack(std::move(f), features);
    }
}

void TestTagFeatures::vocabularyKeepsGenresAndArtistsWithEnoughTracks()
{
    using Names = std::vector<std::string>;
    QCOMPARE(tagNames(m_catalog, 4),
             (Names{"genre:rock", "decade:1980s", "decade:1990s", "artist:Queen", "artist:David Bowie"}));
    // At 5, Bowie's 4 tracks are too few, as jazz's 2; decades have no threshold.
    QCOMPARE(tagNames(m_catalog, 5), (Names{"genre:rock", "decade:1980s", "decade:1990s", "artist:Queen"}));
    QCOMPARE(tagNames(m_catalog, 9), (Names{"decade:1980s", "decade:1990s"}));
    QCOMPARE(tagFeatures(m_catalog, 4).names, tagNames(m_catalog, 4));
}

void TestTagFeatures::indicatorsMarkEveryTagOfATrack()
{
    const TagFeatures tags = tagFeatures(m_catalog, 4);
    // Columns: rock, 1980s, 1990s, Queen, Bowie.
    Matrix expected(8, 5);
    expected << 1, 1, 0, 1, 0, //
        1, 1, 0, 1, 0,         //
        1, 1, 0, 1, 0,         //
        1, 1, 0, 1, 0,         //
        1, 1, 0, 1, 1,         // the collaboration carries both artists
        1, 1, 0, 0, 1,         //
        0, 1, 0, 0, 1,         // jazz has too few tracks for a column
        0, 0, 1, 0, 1;
    QCOMPARE(tags.indicators, expected);
}

// The hybrid's tag units come from the vocabulary its model file keeps, whatever the catalog:
// a model trained before artists were tags (no "artist:" names) reads the same tracks without
// them, and a name the catalog lacks stays 0.
void TestTagFeatures::hybridReadsItsOwnVocabulary()
{
    model::Model model;
    model.modalities = {{model::Modality::Tags, 0, 3, {"decade:1990s", "artist:David Bowie", "artist:ABBA"}}};
    const Matrix v = hybridVisible(model, m_catalog);
    Matrix expected = Matrix::Zero(8, 3);
    expected.col(1).tail(4).setOnes(); // Bowie: tracks 4-7
    expected(7, 0) = 1;
    QCOMPARE(v, expected);

    model.modalities = {{model::Modality::Tags, 0, 2, {"genre:rock", "decade:1980s"}}};
    QCOMPARE(hybridVisible(model, m_catalog), Matrix(tagFeatures(m_catalog, 4).indicators.leftCols(2)));
}

QTEST_APPLESS_MAIN(TestTagFeatures)
#include "TestTagFeatures.moc"
