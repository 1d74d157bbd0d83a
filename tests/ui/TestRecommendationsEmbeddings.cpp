// The Recommendations page's embedding jobs: a new kind recomputed and remembered, requests while
// a job runs (the last one wins, superseded jobs unannounced), a failure shown with a retry, and
// cancelled embeddings that stay cancelled.
#include "RecommendationsFixture.h"
#include "jobs/EmbeddingCache.h"
#include "jobs/JobRunner.h"
#include "pages/RecommendationsPage.h"

#include <QComboBox>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace gdbm;
using gdbm::ui::RecommendationsPage;

class TestRecommendationsEmbeddings : public QObject, public ui::testing::RecommendationsFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestCase(QStringLiteral("TestRecommendationsEmbeddings")); }
    void init() { setUpPage(); }
    void cleanup() { tearDownPage(); }

    void embeddingKindIsRecomputedAndRemembered();
    void embeddingRequestsWhileAJobRuns();
    void embeddingFailureIsShown();
    void cancelledEmbeddingsStayCancelled();
};

void TestRecommendationsEmbeddings::embeddingKindIsRecomputedAndRemembered()
{
    auto* kind = child<QComboBox>("embeddingKind");
    QCOMPARE(kind->count(), 3);
    QCOMPARE(m_page->embeddingKind(), rec::EmbeddingKind::AllLayers);
    QCOMPARE(m_page->snapshot()->embeddings.cols(), Eigen::Index(12));
    m_page->selectUser(userWithHistory());
    QVERIFY(m_page->waitForIdle());

    kind->setCurrentIndex(kind->findData("top"));
    QCOMPARE(m_page->embeddingKind(), rec::EmbeddingKind::TopLayer);
    QCOMPARE(m_page->recommendationModel()->rowCount(), 0); // the old ranking is gone at once
    QVERIFY(m_page->waitForIdle());
    QCOMPARE(m_page->snapshot()->kind, rec::EmbeddingKind::TopLayer);
    QCOMPARE(m_page->snapshot()->embeddings.cols(), Eigen::Index(4));
    QCOMPARE(m_page->recommendationModel()->rowCount(), 10);

    // Two changes in a row: the last one wins.
    kind->setCurrentIndex(kind->findData("reconstruction"));
    kind->setCurrentIndex(kind->findData("all"));
    QVERIFY(m_page->waitForIdle());
    QCOMPARE(m_page->snapshot()->kind, rec::EmbeddingKind::AllLayers);
    QCOMPARE(m_page->recommendationModel()->rowCount(), 10);

    kind->setCurrentIndex(kind->findData("reconstruction"));
    QVERIFY(m_page->waitForIdle());
    QCOMPARE(m_page->snapshot()->embeddings.cols(), Eigen::Index(m_model->features.size()));
    QCOMPARE(QSettings().value("recommendations/embedding").toString(), QString("reconstruction"));
    // A new page starts with the remembered choice.
    setUpState(true, true);
    QCOMPARE(m_page->embeddingKind(), rec::EmbeddingKind::Reconstruction);
    QCOMPARE(m_page->snapshot()->kind, rec::EmbeddingKind::Reconstruction);
    QSettings().remove("recommendations/embedding");
}

void TestRecommendationsEmbeddings::embeddingRequestsWhileAJobRuns()
{
    ui::JobRunner jobs;
    ui::EmbeddingCache embeddings(&jobs);
    QSignalSpy started(&jobs, &ui::JobRunner::started);
    const auto catalog = m_loaded.catalog;
    using K = rec::EmbeddingKind;

    // Top, then all, then top again before the first job ended: one job at a time, and the
    // last request wins even though the running job was for the same inputs (it was cancelled).
    // The jobs it stops itself are superseded, not cancelled: the window says nothing of them.
    int userCancels = 0;
    connect(&jobs, &ui::JobRunner::cancelled, this, [&] { userCancels += jobs.wasSuperseded() ? 0 : 1; });
    embeddings.request(m_model, catalog, K::TopLayer);
    QVERIFY(embeddings.isComputing());
    embeddings.request(m_model, catalog, K::AllLayers);
    embeddings.request(m_model, catalog, K::TopLayer);
    QVERIFY(embeddings.current() == nullptr);
    QVERIFY(embeddings.waitForIdle());
    QCOMPARE(userCancels, 0);
    QVERIFY(embeddings.current() != nullptr);
    QCOMPARE(embeddings.current()->kind, K::TopLayer);
    QVERIFY(started.count() <= 2);
    const auto top = embeddings.current();

    // Asking for what is there starts nothing; asking for the same as the running job neither.
    started.clear();
    embeddings.request(m_model, catalog, K::TopLayer);
    QCOMPARE(started.count(), 0);
    QVERIFY(embeddings.current() == top);
    embeddings.request(m_model, catalog, K::Reconstruction);
    embeddings.request(m_model, catalog, K::Reconstruction);
    QCOMPARE(started.count(), 1);
    // Back to the snapshot there is while the job runs: it is dropped, nothing restarts.
    embeddings.request(m_model, catalog, K::TopLayer);
    QVERIFY(embeddings.current() == top);
    QVERIFY(embeddings.waitForIdle());
    QCOMPARE(started.count(), 1);
    QVERIFY(embeddings.current() == top);

    // No model: no embeddings.
    embeddings.request(nullptr, catalog, K::TopLayer);
    QVERIFY(embeddings.current() == nullptr);
    QVERIFY(!embeddings.isComputing());
}

