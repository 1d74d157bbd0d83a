// Shared setup for the project file tests (TestProjectFile, TestProjectFileErrors): a full project
// with every part and one with nothing optional, a good file saved from the full one, and the
// field-by-field comparisons of two projects.
#pragma once

#include "data/DemoCatalog.h"
#include "project/ProjectFile.h"
#include "rec/Comparison.h"

#include <QDir>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

namespace gdbm::project::testing {

// Test classes derive from QObject first and from this second; the members keep the names the
// tests use.
class ProjectFileFixture
{
protected:
    // initTestCase: the two projects, and the full one saved as the good file.
    void setUpTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto catalog = std::make_shared<const data::Catalog>(data::generateDemoCatalog({1500, 4}));
        m_full.catalog = catalog;
        m_full.catalogFingerprint = catalogFingerprint(*catalog);
        m_full.thresholds = {17, 3};
        m_full.archetypes = sim::defaultArchetypes();
        sim::Archetype& edited = m_full.archetypes.archetypes[1];
        edited.name = "Edited Listener";
        edited.tracksPerUser = 33;
        sim::Preference energy;
        energy.attribute = sim::attributeOf(data::Feature::Energy);
        energy.min = 0.25;
        edited.preferences.push_back(energy);
        m_full.simulationSettings.users = 100;
        m_full.simulationSettings.seed = 7;
        m_full.simulationSettings.thresholds = m_full.thresholds;
        m_full.simulationSettings.referenceDate = std::chrono::year{2023} / 6 / 15;
        m_full.simulation = std::make_shared<const sim::SimulationResult>(
            sim::simulate(*catalog, m_full.archetypes, m_full.simulationSettings));
        m_full.simulationOutOfDate = true;
        m_full.evaluationOutOfDate = true;

        m_full.trainingParams.layers = {8, 4};
        m_full.trainingParams.pretrainEpochs = 2;
        m_full.trainingParams.finetuneEpochs = 2;
        m_full.trainingParams.batchSize = 64;
        m_full.trainingParams.seed = 11;
        m_full.trainingParams.chains = model::ChainMode::Restart;
        m_full.trainingParams.weightDoubling = true;
        m_full.trainingParams.finetuneLearningRate = 0.00025;
        m_full.trainingParams.logVarianceMin = -0.0;
        // Every recipe setting off its default, each different: a swapped field shows.
        m_full.trainingParams.initialWeightScale = 0.7;
        m_full.trainingParams.pretrainHiddenLearningRate = 0.03;
        m_full.trainingParams.pretrainMomentumStart = 0.4;
        m_full.trainingParams.pretrainMomentum = 0.8;
        m_full.trainingParams.pretrainMomentumSwitchEpoch = 3;
        m_full.trainingParams.logVarianceWarmupEpochs = 2;
        m_full.trainingParams.earlyStopping = false;
        m_full.trainingParams.patience = 7;
        // The model choice, every field off its default.
        m_full.hybridParams.modalities = {model::Modality::Audio, model::Modality::Listening};
        m_full.hybridParams.audioLayers = {6};
        m_full.hybridParams.tagLayers = {5};
        m_full.hybridParams.tagUnitsFollowVocabulary = false;
        m_full.hybridParams.listeningLayers = {7};
        m_full.hybridParams.listeningRank = 12;
        m_full.hybridParams.jointUnits = 9;
        m_full.hybridParams.minTagTracks = 3;
        m_full.hybridParams.pretrainMomentumStart = 0.25;
        m_full.hybridParams.pretrainMomentum = 0.75;
        m_full.hybridParams.weightDoubling = false;
        m_full.hybridParams.finetuneEpochs = 4;
        m_full.hybridParams.learnVariances = true;
        m_full.hybridParams.conditionalJoint = false;    // off its default: the file must keep it
        m_full.hybridParams.meanReconstructions = false; // likewise
        m_full.hybridParams.tagRateFactor = 0.75;        // likewise
        m_full.hybridParams.maxPretrainUpdates = 1234;   // likewise
        m_full.hybridParams.embeddingIterations = 5;     // likewise
        m_full.model =
            std::make_shared<const model::Model>(model::trainModel(*catalog, m_full.trainingParams).model);
        // A small hybrid: what is saved is the evaluation, and under ThreadSanitizer the default
        // shape alone takes minutes.
        rec::ComparisonParams comparison{5, 3};
        comparison.hybrid.audioLayers = {4};
        comparison.hybrid.tagLayers = {4};
        comparison.hybrid.tagUnitsFollowVocabulary = false;
        comparison.hybrid.listeningLayers = {8};
        comparison.hybrid.jointUnits = 4;
        // Two splits, so that the figures across them are saved too.
        m_full.evaluation = std::make_shared<const rec::EvaluationSet>(
            rec::compareOverSplits(*catalog, *m_full.simulation, *m_full.model, comparison,
                                   {rec::Protocol::Warm, rec::Protocol::NewTracks}, 2));

