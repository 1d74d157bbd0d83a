#include "CliRunner.h"
#include "data/Csv.h"
#include "rec/MethodTable.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

// Runs the real gdbm-cli binary: exit codes, one-line errors, and the simulate command end to end.
class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void versionAndHelp();
    void usageErrorsExitWith2();
    void badInputExitsWith3OneLine_data();
    void badInputExitsWith3OneLine();
    void simulateRealExportifyFileTwiceIdentical();
    void writesDefaultsAndDemoCatalog();
    void trainEmbedAndDescribeAModel();
    void tooFewTracksToTrainExitsWith3();
    void runOnTwoTracks();
    void listeningWithNothingToLearnExitsWith3();
    void divergenceExitsWith4();
    void interruptExitsWith130AndWritesNothing();
    void badModelFileExitsWith3();
    void recommendAndEvaluate();
    void trainRecommendAndEvaluateAHybrid();

private:
    using Result = gdbm::testing::CliResult;
    static Result run(const QStringList& args) { return gdbm::testing::runCli(args); }
    QString write(const QString& name, const QByteArray& content) const;

    QTemporaryDir m_dir;
};

void TestCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(GDBM_CLI_PATH));
}

QString TestCli::write(const QString& name, const QByteArray& content) const
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(content);
    return path;
}

void TestCli::versionAndHelp()
{
    const Result v = run({"--version"});
    QCOMPARE(v.code, 0);
    const QList<QByteArray> lines = v.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0], QByteArray("gdbm-cli ") + GDBM_VERSION);
    QVERIFY(lines[1].startsWith("kernels: engine "));
    // GDBM_ISA chooses a narrower instruction set, for the engine build the loader picks (the
    // program relaunches itself) and for the scoring kernel; a name it does not know is said so.
    qputenv("GDBM_ISA", "baseline");
    const QByteArray narrow = run({"--version"}).out;
    QVERIFY2(narrow.contains("kernels: engine baseline, scoring baseline (processor: "), narrow.constData());
    qputenv("GDBM_ISA", "sse9");
    QVERIFY(run({"--version"}).out.contains("GDBM_ISA=sse9 not known"));
    qunsetenv("GDBM_ISA");
    const Result h = run({"simulate", "--help"});
    QCOMPARE(h.code, 0);
    QVERIFY(h.out.contains("--reference-date"));
    QVERIFY(h.out.contains("--archetypes"));
}

void TestCli::usageErrorsExitWith2()
{
    QCOMPARE(run({}).code, 2);
    QCOMPARE(run({"frobnicate"}).code, 2);
    QCOMPARE(run({"simulate", "--users", "many", "--out", m_dir.path()}).code, 2);
    QCOMPARE(run({"simulate", "--bogus"}).code, 2);
    QCOMPARE(run({"catalog", "--demo"}).code, 2); // no --out
}

void TestCli::badInputExitsWith3OneLine_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");

    QTest::newRow("missing file") << "" << QByteArray() << "cannot open";
    QTest::newRow("empty file") << "empty.csv" << QByteArray() << "empty.csv: the file is empty";
    QTest::newRow("header only") << "header.csv" << QByteArray("name,artist,energy\n")
                                 << "header.csv:1: the file has a header line but no data rows";
    QTest::newRow("only ragged rows") << "ragged.csv" << QByteArray("name,artist,energy\nC,D\n")
                                      << "ragged.csv: no usable row: 1 row: a different number of fields "
                                         "than the header's 3 (ragged.csv line 2)";
    QTest::newRow("unterminated quote")
        << "quote.csv" << QByteArray("name,artist\nA,\"B\n") << "quote.csv:2:2: unterminated";
    QTest::newRow("only a non-numeric feature")
        << "nan.csv" << QByteArray("name,artist,energy\nA,B,high\n")
        << "nan.csv: no usable row: 1 row: 'Energy' is not a number (nan.csv line 2)";
    QTest::newRow("binary garbage") << "garbage.csv"
                                    << QByteArray("\x7f"
                                                  "ELF\x02\x01\x01\x00\x00\x00",
                                                  10)
                                    << "garbage.csv:1: not a text file";
    QTest::newRow("no name column") << "noname.csv" << QByteArray("artist,energy\nA,0.1\n")
                                    << "noname.csv:1: field 'Track Name': no column for this field";
}

