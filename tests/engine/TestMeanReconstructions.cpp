#include "TinyHybrid.h"
#include "core/Random.h"
#include "model/Pretrainer.h"
#include "model/Rbm.h"
#include "model/TrainingContext.h"
#include "rec/HybridModel.h"

#include <QTest>

using namespace gdbm;
using namespace gdbm::model;

// The hybrid's pretraining reconstructs its audio, tag and low-rank listening units by their means
// in CD's negative phase (docs/MODEL.md section 10): those columns' reconstructions are the
// model's means, drawn from the same hidden sample as before, and the other columns keep their
// samples.
class TestMeanReconstructions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void meanColumnsAreReconstructedByTheirMeans_data();
    void meanColumnsAreReconstructedByTheirMeans();
    void pretrainingReconstructsTheFirstLayersMeanInputs();
    void hybridSamplesOnlyItsPerListenerUnits();
};

namespace {

Matrix randomRows(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed, bool binary)
{
    CounterRng rng(seed, RandomPurpose::Simulation, 0);
    Matrix v(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j)
            v(i, j) = binary ? (rng.uniform() < 0.4 ? 1.0f : 0.0f) : Scalar(rng.uniform(-2, 2));
    return v;
}

} // namespace

void TestMeanReconstructions::meanColumnsAreReconstructedByTheirMeans_data()
{
    QTest::addColumn<bool>("gaussian");
    QTest::newRow("binary units") << false;
    QTest::newRow("Gaussian units") << true;
}

void TestMeanReconstructions::meanColumnsAreReconstructedByTheirMeans()
{
    QFETCH(bool, gaussian);
    const Eigen::Index rows = 8, cols = 5;
    Rbm rbm = initialRbm(cols, 3, gaussian ? cols : 0, 7, 0);
    rbm.visibleBias << 0.3f, -0.2f, 0.1f, 0.4f, -0.5f;
    const Matrix v = randomRows(rows, cols, 3, !gaussian);
    const auto gradient = [&](const std::vector<ColumnRange>& means) {
        RowStreams streams(1, 2, 0, std::size_t(rows));
        RbmGradient g = RbmGradient::zerosLike(rbm);
        accumulateCdGradient(rbm, v, 1, streams, g, {.means = means});
        return g;
    };
    const RbmGradient withMeans = gradient({{1, 2}});
    const RbmGradient sampled = gradient({});

    // The same hidden draw the gradient starts from, and the mean reconstruction it gives.
    RowStreams streams(1, 2, 0, std::size_t(rows));
    Matrix h = rbm.hiddenProbabilities(v);
    streams.sampleBernoulli(h);
    const Matrix mean = rbm.visibleMean(h);
    // With unit variances a visible-bias term is the data minus the reconstruction, summed.
    for (Eigen::Index j : {1, 2}) {
        const double expected = double(v.col(j).sum()) - double(mean.col(j).sum());
        QVERIFY2(std::abs(double(withMeans.visibleBias(j)) - expected) < 1e-5,
                 qPrintable(QString::number(j)));
        QVERIFY(withMeans.visibleBias(j) != sampled.visibleBias(j));
    }
    // The other columns are sampled from the same draws either way.
    for (Eigen::Index j : {0, 3, 4})
        QCOMPARE(withMeans.visibleBias(j), sampled.visibleBias(j));
}

void TestMeanReconstructions::pretrainingReconstructsTheFirstLayersMeanInputs()
{
    const Matrix train = randomRows(96, 8, 5, true);
    const Matrix validation = randomRows(24, 8, 6, true);
    TrainingParams params;
    params.pretrainEpochs = 2;
    params.batchSize = 16;
    const EpochObserver observer;
    const auto pretrained = [&](const std::vector<ColumnRange>& means) {
        Architecture architecture = denseArchitecture(8, {6, 4});
        architecture.gaussianCount = 0;
        architecture.meanInputs = means;
        TrainingContext context{train,    validation,   train,          params,
                                observer, nullptr,      nullptr,        std::chrono::steady_clock::now(),
                                {},       architecture, Monitoring::Off};
        return pretrain(context);
    };
    const PretrainResult sampled = pretrained({});
    const PretrainResult withMeans = pretrained({{0, 3}});
    QVERIFY(withMeans.rbms.at(0).weights != sampled.rbms.at(0).weights);
    QVERIFY(withMeans.rbms.at(0).visibleBias.head(3) != sampled.rbms.at(0).visibleBias.head(3));
}

void TestMeanReconstructions::hybridSamplesOnlyItsPerListenerUnits()
{
    test::TinyHybrid tiny;
    QVERIFY(tiny.shape.meanReconstructions); // the default
    Model model = tiny.train();

    // The visible units: audio, then tags, then one per listener, which stay sampled.
    const auto columnsOf = [](const Model& m, std::initializer_list<Modality> modalities) {
        std::vector<ColumnRange> columns;
        for (Modality modality : modalities)
            columns.push_back({m.find(modality)->first, m.find(modality)->count});
        return columns;
    };
    QCOMPARE(rec::hybridArchitecture(model).meanInputs, columnsOf(model, {Modality::Audio, Modality::Tags}));
    model.hybrid.meanReconstructions = false;
    QVERIFY(rec::hybridArchitecture(model).meanInputs.empty());

    // The low-rank listening coding is Gaussian and dense: its means too (its units come before
    // the tags', with the other Gaussian ones).
    tiny.shape.listeningRank = 3;
    const Model lowRank = tiny.train();
    QCOMPARE(rec::hybridArchitecture(lowRank).meanInputs,
             columnsOf(lowRank, {Modality::Audio, Modality::Listening, Modality::Tags}));
}

QTEST_APPLESS_MAIN(TestMeanReconstructions)
#include "TestMeanReconstructions.moc"