        // Three runs: an earlier finished one with a model of its own, a cancelled one (curves
        // only, with a modality's errors and a missing validation value) and the current one.
        model::TrainingParams earlier = m_full.trainingParams;
        earlier.seed = 12;
        model::HybridParams audioOnly;
        audioOnly.modalities = {model::Modality::Audio};
        TrainingRun first =
            finishedRun(std::make_shared<const model::Model>(model::trainModel(*catalog, earlier).model),
                        audioOnly, 1, "2026-12-06 09:58");
        first.catalogFingerprint = m_full.catalogFingerprint;
        first.evaluation = m_full.evaluation;
        TrainingRun cancelled;
        cancelled.number = 3;
        cancelled.started = "2026-12-06 10:02";
        cancelled.end = TrainingRun::End::Cancelled;
        cancelled.params = m_full.trainingParams;
        cancelled.hybrid = m_full.hybridParams;
        cancelled.seconds = 1.25;
        cancelled.catalogFingerprint = m_full.catalogFingerprint;
        cancelled.simulationFingerprint = simulationFingerprint(*m_full.simulation);
        model::EpochStats epoch;
        epoch.layers = 2;
        epoch.epochs = 2;
        epoch.epoch = 1;
        epoch.mseTrain = 0.75;
        epoch.mseValidation = std::numeric_limits<double>::quiet_NaN();
        epoch.samplesPerSecond = 1e5;
        epoch.elapsedSeconds = 0.5;
        epoch.groups = {{"audio", 0.5, 0.625}, {"listening", 0.875, 0.9375}};
        cancelled.curves = {epoch};
        TrainingRun current = finishedRun(m_full.model, audioOnly, 4, "2026-12-06 10:05");
        current.catalogFingerprint = m_full.catalogFingerprint;
        m_full.runs = {first, cancelled, current};
        m_full.modelStaleness = Project::ModelStaleness::OtherSimulation;
        m_full.currentRun = 4;

        m_small.catalog = std::make_shared<const data::Catalog>(data::generateDemoCatalog({60, 1}));

        m_goodPath = m_dir.filePath("good.gdbmproj");
        saveProject(m_full, m_goodPath.toStdString());
    }

    // Equal bits, or both NaN: what "round-trips exactly" means for a double.
    static bool same(double a, double b)
    {
        return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
    }

