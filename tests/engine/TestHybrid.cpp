#include "core/Error.h"
#include "core/Random.h"
#include "data/DemoCatalog.h"
#include "model/CurveCsv.h"
#include "rec/HybridModel.h"
#include "rec/ModalityExplanation.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <sstream>
#include <tbb/global_control.h>

using namespace gdbm;
using namespace gdbm::model;
using namespace gdbm::rec;

// The multimodal DBM of HYBRID.md: pathways that stay apart below the joint layer, binary units
// without a variance, inference with a modality missing (the mixed RBM's gradient and its block
// products: TestMixedRbm).
class TestHybrid : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modalitiesAreLaidOutInOrder();
    void pathwaysStayApart();
    void missingUnitsAreInferredNotRead();
    void unheardTracksHaveTheirListeningInferred();
    void absentModalitiesAreLeftOut();
    void tagPathwayFollowsTheVocabulary();
    void sameModelWhateverTheThreads();
    void modalitySharesExplainTheScore();
    void curvesReportEachModality();
    void trainingWithoutCurvesGivesTheSameModel();
    void lowRankListeningIsAGaussianPathway();

private:
    data::Catalog m_catalog;
    TrainingInteractions m_training;
    TrainingParams m_params;
    HybridParams m_hybrid;
    Model m_model;
};

void TestHybrid::initTestCase()
{
    m_catalog = data::generateDemoCatalog({400, 6});
    // 30 listeners, each with a seeded handful of tracks; tracks from 300 on are never heard.
    m_training.catalogSize = m_catalog.size();
    CounterRng rng(11, RandomPurpose::Simulation, 0);
    for (int u = 0; u < 30; ++u) {
        std::vector<std::uint32_t> tracks;
        for (int i = 0; i < 12; ++i)
            tracks.push_back(std::uint32_t(rng.below(300)));
        std::sort(tracks.begin(), tracks.end());
        tracks.erase(std::unique(tracks.begin(), tracks.end()), tracks.end());
        m_training.tracksOfUser.push_back(tracks);
    }
    m_params.pretrainEpochs = 3;
    m_params.finetuneEpochs = 3;
    m_params.batchSize = 64;
    m_hybrid.audioLayers = {4};
    m_hybrid.tagLayers = {3};
    m_hybrid.tagUnitsFollowVocabulary = false;
    m_hybrid.listeningLayers = {5};
    m_hybrid.jointUnits = 6;
    m_hybrid.finetuneEpochs = 3;    // the default skips it; the pathways must stay apart through it too
    m_hybrid.learnVariances = true; // off by default; the binary units' must stay 0 when learned
    TrainModelResult trained = trainHybrid(m_catalog, m_training, m_params, m_hybrid);
    QVERIFY(!trained.stopped);
    m_model = std::move(trained.model);
}

void TestHybrid::modalitiesAreLaidOutInOrder()
{
    QCOMPARE(m_model.modalities.size(), std::size_t(3));
    const ModalityColumns& audio = m_model.modalities[0];
    const ModalityColumns& tags = m_model.modalities[1];
    const ModalityColumns& listening = m_model.modalities[2];
    QCOMPARE(audio.modality, Modality::Audio);
    QCOMPARE(audio.first, std::size_t(0));
    QCOMPARE(audio.count, m_catalog.featureList().size());
    QCOMPARE(tags.modality, Modality::Tags);
    QCOMPARE(tags.first, audio.count);
    QCOMPARE(tags.names, tagFeatures(m_catalog).names);
    QCOMPARE(listening.modality, Modality::Listening);
    QCOMPARE(listening.first, tags.first + tags.count);
    QCOMPARE(listening.count, std::size_t(30));
    QCOMPARE(m_model.dbm.visibleCount(), listening.first + listening.count);
    QCOMPARE(m_model.dbm.gaussianCount, audio.count);
    QCOMPARE(m_model.dbm.layerSizes(), (std::vector<std::size_t>{4 + 3 + 5, 6}));
}

