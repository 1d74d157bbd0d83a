#include "core/Random.h"
#include "model/Sampling.h"

#include <QTest>
#include <cmath>

using namespace gdbm;

class TestRandom : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void streamsArePureFunctionsOfTheirKey();
    void bulkUniformsContinueTheStream();
    void uniformsLookUniform();
    void rowStreamsDoNotDependOnChunking();
    void bernoulliAndGaussianMoments();
    void rowStreamsAreIndependentAcrossRowsColumnsAndCalls();
};

void TestRandom::streamsArePureFunctionsOfTheirKey()
{
    CounterRng a(1, RandomPurpose::Sampling, 2, 3), b(1, RandomPurpose::Sampling, 2, 3);
    CounterRng c(1, RandomPurpose::Sampling, 2, 4), d(1, RandomPurpose::Shuffle, 2, 3);
    bool differs = false;
    for (int i = 0; i < 100; ++i) {
        const std::uint32_t x = a.nextU32();
        QCOMPARE(x, b.nextU32());
        differs = differs || x != c.nextU32() || x != d.nextU32();
    }
    QVERIFY(differs);
}

void TestRandom::bulkUniformsContinueTheStream()
{
    // fillUniform uses the same words as nextU32 would, in order, across partial blocks.
    for (std::size_t skip : {0u, 1u, 3u, 5u}) {
        CounterRng scalar(9, RandomPurpose::Sampling, 1), bulk(9, RandomPurpose::Sampling, 1);
        for (std::size_t i = 0; i < skip; ++i) {
            scalar.nextU32();
            bulk.nextU32();
        }
        std::vector<float> out(150);
        bulk.fillUniform(out.data(), 70);
        bulk.fillUniform(out.data() + 70, 80);
        for (float u : out)
            QCOMPARE(u, (float(scalar.nextU32() >> 8) + 0.5f) * 0x1.0p-24f);
        QCOMPARE(bulk.nextU32(), scalar.nextU32());
    }
}

void TestRandom::uniformsLookUniform()
{
    CounterRng rng(3, RandomPurpose::Sampling);
    std::vector<int> bins(10, 0);
    const int n = 100000;
    double sum = 0;
    for (int i = 0; i < n; ++i) {
        const double u = rng.uniform();
        QVERIFY(u >= 0 && u < 1);
        ++bins[std::size_t(u * 10)];
        sum += u;
    }
    for (int b : bins)
        QVERIFY(std::abs(b - n / 10) < 500); // ~5 standard deviations
    QVERIFY(std::abs(sum / n - 0.5) < 0.005);
    for (int i = 0; i < 1000; ++i)
        QVERIFY(rng.below(7) < 7);
}

void TestRandom::rowStreamsDoNotDependOnChunking()
{
    // Rows 0..19 sampled as one chunk, or as chunks 0..3 and 4..19 (sizes that split the
    // vectorised loops differently): the same numbers per row, over successive calls of both kinds.
    const auto sample = [](model::RowStreams& streams, Eigen::Index rows) {
        Matrix bits = Matrix::Constant(rows, 6, 0.5f);
        streams.sampleBernoulli(bits);
        Matrix noise = Matrix::Zero(rows, 7);
        streams.addGaussianNoise(noise, RowVector::Constant(7, 1.0f));
        Matrix both(rows, 13);
        both << bits, noise;
        return both;
    };
    model::RowStreams all(1, 77, 0, 20);
    const Matrix whole = sample(all, 20);
    model::RowStreams a(1, 77, 0, 4), b(1, 77, 4, 16);
    QVERIFY(whole.topRows(4) == sample(a, 4));
    QVERIFY(whole.bottomRows(16) == sample(b, 16));
}

void TestRandom::bernoulliAndGaussianMoments()
{
    Matrix p = Matrix::Constant(2000, 8, 0.3f);
    model::RowStreams streams(5, 1, 0, 2000);
    streams.sampleBernoulli(p);
    QVERIFY(std::abs(p.mean() - 0.3f) < 0.01f);
    Matrix noise = Matrix::Zero(2000, 7);
    RowVector sigma = RowVector::Constant(7, 2.0f);
    streams.addGaussianNoise(noise, sigma);
    QVERIFY(std::abs(noise.mean()) < 0.05f);
    QVERIFY(std::abs(std::sqrt(noise.array().square().mean()) - 2.0f) < 0.05f);
}

void TestRandom::rowStreamsAreIndependentAcrossRowsColumnsAndCalls()
{
    // Gaussian noise of 9 columns (4 Box-Muller pairs and a lone one) twice over the same rows:
    // every column is standard normal and no two columns, within a call or across calls, correlate.
    constexpr Eigen::Index rows = 20000, cols = 9;
    model::RowStreams streams(3, 5, 0, rows);
    Matrix first = Matrix::Zero(rows, cols), second = Matrix::Zero(rows, cols);
    const RowVector sigma = RowVector::Constant(cols, 1.0f);
    streams.addGaussianNoise(first, sigma);
    streams.addGaussianNoise(second, sigma);
    Eigen::MatrixXd all(rows, 2 * cols);
    all << first.cast<double>(), second.cast<double>();
    const Eigen::MatrixXd covariance = all.transpose() * all / double(rows);
    for (Eigen::Index i = 0; i < all.cols(); ++i) {
        QVERIFY2(std::abs(all.col(i).mean()) < 0.05, qPrintable(QString::number(i)));
        QVERIFY2(std::abs(covariance(i, i) - 1.0) < 0.05, qPrintable(QString::number(i)));
        for (Eigen::Index j = 0; j < i; ++j)
            QVERIFY2(std::abs(covariance(i, j)) < 0.04, qPrintable(QString("%1, %2").arg(i).arg(j)));
    }
    // Bernoulli draws: neighbouring rows (streams seeded from neighbouring counters) do not agree
    // more than chance would.
    Matrix bits = Matrix::Constant(rows, 5, 0.5f);
    streams.sampleBernoulli(bits);
    const double agree =
        (bits.topRows(rows - 1).array() == bits.bottomRows(rows - 1).array()).cast<double>().mean();
    QVERIFY(std::abs(agree - 0.5) < 0.01);
}

QTEST_APPLESS_MAIN(TestRandom)
#include "TestRandom.moc"