void TestCli::badInputExitsWith3OneLine()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString path = file.isEmpty() ? m_dir.filePath("does-not-exist.csv") : write(file, content);
    const Result r = run({"simulate", "--data", path, "--users", "10", "--out", m_dir.filePath("out")});
    QCOMPARE(r.code, 3);
    const QList<QByteArray> lines = r.err.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith("gdbm-cli: error: "), r.err.constData());
    QVERIFY2(lines[0].contains(expected.toUtf8()), r.err.constData());
    QVERIFY(!QFile::exists(m_dir.filePath("out/interaction_data.csv")));
}

void TestCli::simulateRealExportifyFileTwiceIdentical()
{
    const QString data = QString(GDBM_TEST_DATA_DIR) + "/real/top_10000_sample.csv";
    const QString a = m_dir.filePath("run-a"), b = m_dir.filePath("run-b");
    const Result first = run({"simulate", "--data", data, "--users", "1000", "--seed", "7", "--out", a});
    QCOMPARE(first.code, 0);
    const Result second = run({"simulate", "--data", data, "--users", "1000", "--seed", "7", "--out", b});
    QCOMPARE(second.code, 0);
    QVERIFY(first.err.contains("Mainstream Listener         150 users"));
    QVERIFY(first.err.contains("Era-Specific Listener        50 users"));
    for (const char* name : {"interaction_data.csv", "user_profiles.csv"}) {
        QFile fa(a + "/" + name), fb(b + "/" + name);
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        const QByteArray bytes = fa.readAll();
        QVERIFY(bytes.size() > 1000);
        QCOMPARE(bytes, fb.readAll());
    }
    // Ratings lie in 1..5.
    const auto doc = gdbm::data::readCsvFile((a + "/interaction_data.csv").toStdString());
    QCOMPARE(doc.header[6], std::string("rating"));
    QVERIFY(doc.rows.size() > 40000);
    for (const auto& row : doc.rows) {
        const double rating = std::stod(std::string(row.fields[6]));
        QVERIFY(rating >= 1.0 && rating <= 5.0);
    }
}

void TestCli::writesDefaultsAndDemoCatalog()
{
    const QString json = m_dir.filePath("defaults.json");
    QCOMPARE(run({"archetypes", "--write-defaults", json}).code, 0);
    const Result check = run({"archetypes", "--check", json});
    QCOMPARE(check.code, 0);
    QVERIFY(check.err.contains("shares sum to 1.05"));

    QByteArray bad;
    {
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        bad = f.readAll().replace("\"instrumentalness\"", "\"instrumentality\"");
    }
    const Result r = run({"simulate", "--archetypes", write("bad.json", bad), "--out", m_dir.filePath("x")});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("unknown feature 'instrumentality'"), r.err.constData());
    QVERIFY(r.err.contains("archetype 'Audiophile'"));

    const QString csv = m_dir.filePath("demo.csv");
    const Result c = run({"catalog", "--demo", "--tracks", "200", "--seed", "3", "--out", csv});
    QCOMPARE(c.code, 0);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readLine().startsWith("\"Track URI\",\"Track Name\""));
}

