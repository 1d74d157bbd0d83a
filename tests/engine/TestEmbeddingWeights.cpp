#include "TinyHybrid.h"
#include "rec/CatalogEmbedding.h"

#include <QTest>
#include <cmath>

using namespace gdbm;
using namespace gdbm::rec;

// What each unit of an embedding weighs in the cosine (embeddingUnitWeights): a hybrid's
// listening pathway and joint layer kListeningUnitWeight in its every-layer embedding, every
// other unit 1, and the scoring space built with them (docs/MODEL.md section 10).
class TestEmbeddingWeights : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listeningAndJointUnitsWeighLess();
    void everyLevelOfTheListeningPathway();
    void otherEmbeddingsAndModelsWeighAlike();
};

void TestEmbeddingWeights::listeningAndJointUnitsWeighLess()
{
    const test::TinyHybrid tiny;
    const model::Model model = tiny.train();
    const double w = kListeningUnitWeight;
    // Layer 1: audio [0, 4), tags [4, 7), listening [7, 12); then the joint layer's 2 units.
    const std::vector<double> expected{1, 1, 1, 1, 1, 1, 1, w, w, w, w, w, w, w};
    QCOMPARE(embeddingUnitWeights(model, EmbeddingKind::AllLayers), expected);

    // The space scales each standardized unit by its weight.
    const Matrix embeddings = embedCatalog(model, tiny.catalog, EmbeddingKind::AllLayers);
    const ScoringSpace weighted = catalogScoringSpace(model, embeddings, EmbeddingKind::AllLayers);
    const ScoringSpace plain = makeScoringSpace(embeddings);
    QCOMPARE(weighted.keptUnits, plain.keptUnits);
    for (std::size_t k = 0; k < weighted.keptUnits.size(); ++k) {
        const double unitWeight = expected[std::size_t(weighted.keptUnits[k])];
        QVERIFY(std::abs(weighted.scale(Eigen::Index(k)) - unitWeight * plain.scale(Eigen::Index(k))) <
                1e-12);
    }
}

void TestEmbeddingWeights::everyLevelOfTheListeningPathway()
{
    test::TinyHybrid tiny;
    tiny.shape.audioLayers = {4, 3};
    tiny.shape.tagLayers = {3, 2};
    tiny.shape.listeningLayers = {5, 3};
    const model::Model model = tiny.train();
    const double w = kListeningUnitWeight;
    // Level 1 [4 | 3 | 5], level 2 [3 | 2 | 3], the joint layer's 2.
    const std::vector<double> expected{1, 1, 1, 1, 1, 1, 1, w, w, w, w, w, 1, 1, 1, 1, 1, w, w, w, w, w};
    QCOMPARE(embeddingUnitWeights(model, EmbeddingKind::AllLayers), expected);
}

void TestEmbeddingWeights::otherEmbeddingsAndModelsWeighAlike()
{
    test::TinyHybrid tiny;
    const model::Model hybrid = tiny.train();
    QVERIFY(embeddingUnitWeights(hybrid, EmbeddingKind::TopLayer).empty());
    QVERIFY(embeddingUnitWeights(hybrid, EmbeddingKind::Reconstruction).empty());
    tiny.shape.modalities = {model::Modality::Audio, model::Modality::Tags}; // nothing to weigh less
    QVERIFY(embeddingUnitWeights(tiny.train(), EmbeddingKind::AllLayers).empty());
    QVERIFY(embeddingUnitWeights(model::Model{}, EmbeddingKind::AllLayers).empty()); // audio only
}

QTEST_APPLESS_MAIN(TestEmbeddingWeights)
#include "TestEmbeddingWeights.moc"
