#include "TinyHybrid.h"
#include "model/Multimodal.h"
#include "model/Trainer.h"

#include <QTest>

using namespace gdbm;
using namespace gdbm::model;

// The recipe a hybrid trains with (hybridRecipe): each layer's pretraining within
// HybridParams::maxPretrainUpdates mini-batch updates (docs/MODEL.md section 10), the other
// overrides as before.
class TestHybridRecipe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void epochsStopAtTheUpdateLimit();
    void theLimitOnlyShortens();
    void otherOverridesStay();
    void aTrainedHybridRunsTheLimitedEpochs();
};

// With the defaults (batch 128, a tenth held out): 10,000 songs train on 9,000, 71 batches an
// epoch, so 3,500 updates are 50 epochs (49 x 71 = 3,479 would fall short).
void TestHybridRecipe::epochsStopAtTheUpdateLimit()
{
    const TrainingParams params;
    HybridParams hybrid;
    QCOMPARE(params.pretrainEpochs, 100);
    QCOMPARE(hybrid.maxPretrainUpdates, std::size_t(3500));
    QCOMPARE(trainingRows(10'000, params.validationShare, params.seed).size(), std::size_t(9000));
    QCOMPARE(hybridRecipe(params, hybrid, 10'000).pretrainEpochs, 50);
    hybrid.maxPretrainUpdates = 71;
    QCOMPARE(hybridRecipe(params, hybrid, 10'000).pretrainEpochs, 1);
    hybrid.maxPretrainUpdates = 72;
    QCOMPARE(hybridRecipe(params, hybrid, 10'000).pretrainEpochs, 2);
}

// A small catalog keeps its epochs (2,000 songs: 15 batches, 234 epochs to the limit;
// songs_normalize.csv's 1,904 make 14), as do no limit, no songs and fewer epochs than the limit
// allows.
void TestHybridRecipe::theLimitOnlyShortens()
{
    TrainingParams params;
    HybridParams hybrid;
    QCOMPARE(hybridRecipe(params, hybrid, 2'000).pretrainEpochs, 100);
    QCOMPARE(hybridRecipe(params, hybrid, 0).pretrainEpochs, 100);
    hybrid.maxPretrainUpdates = 0;
    QCOMPARE(hybridRecipe(params, hybrid, 10'000).pretrainEpochs, 100);
    hybrid.maxPretrainUpdates = 3500;
    params.pretrainEpochs = 30;
    QCOMPARE(hybridRecipe(params, hybrid, 10'000).pretrainEpochs, 30);
    params.pretrainEpochs = 100;
    params.batchSize = 256; // 36 batches: 98 epochs
    QCOMPARE(hybridRecipe(params, hybrid, 10'000).pretrainEpochs, 98);
}

void TestHybridRecipe::otherOverridesStay()
{
    TrainingParams params;
    params.pretrainMomentum = 0.3;
    params.finetuneEpochs = 40;
    HybridParams hybrid;
    const TrainingParams recipe = hybridRecipe(params, hybrid, 10'000);
    QCOMPARE(recipe.pretrainMomentum, hybrid.pretrainMomentum);
    QCOMPARE(recipe.finetuneEpochs, hybrid.finetuneEpochs);
    QCOMPARE(recipe.weightDoubling, hybrid.weightDoubling);
    QCOMPARE(recipe.batchSize, params.batchSize);
}

// 300 songs train on 270: 3 batches an epoch. A limit of 4 updates leaves 2 of 3 epochs, on every
// layer's curve, and the model's recipe says so.
void TestHybridRecipe::aTrainedHybridRunsTheLimitedEpochs()
{
    test::TinyHybrid tiny;
    tiny.quick.pretrainEpochs = 3;
    tiny.shape.maxPretrainUpdates = 4;
    const Model model = tiny.train();
    QCOMPARE(model.trainRows, std::size_t(270));
    QCOMPARE(model.trainedRecipe().pretrainEpochs, 2);
    QCOMPARE(model.params.pretrainEpochs, 3);          // what was asked stays what the user set
    QCOMPARE(model.curves.size(), std::size_t(2 * 2)); // the pathways' layer and the joint layer
    for (const EpochStats& point : model.curves) {
        QCOMPARE(point.phase, Phase::Pretraining);
        QCOMPARE(point.epochs, 2);
    }
}

QTEST_APPLESS_MAIN(TestHybridRecipe)
#include "TestHybridRecipe.moc"