void TestCli::trainEmbedAndDescribeAModel()
{
    const QString model = m_dir.filePath("tiny.gdbm");
    const Result t = run({"train", "--modalities", "audio", "--layers", "8,4", "--pretrain-epochs", "2",
                          "--finetune-epochs", "1", "--threads", "1", "--out", model});
    QCOMPARE(t.code, 0);
    QVERIFY2(t.err.contains("pretraining layer 1/2 epoch 1/2: error"), t.err.constData());
    QVERIFY(t.err.contains("fine-tuning layer 2/2 epoch 1/1"));
    const QList<QByteArray> lines = t.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    for (const char* key :
         {"\"pretrain_s\"", "\"finetune_s\"", "\"mse_train\"", "\"mse_validation\"", "\"threads\":1"})
        QVERIFY2(lines[0].contains(key), lines[0].constData());
    // Every curve's first, best and last values, the epoch kept and the verdict.
    const QJsonObject summary = QJsonDocument::fromJson(lines[0]).object();
    const QJsonArray pretraining = summary["curves"].toObject()["pretraining"].toArray();
    QCOMPARE(pretraining.size(), 2);
    const QJsonObject layer2 = pretraining[1].toObject()["validation"].toObject();
    QCOMPARE(layer2["epochs"].toInt(), 2);
    // Two epochs: the best is the lower of the two, and its epoch says which.
    const bool secondIsBest = layer2["last"].toDouble() < layer2["first"].toDouble();
    QCOMPARE(layer2["best"].toDouble(), std::min(layer2["first"].toDouble(), layer2["last"].toDouble()));
    QCOMPARE(layer2["best_epoch"].toInt(), secondIsBest ? 2 : 1);
    const QJsonObject fine = summary["curves"].toObject()["fine_tuning"].toObject()["validation"].toObject();
    QCOMPARE(fine["first"].toDouble(), fine["last"].toDouble()); // one epoch
    QVERIFY(summary["kept_epoch"].toInt(-1) == 0 || summary["kept_epoch"].toInt(-1) == 1);
    QVERIFY(summary["stopped_early"].isBool());
    QVERIFY(summary["verdict"].isString());
    QVERIFY2(t.err.contains("Learning:") || t.err.contains("Plateaued:") || t.err.contains("Overfitting:") ||
                 t.err.contains("Diverging:"),
             t.err.constData());

    const Result info = run({"model-info", model});
    QCOMPARE(info.code, 0);
    QVERIFY(info.out.contains("hidden 8-4"));
    QVERIFY(info.out.contains("format version 9"));
    QVERIFY2(info.out.contains("kept:           ") && info.out.contains(", the best on validation"),
             info.out.constData());
    QVERIFY(info.out.contains("Danceability"));

    const QString csv = m_dir.filePath("embeddings.csv");
    QCOMPARE(run({"embed", "--model", model, "--embedding", "all", "--out", csv}).code, 0);
    const auto doc = gdbm::data::readCsvFile(csv.toStdString());
    QCOMPARE(doc.header.size(), 3u + 12u);
    QCOMPARE(doc.rows.size(), 10000u);

    // The model needs features this dataset lacks: a clear error naming the feature.
    const QString top10s = QString(GDBM_TEST_DATA_DIR) + "/real/top10s.csv";
    const Result missing = run({"embed", "--model", model, "--data", top10s, "--out", csv});
    QCOMPARE(missing.code, 3);
    QVERIFY2(missing.err.contains("field 'Key'"), missing.err.constData());
}

void TestCli::tooFewTracksToTrainExitsWith3()
{
    const Result r = run({"train", "--data", write("one.csv", "name,artist,energy\nA,X,0.5\n"), "--out",
                          m_dir.filePath("one.gdbm")});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("one.csv: 1 track(s) left after loading; training needs at least 2"),
             r.err.constData());
}

void TestCli::runOnTwoTracks()
{
    // Too few tracks for any listener to be evaluated: no metric to choose an embedding by, and
    // no validation songs for the progress lines. Once "internal error: map::at".
    const Result r =
        run({"run", "--data", write("two.csv", "name,artist,energy,valence\nA,X,0.5,0.1\nB,Y,0.7,0.9\n"),
             "--users", "5"});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.out.contains("their top 10"), r.out.constData());
    QVERIFY2(!r.err.contains("nan"), r.err.constData());
}

void TestCli::listeningWithNothingToLearnExitsWith3()
{
    // Interactions that name no track of the catalog: the listening modality asked for is an
    // error, not a hybrid trained without it.
    const QString interactions = write("none.csv", "user_id,track_id,timestamp,rating\n");
    const Result r = run({"train", "--data", QString(GDBM_TEST_DATA_DIR) + "/real/top10s.csv",
                          "--interactions", interactions, "--out", m_dir.filePath("none.gdbm")});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("none.csv: no interaction names a track of the catalog"), r.err.constData());
    QVERIFY(!QFile::exists(m_dir.filePath("none.gdbm")));
}

