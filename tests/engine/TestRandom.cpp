#include "core/Random.h"
#include "model/Sampling.h"

#include <QTest>
#include <cmath>
#include <numbers>

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
    void rowStreamsAreTheDocumentedGenerators();
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

namespace {

// Row r's stream as documented in Sampling.h, one number at a time: xoshiro128+ seeded with the
// first four words of CounterRng(seed, Sampling, key, firstRow + r).
struct ScalarRowStream
{
    std::uint32_t s0, s1, s2, s3;

    ScalarRowStream(std::uint64_t seed, std::uint64_t key, std::uint64_t row)
    {
        CounterRng philox(seed, RandomPurpose::Sampling, key, row);
        s0 = philox.nextU32();
        s1 = philox.nextU32();
        s2 = philox.nextU32();
        s3 = philox.nextU32() | 1u;
    }

    float next()
    {
        const std::uint32_t result = s0 + s3;
        const std::uint32_t t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >> 21);
        return (float(result >> 8) + 0.5f) * 0x1.0p-24f;
    }
};

} // namespace

void TestRandom::rowStreamsAreTheDocumentedGenerators()
{
    // 37 rows (two whole blocks of 16 and a partial one) from row 1000: a Bernoulli call of 37
    // columns (two whole vectors and a partial one), then Gaussian noise of 5 columns (Box-Muller
    // pairs, the last one alone), each entry what the row's own generator gives.
    constexpr Eigen::Index rows = 37;
    Matrix p(rows, 37);
    for (Eigen::Index i = 0; i < p.size(); ++i)
        p.data()[i] = float(i % 11) / 10.0f;
    Matrix bits = p;
    Matrix noise = Matrix::Constant(rows, 5, 1.0f);
    const RowVector sigma{{0.5f, 1.0f, 2.0f, 3.0f, 4.0f}};
    model::RowStreams streams(9, 21, 1000, rows);
    streams.sampleBernoulli(bits);
    streams.addGaussianNoise(noise, sigma);
    for (Eigen::Index r = 0; r < rows; ++r) {
        ScalarRowStream row(9, 21, 1000 + std::uint64_t(r));
        for (Eigen::Index j = 0; j < p.cols(); ++j)
            QCOMPARE(bits(r, j), row.next() < p(r, j) ? 1.0f : 0.0f);
        for (Eigen::Index j = 0; j < noise.cols(); j += 2) {
            const float radius = std::sqrt(-2.0f * std::log(row.next()));
            const float angle = float(2 * std::numbers::pi) * row.next();
            // To rounding: the engine's vectorised log, sine and cosine are not the C library's.
            const float even = sigma(j) * radius * std::cos(angle);
            QVERIFY(std::abs(noise(r, j) - (1.0f + even)) < 1e-5f * (1.0f + std::abs(even)));
            if (j + 1 < noise.cols()) {
                const float odd = sigma(j + 1) * radius * std::sin(angle);
                QVERIFY(std::abs(noise(r, j + 1) - (1.0f + odd)) < 1e-5f * (1.0f + std::abs(odd)));
            }
        }
    }
}

QTEST_APPLESS_MAIN(TestRandom)
#include "TestRandom.moc"