void TestRecommendationsEmbeddings::embeddingFailureIsShown()
{
    // A simulation over a catalog without the model's Tempo: the model cannot embed it.
    data::Catalog lacking = *m_loaded.catalog;
    data::FeatureSet features = lacking.availableFeatures();
    features.erase(data::Feature::Tempo);
    lacking.setAvailableFeatures(features);
    auto catalog = std::make_shared<const data::Catalog>(std::move(lacking));
    m_state->setSimulation(m_simulation, catalog, sim::defaultArchetypes(), m_loaded.facts.genres.thresholds);
    QVERIFY(m_page->waitForIdle());
    QVERIFY2(m_page->statusText().contains("could not be embedded"), qPrintable(m_page->statusText()));
    QVERIFY(m_page->statusText().contains("Tempo", Qt::CaseInsensitive));
    QCOMPARE(m_page->recommendationModel()->rowCount(), 0);
    QVERIFY(m_page->historyModel()->rowCount() > 0); // the users are still there to browse
    // Back to the catalog the model knows: recommendations again.
    m_state->setSimulation(m_simulation, m_loaded.catalog, sim::defaultArchetypes(),
                           m_loaded.facts.genres.thresholds);
    QVERIFY(m_page->waitForIdle());
    QVERIFY(m_page->statusText().isEmpty());
    QCOMPARE(m_page->recommendationModel()->rowCount(), 10);
}

void TestRecommendationsEmbeddings::cancelledEmbeddingsStayCancelled()
{
    // The window stops every job before it opens a project or closes (and the status bar's
    // Cancel stops this one): the embedding job must not start again by itself.
    setUpState(true, false);
    QSignalSpy started(m_page->jobs(), &ui::JobRunner::started);
    m_state->setModel(m_model);
    QCOMPARE(started.count(), 1);
    m_page->jobs()->cancelAndWait();
    QVERIFY(!m_page->jobs()->isRunning());
    QCOMPARE(started.count(), 1);
    QVERIFY(m_page->snapshot() == nullptr);
    QVERIFY2(m_page->statusText().contains("cancelled"), qPrintable(m_page->statusText()));
    QCOMPARE(m_page->recommendationModel()->rowCount(), 0);

    // The banner's link computes them after all.
    auto* status = child<QLabel>("recommendationsStatus");
    QVERIFY2(status->text().contains("#retry"), qPrintable(status->text()));
    Q_EMIT status->linkActivated(QStringLiteral("#retry"));
    QCOMPARE(started.count(), 2);
    QVERIFY(m_page->waitForIdle());
    QVERIFY(m_page->snapshot() != nullptr);
    QVERIFY(m_page->statusText().isEmpty());
    QCOMPARE(m_page->recommendationModel()->rowCount(), 10);

    // So does any new request (another embedding kind, say) after a cancel.
    auto* kind = child<QComboBox>("embeddingKind");
    kind->setCurrentIndex(kind->findData("top"));
    m_page->jobs()->cancelAndWait();
    QVERIFY(m_page->statusText().contains("cancelled"));
    kind->setCurrentIndex(kind->findData("all"));
    QVERIFY(m_page->snapshot() != nullptr); // the all-layers snapshot is still there
    QVERIFY(m_page->statusText().isEmpty());
    kind->setCurrentIndex(kind->findData("top"));
    QVERIFY(m_page->waitForIdle());
    QCOMPARE(m_page->snapshot()->kind, rec::EmbeddingKind::TopLayer);
}

QTEST_MAIN(TestRecommendationsEmbeddings)
#include "TestRecommendationsEmbeddings.moc"