void TestCli::divergenceExitsWith4()
{
    const Result r =
        run({"train", "--modalities", "audio", "--layers", "4", "--pretrain-epochs", "2", "--finetune-epochs",
             "0", "--lr-pretrain", "1e38", "--out", m_dir.filePath("diverged.gdbm")});
    QCOMPARE(r.code, 4);
    QVERIFY2(r.err.contains("diverged") && r.err.contains("layer 1, epoch 1"), r.err.constData());
    QVERIFY(!QFile::exists(m_dir.filePath("diverged.gdbm")));
}

void TestCli::interruptExitsWith130AndWritesNothing()
{
    QProcess p;
    const QString model = m_dir.filePath("interrupted.gdbm");
    p.setReadChannel(QProcess::StandardError); // progress comes on stderr
    p.start(GDBM_CLI_PATH, {"train", "--pretrain-epochs", "1000", "--out", model});
    QVERIFY(p.waitForStarted());
    QByteArray err;
    while (!err.contains("epoch") && p.waitForReadyRead(60000))
        err += p.readAllStandardError();
    QVERIFY2(err.contains("epoch"), err.constData());
    QCOMPARE(::kill(pid_t(p.processId()), SIGINT), 0);
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    err += p.readAllStandardError();
    QVERIFY2(p.exitCode() == 130, err.right(300).constData());
    QVERIFY(err.contains("interrupted"));
    QVERIFY(!QFile::exists(model));
}

void TestCli::badModelFileExitsWith3()
{
    const Result r = run({"model-info", write("junk.gdbm", "definitely not a model")});
    QCOMPARE(r.code, 3);
    QVERIFY(r.err.contains("not a GDBM Studio model file"));
}

void TestCli::trainRecommendAndEvaluateAHybrid()
{
    const QString dir = m_dir.filePath("hybrid-listeners");
    QCOMPARE(run({"simulate", "--users", "60", "--out", dir}).code, 0);
    const QString interactions = dir + "/interaction_data.csv";
    const QString model = m_dir.filePath("hybrid.gdbm");
    // The default: every modality the data has (the demo catalog's genres, decades and artists, and the
    // listening of --interactions). Its 9,000 training songs make 71 batches an epoch: a limit of 71
    // updates leaves one of the two epochs.
    const Result t = run({"train", "--interactions", interactions, "--pretrain-epochs", "2", "--audio-layers",
                          "8", "--tag-layers", "8", "--listening-layers", "16", "--joint", "8",
                          "--hybrid-max-updates", "71", "--hybrid-mf-iters", "2", "--out", model});
    QVERIFY2(t.code == 0, t.err.constData());
    const QJsonObject summary = QJsonDocument::fromJson(t.out.trimmed()).object();
    const QJsonObject modalities = summary["modalities"].toObject();
    QCOMPARE(modalities["audio"].toInt(), 14);
    QVERIFY(modalities["tags"].toInt() > 100);
    QVERIFY(modalities["listening"].toInt() >= 60);
    QCOMPARE(summary["layers"].toArray().size(), 2); // the pathways' layer, then the joint one
    // Layer 1's curve modality by modality.
    const QJsonObject layer1 = summary["curves"]["pretraining"][0].toObject();
    QCOMPARE(layer1["train"]["epochs"].toInt(), 1);
    for (const char* modality : {"audio", "tags", "listening"})
        QVERIFY(layer1["modalities"][modality]["train"]["last"].isDouble());

    const Result info = run({"model-info", model});
    QCOMPARE(info.code, 0);
    QVERIFY2(info.out.contains("hybrid") &&
                 info.out.contains("pathways audio 8, tags 8, listening 16; joint 8") &&
                 info.out.contains("tag pathway:    pretrained at 1.5 times") &&
                 info.out.contains("update limit:   at most 71 pretraining updates per layer") &&
                 info.out.contains("embedding:      2 mean-field iterations per song") &&
                 info.out.contains("pretraining:    1 epoch per layer,"),
             info.out.constData());

    // Most tracks nobody of 60 listeners heard: deep in the list some are recommended, marked, and
    // their listening has no share of its own.
    const Result r = run({"recommend", "--model", model, "--interactions", interactions, "--user", "3",
                          "--top", "1000", "--explain"});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(r.out.contains("embedding of the hybrid DBM"));
    QVERIFY(r.out.contains("by modality (score lost without it): audio "));
    QVERIFY(r.out.contains(", tags ") && r.out.contains(", listening +"));
    QVERIFY(r.out.contains("[new: nobody heard it]") && r.out.contains("listening (inferred)"));

    // Evaluating a hybrid model evaluates its own shape, next to an audio-only model trained
    // with its recipe.
    // The hybrid's settings given with it are its file's, not the options' (and it says so).
    const Result e =
        run({"evaluate", "--model", model, "--users", "100", "--protocol", "warm", "--hybrid-mf-iters", "3"});
    QVERIFY2(e.code == 0, e.err.constData());
    QVERIFY2(e.out.contains("DBM hybrid") && e.out.contains("DBM audio only"), e.out.constData());
    QVERIFY2(e.err.contains("note: --hybrid-mf-iters is not used: the model file is a hybrid"),
             e.err.constData());

    // The low-rank listening coding: Gaussian units, as many as the rank.
    const QString lowRank = m_dir.filePath("low-rank.gdbm");
    const Result l = run({"train", "--interactions", interactions, "--pretrain-epochs", "1", "--audio-layers",
                          "4", "--tag-layers", "4", "--listening-layers", "4", "--joint", "4",
                          "--listening-rank", "5", "--out", lowRank});
    QVERIFY2(l.code == 0, l.err.constData());
    QCOMPARE(QJsonDocument::fromJson(l.out.trimmed()).object()["modalities"].toObject()["listening"].toInt(),
             5);
    const Result lowInfo = run({"model-info", lowRank});
    QVERIFY2(lowInfo.out.contains("listening 5 (Gaussian)") && lowInfo.out.contains("coded in rank 5"),
             lowInfo.out.constData());
}

