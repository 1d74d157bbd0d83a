// The curves' first, best and last values, and the verdict a run's curves earn.
#include "model/CurveSummary.h"
#include "model/Model.h"

#include <QTest>
#include <cmath>

using namespace gdbm::model;

namespace {

// A run of `pretrain` values for layer 1 and fine-tuning's training and validation values.
std::vector<EpochStats> curves(const std::vector<double>& pretrain, const std::vector<double>& train,
                               const std::vector<double>& validation)
{
    std::vector<EpochStats> out;
    for (std::size_t i = 0; i < pretrain.size(); ++i)
        out.push_back({Phase::Pretraining, 0, 1, int(i + 1), int(pretrain.size()), pretrain[i], pretrain[i]});
    for (std::size_t i = 0; i < train.size(); ++i) {
        EpochStats s{Phase::FineTuning,
                     0,
                     1,
                     int(i + 1),
                     int(train.size()),
                     train[i],
                     i < validation.size() ? validation[i] : std::nan("")};
        out.push_back(s);
    }
    return out;
}

std::vector<double> line(double from, double to, int n)
{
    std::vector<double> v;
    for (int i = 0; i < n; ++i)
        v.push_back(from + (to - from) * i / (n - 1));
    return v;
}

} // namespace

class TestCurveSummary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summaryHasFirstBestLast()
    {
        const CurveSummary s = summarizeCurves(curves({0.9, 0.5, 0.6}, {0.7, 0.4}, {0.8, 0.45}));
        QCOMPARE(s.pretrainTrain.size(), std::size_t(1));
        QCOMPARE(s.pretrainTrain[0].first, 0.9);
        QCOMPARE(s.pretrainTrain[0].best, 0.5);
        QCOMPARE(s.pretrainTrain[0].bestEpoch, 2);
        QCOMPARE(s.pretrainTrain[0].last, 0.6);
        QCOMPARE(s.finetuneValidation.first, 0.8);
        QCOMPARE(s.finetuneValidation.last, 0.45);
        QCOMPARE(s.finetuneValidation.epochs, 2);
        // Without validation songs, the validation series is empty.
        QCOMPARE(summarizeCurves(curves({}, {0.7, 0.4}, {})).finetuneValidation.epochs, 0);
    }

    void verdicts()
    {
        const auto verdict = [](const std::vector<double>& train, const std::vector<double>& validation) {
            return judgeTraining(curves({0.9, 0.8}, train, validation), std::nullopt).verdict;
        };
        QCOMPARE(verdict(line(0.8, 0.5, 20), line(0.85, 0.55, 20)), Verdict::Learning);
        QCOMPARE(verdict(line(0.8, 0.5, 20), std::vector<double>(20, 0.6)), Verdict::Plateaued);
        // Validation back up 10% from its best while training still falls.
        std::vector<double> overfit = line(0.8, 0.5, 10);
        for (double v : line(0.52, 0.55, 10))
            overfit.push_back(v);
        QCOMPARE(verdict(line(0.8, 0.3, 20), overfit), Verdict::Overfitting);
        // A levelled-off validation error that wanders by 2% between epochs, its last epoch 1.5%
        // above its best one: noise, not a rise.
        std::vector<double> wandering = line(0.9, 0.74, 10);
        for (int i = 0; i < 10; ++i)
            wandering.push_back(i % 2 == 0 ? 0.745 : 0.735);
        wandering.back() = 0.74 * 1.015;
        QCOMPARE(verdict(line(0.8, 0.3, 20), wandering), Verdict::Plateaued);
        QCOMPARE(verdict(line(0.5, 0.9, 20), line(0.5, 0.9, 20)), Verdict::Diverging);
        // Blown up in pretraining, then level at an enormous error: diverged, not plateaued.
        const TrainingVerdict blownUp = judgeTraining(
            curves({0.9, 4e20}, std::vector<double>(20, 2.19e21), std::vector<double>(20, 2.2e21)),
            std::nullopt);
        QCOMPARE(blownUp.verdict, Verdict::Diverging);
        QVERIFY2(blownUp.summary.find("reached 2.19e+21") != std::string::npos, blownUp.summary.c_str());
        // Without validation, the training curve is judged.
        QCOMPARE(verdict(line(0.8, 0.5, 20), {}), Verdict::Learning);
        // Without fine-tuning, the top pretraining layer.
        QCOMPARE(judgeTraining(curves(line(1.0, 0.5, 30), {}, {}), std::nullopt).verdict, Verdict::Learning);
        QCOMPARE(judgeTraining({}, std::nullopt).summary, std::string("No epoch completed."));
    }

    void verdictSaysWhatToTry()
    {
        std::vector<double> overfit = line(0.8, 0.5, 10);
        for (double v : line(0.52, 0.6, 10))
            overfit.push_back(v);
        const TrainingVerdict kept = judgeTraining(curves({0.9}, line(0.8, 0.3, 20), overfit), 10);
        QVERIFY2(kept.summary.find("epoch 10") != std::string::npos, kept.summary.c_str());
        QVERIFY2(kept.advice.find("kept epoch 10") != std::string::npos, kept.advice.c_str());
        // Without early stopping the advice is to turn it on; when it kept the pretrained
        // model, it says so.
        QVERIFY(judgeTraining(curves({0.9}, line(0.8, 0.3, 20), overfit), std::nullopt)
                    .advice.find("Turn on early stopping") == 0);
        QVERIFY(judgeTraining(curves({0.9}, line(0.8, 0.3, 20), overfit), 0)
                    .advice.find("the pretrained model") != std::string::npos);
        // Pretraining alone (the hybrid's default) overfitting: early stopping is not the cure.
        std::vector<EpochStats> pretrainedOnly = curves(line(0.8, 0.3, 20), {}, {});
        for (std::size_t i = 0; i < pretrainedOnly.size(); ++i)
            pretrainedOnly[i].mseValidation = overfit[i];
        const TrainingVerdict pretrained = judgeTraining(pretrainedOnly, std::nullopt);
        QCOMPARE(pretrained.verdict, Verdict::Overfitting);
        QVERIFY2(pretrained.advice.find("fewer pretraining epochs") != std::string::npos,
                 pretrained.advice.c_str());
        const TrainingVerdict rising = judgeTraining(curves({0.9}, line(0.5, 0.9, 20), {}), std::nullopt);
        QVERIFY2(rising.advice.find("lower learning rate") != std::string::npos, rising.advice.c_str());
    }

    // A hybrid still learning when its update limit ended pretraining: more epochs would change
    // nothing (they are already more than it ran), a higher limit would.
    void limitedHybridIsToldOfItsLimit()
    {
        Model hybrid;
        hybrid.modalities = {{Modality::Audio, 0, 14, {}}};
        hybrid.params.pretrainEpochs = 100;
        hybrid.hybrid.maxPretrainUpdates = 3500;
        hybrid.trainRows = 9000; // 71 batches of 128: 50 epochs
        hybrid.validationRows = 1000;
        hybrid.curves = curves(line(0.8, 0.5, 50), {}, {});
        QCOMPARE(hybrid.trainedRecipe().pretrainEpochs, 50);
        const TrainingVerdict limited = judgeModel(hybrid);
        QCOMPARE(limited.verdict, Verdict::Learning);
        QVERIFY2(limited.advice.find("update limit ended each layer at 50 epochs") != std::string::npos,
                 limited.advice.c_str());
        // Without the limit, or with fewer epochs than it allows, more epochs is the advice.
        hybrid.hybrid.maxPretrainUpdates = 0;
        QVERIFY(judgeModel(hybrid).advice.find("More epochs") == 0);
        hybrid.hybrid.maxPretrainUpdates = 3500;
        hybrid.params.pretrainEpochs = 50;
        QVERIFY(judgeModel(hybrid).advice.find("More epochs") == 0);
    }
};

QTEST_APPLESS_MAIN(TestCurveSummary)
#include "TestCurveSummary.moc"