    static bool same(const rec::MetricValues& a, const rec::MetricValues& b)
    {
        if (a.size() != b.size())
            return false;
        for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
            if (i->first != j->first || !same(i->second, j->second))
                return false;
        }
        return true;
    }

    static void compareCatalogs(const data::Catalog& a, const data::Catalog& b)
    {
        QCOMPARE(b.size(), a.size());
        QCOMPARE(b.genreNames(), a.genreNames());
        QCOMPARE(b.artistNames(), a.artistNames());
        QVERIFY(b.availableFeatures() == a.availableFeatures());
        QCOMPARE(b.label(), a.label());
        QCOMPARE(b.isSynthetic(), a.isSynthetic());
        QCOMPARE(b.report().files, a.report().files);
        QCOMPARE(b.report().rowsRead, a.report().rowsRead);
        QCOMPARE(b.report().rowsMerged, a.report().rowsMerged);
        QCOMPARE(b.report().rowsKept, a.report().rowsKept);
        QCOMPARE(b.report().dropped.size(), a.report().dropped.size());
        for (std::size_t i = 0; i < a.report().dropped.size(); ++i) {
            QCOMPARE(b.report().dropped[i].reason, a.report().dropped[i].reason);
            QCOMPARE(b.report().dropped[i].rows, a.report().dropped[i].rows);
            QCOMPARE(b.report().dropped[i].examples, a.report().dropped[i].examples);
        }
        QCOMPARE(b.report().conversions, a.report().conversions);
        QCOMPARE(b.report().notes, a.report().notes);
        for (std::size_t i = 0; i < a.size(); ++i) {
            const data::Track &x = a.track(i), &y = b.track(i);
            QCOMPARE(y.uri, x.uri);
            QCOMPARE(y.name, x.name);
            QCOMPARE(y.artistsText, x.artistsText);
            QCOMPARE(y.artists, x.artists);
            QCOMPARE(y.album, x.album);
            QCOMPARE(y.releaseDate, x.releaseDate);
            QCOMPARE(y.year, x.year);
            QCOMPARE(y.isExplicit, x.isExplicit);
            QCOMPARE(y.genres, x.genres);
            QCOMPARE(b.identity(i), a.identity(i));
            for (std::size_t f = 0; f < data::kFeatureCount; ++f)
                QVERIFY2(same(b.featureRow(i)[f], a.featureRow(i)[f]),
                         qPrintable(QString("track %1").arg(i)));
        }
        QCOMPARE(catalogFingerprint(b), catalogFingerprint(a));
    }

    static void compareSimulations(const sim::SimulationResult& a, const sim::SimulationResult& b)
    {
        QCOMPARE(b.archetypeNames, a.archetypeNames);
        QCOMPARE(b.referenceDate, a.referenceDate);
        QCOMPARE(b.seed, a.seed);
        QCOMPARE(b.summary.usersPerArchetype, a.summary.usersPerArchetype);
        QCOMPARE(b.summary.fellBack, a.summary.fellBack);
        QCOMPARE(b.summary.discoverers, a.summary.discoverers);
        QCOMPARE(b.summary.interactions, a.summary.interactions);
        QVERIFY(b.summary.ratingHistogram == a.summary.ratingHistogram);
        QCOMPARE(b.users.size(), a.users.size());
        for (std::size_t u = 0; u < a.users.size(); ++u) {
            const sim::User &x = a.users[u], &y = b.users[u];
            QCOMPARE(y.id, x.id);
            QCOMPARE(y.archetype, x.archetype);
            QCOMPARE(y.fellBack, x.fellBack);
            QCOMPARE(y.preferences.size(), x.preferences.size());
            for (std::size_t p = 0; p < x.preferences.size(); ++p) {
                // Every member, not UserPreference::operator== (which ignores the unused ones).
                const sim::UserPreference &px = x.preferences[p], &py = y.preferences[p];
                QVERIFY(py.kind == px.kind);
                QVERIFY(py.attribute == px.attribute);
                QVERIFY(same(py.min, px.min));
                QVERIFY(same(py.max, px.max));
                QCOMPARE(py.genres, px.genres);
                QCOMPARE(py.artist, px.artist);
            }
        }
        QVERIFY(b.interactions == a.interactions);
    }

    static void compareEvaluations(const rec::EvaluationSet& a, const rec::EvaluationSet& b)
    {
        QCOMPARE(b.results.size(), a.results.size());
        for (std::size_t r = 0; r < a.results.size(); ++r)
            compareEvaluations(a.results[r], b.results[r]);
        QCOMPARE(b.splitSeeds, a.splitSeeds);
        QVERIFY(b.acrossSplits == a.acrossSplits);
    }

    static void compareEvaluations(const rec::EvaluationResult& a, const rec::EvaluationResult& b)
    {
        QCOMPARE(b.protocol, a.protocol);
        QCOMPARE(b.tracksRanked, a.tracksRanked);
        QCOMPARE(b.k, a.k);
        QCOMPARE(b.usersEvaluated, a.usersEvaluated);
        QCOMPARE(b.usersSkipped, a.usersSkipped);
        QCOMPARE(b.usersPerArchetype, a.usersPerArchetype);
        QCOMPARE(b.methods.size(), a.methods.size());
        for (std::size_t m = 0; m < a.methods.size(); ++m) {
            QCOMPARE(b.methods[m].method, a.methods[m].method);
            QCOMPARE(b.methods[m].ranked, a.methods[m].ranked);
            QCOMPARE(b.methods[m].settings, a.methods[m].settings);
            QVERIFY(same(b.methods[m].ndcgStandardError, a.methods[m].ndcgStandardError));
            QVERIFY(b.methods[m].ndcgAgainst == a.methods[m].ndcgAgainst);
            QVERIFY(same(b.methods[m].overall, a.methods[m].overall));
            QCOMPARE(b.methods[m].perArchetype.size(), a.methods[m].perArchetype.size());
            for (const auto& [name, values] : a.methods[m].perArchetype) {
                QVERIFY(b.methods[m].perArchetype.count(name) == 1);
                QVERIFY(same(b.methods[m].perArchetype.at(name), values));
            }
        }
    }

    // Every field of two projects, the catalog only when the project holds it.
    static void compareProjects(const Project& a, const Project& b)
    {
        QCOMPARE(b.datasetFiles, a.datasetFiles);
        QCOMPARE(b.catalogFingerprint, a.catalogFingerprint);
        QVERIFY(b.thresholds == a.thresholds);
        QVERIFY(b.archetypes == a.archetypes);
        const sim::SimulationParams &s = a.simulationSettings, &t = b.simulationSettings;
        QCOMPARE(t.users, s.users);
        QCOMPARE(t.seed, s.seed);
        QCOMPARE(t.referenceDate, s.referenceDate);
        QVERIFY(t.thresholds == s.thresholds);
        QVERIFY(same(t.discoveryShare, s.discoveryShare));
        QCOMPARE(t.discoveryTracks, s.discoveryTracks);
        QCOMPARE(t.fallbackTracks, s.fallbackTracks);
        QCOMPARE(b.simulationOutOfDate, a.simulationOutOfDate);
        QCOMPARE(b.evaluationOutOfDate, a.evaluationOutOfDate);
        QVERIFY(b.trainingParams == a.trainingParams);
        QVERIFY(b.hybridParams == a.hybridParams);
        QVERIFY(same(b.trainingParams.logVarianceMin, a.trainingParams.logVarianceMin)); // -0.0 stays -0.0

        if (a.datasetFiles.empty()) {
            QVERIFY(b.catalog);
            compareCatalogs(*a.catalog, *b.catalog);
            if (QTest::currentTestFailed())
                return;
        } else {
            QVERIFY(!b.catalog); // the caller reads the dataset files again
        }
        QCOMPARE(bool(b.simulation), bool(a.simulation));
        if (a.simulation) {
            compareSimulations(*a.simulation, *b.simulation);
            if (QTest::currentTestFailed())
                return;
        }
        QCOMPARE(bool(b.model), bool(a.model));
        if (a.model)
            QVERIFY(*b.model == *a.model);
        QVERIFY(b.modelStaleness == a.modelStaleness);
        QCOMPARE(bool(b.evaluation), bool(a.evaluation));
        if (a.evaluation)
            compareEvaluations(*a.evaluation, *b.evaluation);
        compareRuns(a, b);
    }

    static void compareEpochs(const model::EpochStats& a, const model::EpochStats& b)
    {
        QVERIFY(b.phase == a.phase);
        QCOMPARE(b.layer, a.layer);
        QCOMPARE(b.layers, a.layers);
        QCOMPARE(b.epoch, a.epoch);
        QCOMPARE(b.epochs, a.epochs);
        QVERIFY(same(b.mseTrain, a.mseTrain));
        QVERIFY(same(b.mseValidation, a.mseValidation));
        QCOMPARE(b.bestEpoch, a.bestEpoch);
        QVERIFY(same(b.samplesPerSecond, a.samplesPerSecond));
        QVERIFY(same(b.elapsedSeconds, a.elapsedSeconds));
        QCOMPARE(b.groups.size(), a.groups.size());
        for (std::size_t g = 0; g < a.groups.size(); ++g) {
            QCOMPARE(b.groups[g].name, a.groups[g].name);
            QVERIFY(same(b.groups[g].train, a.groups[g].train));
            QVERIFY(same(b.groups[g].validation, a.groups[g].validation));
        }
    }

    // The runs, and which one is current: its model is the project's, not a copy.
    static void compareRuns(const Project& a, const Project& b)
    {
        QCOMPARE(b.currentRun, a.currentRun);
        QCOMPARE(b.runs.size(), a.runs.size());
        for (std::size_t r = 0; r < a.runs.size(); ++r) {
            const TrainingRun &x = a.runs[r], &y = b.runs[r];
            QCOMPARE(y.number, x.number);
            QCOMPARE(y.started, x.started);
            QVERIFY(y.end == x.end);
            QVERIFY(y.params == x.params);
            QVERIFY(y.hybrid == x.hybrid);
            QVERIFY(same(y.seconds, x.seconds));
            QCOMPARE(y.catalogFingerprint, x.catalogFingerprint);
            QCOMPARE(y.simulationFingerprint, x.simulationFingerprint);
            QCOMPARE(bool(y.model), bool(x.model));
            if (x.model)
                QVERIFY(*y.model == *x.model);
            if (x.number == a.currentRun)
                QCOMPARE(y.model, b.model);
            QCOMPARE(y.curves.size(), x.curves.size());
            for (std::size_t e = 0; e < x.curves.size(); ++e)
                compareEpochs(x.curves[e], y.curves[e]);
            QCOMPARE(bool(y.evaluation), bool(x.evaluation));
            if (x.evaluation)
                compareEvaluations(*x.evaluation, *y.evaluation);
            if (QTest::currentTestFailed())
                return;
        }
    }

    static bool leftTemporaryFiles(const QString& folder)
    {
        return !QDir(folder).entryList({"*.saving-*"}, QDir::Files | QDir::Hidden).isEmpty();
    }

    QTemporaryDir m_dir;
    Project m_full;
    Project m_small; // nothing optional
    QString m_goodPath;
};

} // namespace gdbm::project::testing