void TestCli::recommendAndEvaluate()
{
    const QString model = m_dir.filePath("rec.gdbm");
    QCOMPARE(run({"train", "--modalities", "audio", "--layers", "8,4", "--pretrain-epochs", "1",
                  "--finetune-epochs", "1", "--out", model})
                 .code,
             0);
    const QString dir = m_dir.filePath("listeners");
    QCOMPARE(run({"simulate", "--users", "100", "--out", dir}).code, 0);

    const Result r = run({"recommend", "--model", model, "--interactions", dir + "/interaction_data.csv",
                          "--user", "3", "--top", "5", "--explain"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(" 5. "), r.out.constData());
    QVERIFY(!r.out.contains(" 6. "));
    QVERIFY(r.out.contains("because you played"));
    QVERIFY2(r.out.contains("; top 5 by mean cosine"), r.out.constData());
    // More than the catalog has: every unheard track, and the heading says so (the demo
    // catalog's 10,000 tracks less this user's).
    const Result every = run({"recommend", "--model", model, "--interactions", dir + "/interaction_data.csv",
                              "--user", "3", "--top", "20000"});
    QCOMPARE(every.code, 0);
    QVERIFY2(every.out.contains("; all 9,9"), every.out.left(200).constData());

    // Every user at once: the same list as one user's, for each of them.
    const QString all = m_dir.filePath("all.csv");
    const Result a = run({"recommend", "--model", model, "--interactions", dir + "/interaction_data.csv",
                          "--all-users", "--top", "5", "--output", all});
    QCOMPARE(a.code, 0);
    QVERIFY2(a.err.contains("wrote the top 5 of"), a.err.constData());
    QFile allFile(all);
    QVERIFY(allFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = allFile.readAll().trimmed().split('\n');
    QCOMPARE(rows.front(), QByteArray("user_id,rank,track_uri,track,artist,similarity"));
    QVERIFY(rows.size() > 5 * 90);
    QList<QByteArray> userThree;
    for (const QByteArray& row : rows) {
        if (row.startsWith("3,"))
            userThree.push_back(row);
    }
    QCOMPARE(userThree.size(), 5);
    for (const QByteArray& row : userThree) {
        const QList<QByteArray> fields = row.split(',');
        QVERIFY2(r.out.contains(fields.at(3)), row.constData()); // its track among user 3's
    }
    QCOMPARE(
        run({"recommend", "--model", model, "--interactions", dir + "/interaction_data.csv", "--all-users"})
            .code,
        2); // no --output
    QCOMPARE(run({"recommend", "--model", model, "--interactions", dir + "/interaction_data.csv",
                  "--all-users", "--user", "3", "--output", all})
                 .code,
             2); // both

    const Result unknown = run(
        {"recommend", "--model", model, "--interactions", dir + "/interaction_data.csv", "--user", "99999"});
    QCOMPARE(unknown.code, 3);
    QVERIFY2(unknown.err.contains("user 99999 is not in this file"), unknown.err.constData());

    const QString json = m_dir.filePath("evaluation.json");
    const Result e = run({"evaluate", "--model", model, "--users", "200", "--json", json});
    QCOMPARE(e.code, 0);
    for (const gdbm::rec::MethodInfo& method : gdbm::rec::methodTable())
        QVERIFY2(e.out.contains(QByteArray(method.label.data(), qsizetype(method.label.size()))),
                 e.out.constData());
    QVERIFY(e.out.contains("Returning listeners") && e.out.contains("New tracks"));
    QVERIFY(e.out.contains("cannot rank new tracks"));
    // Per archetype: NDCG and how much of each top 10 fits the archetype, for both protocols.
    QCOMPARE(e.out.count("NDCG@10 per archetype"), 2);
    QCOMPARE(e.out.count("Archetype fit per archetype"), 2);
    const QByteArray fitTable = e.out.mid(e.out.indexOf("Archetype fit per archetype"));
    QVERIFY2(fitTable.contains("Genre-Specific Fan"), fitTable.constData());
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonObject warm = root["protocols"].toObject()["warm"].toObject();
    QCOMPARE(warm["k"].toInt(), 10);
    QVERIFY(warm["users_evaluated"].toInt() > 150);
    QCOMPARE(warm["tracks_ranked"].toInt(), 10000);
    const QJsonObject methods = warm["methods"].toObject();
    QCOMPARE(methods.size(), qsizetype(gdbm::rec::methodTable().size()));
    QVERIFY(methods["dbm-top"].toObject()["metrics"].toObject().contains("archetype_consistency"));
    QVERIFY(methods["item-knn"].toObject()["settings"].toObject().contains("neighbours"));
    QVERIFY(warm["per_archetype"].toObject()["Audiophile"].toObject().contains("dbm-top"));
    // Each DBM ranking against the baselines, user by user, in the text and the JSON.
    QVERIFY2(e.out.contains("user by user") && e.out.contains("DBM audio only, top layer against"),
             e.out.constData());
    const QString best = warm["best_baseline"].toString();
    QVERIFY(gdbm::rec::methodFromKey(best.toStdString()) && !best.startsWith("dbm"));
    const QJsonObject against = methods["dbm-top"].toObject()["ndcg_against_baselines"].toObject();
    QVERIFY(against.contains(best) && against.contains("random") && !against.contains("dbm-all"));
    QVERIFY(against[best].toObject()["standard_error"].toDouble() > 0);
    QVERIFY(methods["random"].toObject().contains("ndcg_standard_error"));
    QVERIFY(methods["random"].toObject()["ndcg_standard_error"].toDouble() > 0);
    QVERIFY(!methods["random"].toObject().contains("ndcg_against_baselines"));
    const QJsonObject cold = root["protocols"].toObject()["new-tracks"].toObject();
    QVERIFY(cold["tracks_ranked"].toInt() > 0 && cold["tracks_ranked"].toInt() < 10000);
    QCOMPARE(cold["methods"].toObject()["item-knn"].toObject()["ranked"].toBool(), false);
    QVERIFY(cold["methods"].toObject()["audio-tags"].toObject()["ranked"].toBool());
}

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