// After pretraining and fine-tuning, each pathway's weights are still one block per modality
// (a modality's units never feed another's), the joint layer is dense, and the binary units have
// no variance to learn.
void TestHybrid::pathwaysStayApart()
{
    const Dbm& dbm = m_model.dbm;
    const Matrix& w = dbm.weights[0];
    const BlockList& blocks = dbm.blocksOf(0);
    QCOMPARE(blocks.size(), std::size_t(3));
    QVERIFY(blocksTile(blocks, dbm.visibleCount(), dbm.layerSize(0)));
    double inside = 0;
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
        for (Eigen::Index j = 0; j < w.cols(); ++j) {
            bool inBlock = false;
            for (const WeightBlock& b : blocks)
                inBlock = inBlock || (std::size_t(i) >= b.row && std::size_t(i) < b.row + b.rows &&
                                      std::size_t(j) >= b.col && std::size_t(j) < b.col + b.cols);
            if (inBlock)
                inside += std::abs(double(w(i, j)));
            else
                QCOMPARE(w(i, j), 0.0f);
        }
    }
    QVERIFY(inside > 0);
    QVERIFY(dbm.blocksOf(1).empty());
    QVERIFY(dbm.weights[1].cwiseAbs().minCoeff() > 0);
    const auto binary = Eigen::Index(dbm.visibleCount() - dbm.gaussianCount);
    QVERIFY(dbm.logVariance.tail(binary).isZero(0));
    QVERIFY(!dbm.logVariance.head(Eigen::Index(dbm.gaussianCount)).isZero(0));
}

// The missing units' values are never read: anything there gives the same state, and leaving
// nothing out is plain mean-field.
void TestHybrid::missingUnitsAreInferredNotRead()
{
    const Dbm& dbm = m_model.dbm;
    const Matrix v = hybridVisible(m_model, m_catalog).topRows(40);
    const ModalityColumns& listening = *m_model.find(Modality::Listening);
    const std::vector<ColumnRange> missing{{listening.first, listening.count}};

    const std::vector<Matrix> plain = meanField(dbm, v, 3);
    const std::vector<Matrix> none = meanFieldWithMissing(dbm, v, 3, {});
    for (std::size_t l = 0; l < plain.size(); ++l)
        QCOMPARE(none[l], plain[l]);

    Matrix scrambled = v;
    scrambled.middleCols(Eigen::Index(listening.first), Eigen::Index(listening.count)).setConstant(1.0f);
    const std::vector<Matrix> a = meanFieldWithMissing(dbm, v, 3, missing);
    const std::vector<Matrix> b = meanFieldWithMissing(dbm, scrambled, 3, missing);
    for (std::size_t l = 0; l < a.size(); ++l)
        QCOMPARE(a[l], b[l]);
    // Inferred is not the same as "nobody heard it".
    Matrix silent = v;
    silent.middleCols(Eigen::Index(listening.first), Eigen::Index(listening.count)).setZero();
    QVERIFY(meanField(dbm, silent, 3).back() != a.back());
}

void TestHybrid::unheardTracksHaveTheirListeningInferred()
{
    const std::vector<bool> unheard = unheardTracks(m_model, m_catalog);
    std::vector<bool> heard(m_catalog.size(), false);
    for (const auto& tracks : m_training.tracksOfUser)
        for (std::uint32_t t : tracks)
            heard[t] = true;
    for (std::size_t t = 0; t < heard.size(); ++t)
        QCOMPARE(unheard[t], !heard[t]);

    // A song is embedded with the hybrid's own mean-field iterations (one by default), not the
    // recipe's, which serve fine-tuning.
    QCOMPARE(m_model.hybrid.embeddingIterations, 1);
    QCOMPARE(m_model.params.meanFieldIterations, 3);
    Model threeSweeps = m_model;
    threeSweeps.hybrid.embeddingIterations = 3;
    const Matrix v = hybridVisible(m_model, m_catalog);
    const ModalityColumns& listening = *m_model.find(Modality::Listening);
    for (const Model* model : {&m_model, &threeSweeps}) {
        const Matrix embedded = embedHybrid(*model, m_catalog, EmbeddingKind::TopLayer);
        QCOMPARE(std::size_t(embedded.rows()), m_catalog.size());
        for (std::size_t t : {std::size_t(0), std::size_t(350)}) {
            const std::vector<ColumnRange> missing =
                unheard[t] ? std::vector<ColumnRange>{{listening.first, listening.count}}
                           : std::vector<ColumnRange>{};
            const Matrix expected = meanFieldWithMissing(model->dbm, v.row(Eigen::Index(t)),
                                                         model->hybrid.embeddingIterations, missing)
                                        .back();
            QVERIFY((embedded.row(Eigen::Index(t)) - expected).cwiseAbs().maxCoeff() < 1e-6f);
        }
    }
    QVERIFY(embedHybrid(threeSweeps, m_catalog, EmbeddingKind::TopLayer) !=
            embedHybrid(m_model, m_catalog, EmbeddingKind::TopLayer));
    QVERIFY(unheard[350]);
}

