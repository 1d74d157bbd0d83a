#include "core/Random.h"
#include "rec/ListeningFactors.h"

#include <Eigen/SVD>
#include <QTest>
#include <cmath>

using namespace gdbm;
using namespace gdbm::model;
using namespace gdbm::rec;

// The hybrid's low-rank listening coding (HYBRID.md section 1): a truncated SVD of who heard what.
class TestListeningFactors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void spanTheLeadingSingularVectors();
};

namespace {

constexpr std::size_t kTracks = 400;

} // namespace

// The randomized range finder finds the exact SVD's leading right singular vectors (40 listeners
// are few enough to decompose exactly), and the heard songs' units come out centred, with a mean
// variance of 1.
void TestListeningFactors::spanTheLeadingSingularVectors()
{
    // 40 listeners in 4 groups, each group mostly on its own 12 tracks: 4 clear singular values.
    TrainingInteractions groups{kTracks, {}};
    CounterRng rng(5, RandomPurpose::Simulation, 1);
    for (std::uint32_t u = 0; u < 40; ++u) {
        std::vector<std::uint32_t> tracks;
        for (int i = 0; i < 10; ++i)
            tracks.push_back(std::uint32_t(i < 8 ? (u % 4) * 50 + rng.below(12) : rng.below(300)));
        groups.tracksOfUser.push_back(distinctTracks(tracks));
    }
    const std::size_t rank = 4;
    std::vector<std::string> names(groups.tracksOfUser.size(), "u");
    const ListeningFactors factors = fitListeningFactors(groups, rank, names, 7);
    QCOMPARE(factors.rank(), rank);
    QCOMPARE(std::size_t(factors.factors.rows()), groups.tracksOfUser.size());

    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(Eigen::Index(kTracks), 40);
    for (std::size_t u = 0; u < 40; ++u)
        for (std::uint32_t t : groups.tracksOfUser[u])
            a(t, Eigen::Index(u)) = 1;
    const Eigen::JacobiSVD<Eigen::MatrixXd> exact(a, Eigen::ComputeThinV);
    const Eigen::MatrixXd v = exact.matrixV().leftCols(Eigen::Index(rank));
    // Same subspace: each found factor, normalized, lies in the span of the exact ones.
    for (Eigen::Index j = 0; j < Eigen::Index(rank); ++j) {
        const Eigen::VectorXd f = factors.factors.col(j).cast<double>().normalized();
        QVERIFY((v * (v.transpose() * f) - f).norm() < 1e-3);
    }

    Eigen::MatrixXd codes(0, Eigen::Index(rank));
    for (const auto& listeners : listenersOfTracks(groups)) {
        if (listeners.empty())
            continue;
        codes.conservativeResize(codes.rows() + 1, Eigen::NoChange);
        codes.bottomRows(1) = encodeListening(factors, listeners).cast<double>();
    }
    const Eigen::RowVectorXd mean = codes.colwise().mean();
    const Eigen::RowVectorXd variance = (codes.rowwise() - mean).cwiseAbs2().colwise().mean();
    QVERIFY(mean.cwiseAbs().maxCoeff() < 1e-4);
    QVERIFY(std::abs(variance.mean() - 1) < 1e-3);
    QVERIFY(variance(0) > variance(3));                              // one scale for all: the spectrum stays
    QVERIFY(fitListeningFactors(groups, rank, names, 7) == factors); // seeded
    QCOMPARE(fitListeningFactors(groups, 100, names, 7).rank(), std::size_t(40)); // what the data has
    const ListeningFactors none = fitListeningFactors(groups, 0, names, 7);
    QVERIFY(none.empty() && none.listeners.empty()); // no listener without factors
}

QTEST_APPLESS_MAIN(TestListeningFactors)
#include "TestListeningFactors.moc"