void TestHybrid::absentModalitiesAreLeftOut()
{
    HybridParams noTags = m_hybrid;
    noTags.minTagTracks = 1'000'000; // no genre is that large; decades remain
    TrainingInteractions nobody{m_catalog.size(), std::vector<std::vector<std::uint32_t>>(5)};
    const Model without = trainHybrid(m_catalog, nobody, m_params, noTags).model;
    QCOMPARE(without.modalities.size(), std::size_t(2));
    QVERIFY(!without.find(Modality::Listening));
    for (const std::string& name : without.find(Modality::Tags)->names)
        QVERIFY(name.starts_with("decade:"));
    // Without listening every track is embedded from what it has, none "inferred".
    const std::vector<bool> unheard = unheardTracks(without, m_catalog);
    QVERIFY(std::none_of(unheard.begin(), unheard.end(), [](bool u) { return u; }));

    HybridParams listeningOnly = m_hybrid;
    listeningOnly.modalities = {Modality::Listening};
    QVERIFY_THROWS_EXCEPTION(InputError, trainHybrid(m_catalog, nobody, m_params, listeningOnly));
    listeningOnly.modalities = {Modality::Listening, Modality::Listening};
    QVERIFY(!validate(listeningOnly).empty());
}

void TestHybrid::tagPathwayFollowsTheVocabulary()
{
    HybridParams wide = m_hybrid;
    wide.tagUnitsFollowVocabulary = true;
    wide.learnVariances = false; // the default: every variance stays at 1
    TrainingParams quick = m_params;
    quick.pretrainEpochs = 1;
    for (std::size_t minTracks : {std::size_t(1), std::size_t(5)}) {
        wide.minTagTracks = minTracks;
        const Model m = trainHybrid(m_catalog, m_training, quick, wide).model;
        const std::size_t tags = m.find(Modality::Tags)->count;
        QCOMPARE(m.hybrid.tagLayers.front(), std::clamp<std::size_t>(tags, 32, 256));
        QCOMPARE(m.dbm.blocksOf(0)[1].cols, m.hybrid.tagLayers.front());
        QVERIFY(m.dbm.logVariance.isZero(0));
    }
}

void TestHybrid::sameModelWhateverTheThreads()
{
    Model one;
    {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
        one = trainHybrid(m_catalog, m_training, m_params, m_hybrid).model;
    }
    QVERIFY(one.dbm == m_model.dbm);
}

void TestHybrid::modalitySharesExplainTheScore()
{
    const Matrix embedded = embedHybrid(m_model, m_catalog, EmbeddingKind::AllLayers);
    const ScoringSpace space = makeScoringSpace(embedded);
    // A song's own embedding takes its own direction.
    for (Eigen::Index t : {Eigen::Index(0), Eigen::Index(350)})
        QVERIFY((directionOf(space, embedded.row(t)) - space.directions.row(t).transpose()).norm() < 1e-5);

    UserHistory history;
    history.tracks = m_training.tracksOfUser[0];
    history.weights.assign(history.tracks.size(), 1.0f);
    const VectorD query = queryVector(space, history, kDefaultScoringRule);
    std::vector<Recommendation> list = recommend(space, history, {5, 0});
    list.push_back({350, query.dot(space.directions.row(350)), {}}); // a song nobody heard
    const auto shares = explainByModality(m_model, m_catalog, EmbeddingKind::AllLayers, space, query, list);
    QCOMPARE(shares.size(), list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        QCOMPARE(shares[i].size(), m_model.modalities.size());
        for (std::size_t m = 0; m < shares[i].size(); ++m)
            QCOMPARE(shares[i][m].modality, m_model.modalities[m].modality);
        // Leaving the audio out changes the song's inference, so its score.
        QVERIFY(shares[i][0].contribution != 0.0);
    }
    const ModalityShare& listening = shares.back().back();
    QCOMPARE(listening.modality, Modality::Listening);
    QVERIFY(listening.inferred);
    QCOMPARE(listening.contribution, 0.0);
    QVERIFY(!shares.front().back().inferred);

    // The audio-only model has nothing to split.
    Model audioOnly = m_model;
    audioOnly.modalities.clear();
    QVERIFY(explainByModality(audioOnly, m_catalog, EmbeddingKind::AllLayers, space, query, list)
                .front()
                .empty());
}

void TestHybrid::curvesReportEachModality()
{
    std::size_t layerOnePoints = 0;
    for (const EpochStats& s : m_model.curves) {
        if (s.phase != Phase::Pretraining || s.layer != 0) {
            QVERIFY(s.groups.empty()); // only the layer the modalities are the input of
            continue;
        }
        ++layerOnePoints;
        QCOMPARE(s.groups.size(), std::size_t(3));
        QCOMPARE(s.groups[0].name, std::string("audio"));
        QCOMPARE(s.groups[1].name, std::string("tags"));
        QCOMPARE(s.groups[2].name, std::string("listening"));
        // The layer's error is the modalities' errors weighted by their spreads: between them.
        double lo = 1e300, hi = -1e300;
        for (const GroupError& g : s.groups) {
            QVERIFY(std::isfinite(g.train) && g.train > 0 && std::isfinite(g.validation));
            lo = std::min(lo, g.train);
            hi = std::max(hi, g.train);
        }
        QVERIFY(s.mseTrain >= lo - 1e-12 && s.mseTrain <= hi + 1e-12);
    }
    QCOMPARE(layerOnePoints, std::size_t(m_params.pretrainEpochs));
    std::ostringstream csv;
    writeCurvesCsv(m_model.curves, csv);
    QVERIFY(csv.str().starts_with("phase,layer,epoch,mse_train,mse_validation,samples_per_second,elapsed_s,"
                                  "audio_train,audio_validation,tags_train,tags_validation,listening_train,"
                                  "listening_validation\n"));
}

// An evaluation's throwaway hybrid trains without measuring its errors: the same parameters,
// and only early stopping's validation error measured.
void TestHybrid::trainingWithoutCurvesGivesTheSameModel()
{
    const auto withoutCurves = [&](const TrainingParams& p) {
        return trainHybrid(m_catalog, m_training, p, m_hybrid, {}, {.monitoring = Monitoring::Off}).model;
    };
    const Model off = withoutCurves(m_params);
    QVERIFY(off.dbm == m_model.dbm);
    QCOMPARE(off.keptEpoch, m_model.keptEpoch);
    QCOMPARE(off.curves.size(), m_model.curves.size());
    for (const EpochStats& s : off.curves) {
        QVERIFY(std::isnan(s.mseTrain) && s.groups.empty());
        QCOMPARE(std::isnan(s.mseValidation), s.phase == Phase::Pretraining);
    }
    QVERIFY(std::isnan(off.mseTrain) && std::isnan(off.mseAfterPretraining));
    QVERIFY(withoutCurves(m_params) == off); // NaN errors compare equal

    TrainingParams lastEpoch = m_params;
    lastEpoch.earlyStopping = false;
    const Model measured = trainHybrid(m_catalog, m_training, lastEpoch, m_hybrid).model;
    const Model unmeasured = withoutCurves(lastEpoch);
    QVERIFY(unmeasured.dbm == measured.dbm);
    QVERIFY(std::all_of(unmeasured.curves.begin(), unmeasured.curves.end(),
                        [](const EpochStats& s) { return std::isnan(s.mseValidation); }));
    QVERIFY(std::isfinite(measured.curves.back().mseValidation));
}

// With a listening rank the listening units are Gaussian, laid out right after the audio ones,
// and a song nobody heard still has them inferred.
void TestHybrid::lowRankListeningIsAGaussianPathway()
{
    HybridParams lowRank = m_hybrid;
    lowRank.listeningRank = 6;
    const Model m = trainHybrid(m_catalog, m_training, m_params, lowRank).model;
    const std::size_t audio = m_catalog.featureList().size();
    QCOMPARE(m.modalities.size(), std::size_t(3));
    QCOMPARE(m.modalities[1].modality, Modality::Listening);
    QCOMPARE(m.modalities[1].first, audio);
    QCOMPARE(m.modalities[1].names.front(), std::string("factor:1"));
    QCOMPARE(m.modalities[2].modality, Modality::Tags);
    QCOMPARE(m.dbm.gaussianCount, audio + 6);
    QCOMPARE(m.listeningFactors.listeners.size(), std::size_t(30));
    QCOMPARE(m.listeningFactors.listeners.front(), std::string("user:0"));
    QCOMPARE(m.heard, m_model.heard); // listeners are rows of the factors instead of units

    const Matrix v = hybridVisible(m, m_catalog);
    const std::vector<bool> unheard = unheardTracks(m, m_catalog);
    QVERIFY(unheard[350]);
    QVERIFY(v.row(350).segment(Eigen::Index(audio), 6).isApprox(-m.listeningFactors.offset));
    const Matrix embedded = embedHybrid(m, m_catalog, EmbeddingKind::TopLayer);
    const std::vector<ColumnRange> missing{{audio, 6}};
    const int iterations = m.hybrid.embeddingIterations;
    const Matrix expected = meanFieldWithMissing(m.dbm, v.row(350), iterations, missing).back();
    QVERIFY((embedded.row(350) - expected).cwiseAbs().maxCoeff() < 1e-6f);
    QVERIFY((embedded.row(350) - meanField(m.dbm, v.row(350), iterations).back()).cwiseAbs().maxCoeff() >
            1e-6f);
}

QTEST_APPLESS_MAIN(TestHybrid)
#include "TestHybrid.moc"
