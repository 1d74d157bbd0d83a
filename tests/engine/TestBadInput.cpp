// The bad-input catalogue: what a user can get wrong, fed to the real gdbm-cli (and to the project
// reader, which no command opens). Each case ends in one clear line and an exit code: 2 for a usage
// error, 3 for a file that cannot be used, 4 for a divergence; a row-level defect in a dataset drops
// the row and says so with its line. Never a crash, a hang or a huge allocation (2 GB at most).
#include "core/Error.h"
#include "data/Csv.h"
#include "data/CsvWriter.h"
#include "data/DemoCatalog.h"
#include "model/ModelFile.h"
#include "project/ProjectFile.h"
#include "sim/Simulator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <limits>
#include <sstream>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace gdbm;

namespace {

constexpr rlim_t kAddressSpace = rlim_t(2) << 30;

// Empty when `out` writes files into that folder; else why not (root writes anywhere).
bool canCreateIn(const QString& folder)
{
    QFile probe(folder + "/probe");
    const bool ok = probe.open(QIODevice::WriteOnly);
    if (ok)
        probe.remove();
    return ok;
}

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void catalogue_data();
    void catalogue();
    void projectFiles_data();
    void projectFiles();

private:
    struct Result
    {
        int code = -1; // -1: crashed or hung
        QByteArray out;
        QByteArray err;
    };
    Result run(const QStringList& args) const;
    QString write(const QString& name, const QByteArray& bytes) const;
    // The demo dataset with one field changed (row is 0-based; its line is returned in *line).
    QByteArray demoWith(std::size_t row, const std::string& column, const std::string& value,
                        std::size_t* line = nullptr) const;
    static QByteArray toCsv(const data::CsvDocument& doc);
    std::size_t columnOf(const std::string& name) const;
    QString unwritableFolder() const;

    QTemporaryDir m_dir;
    QString m_demoPath;
    data::CsvDocument m_demo;
    QString m_modelPath;
    QByteArray m_model;
    QString m_interactionsPath;
};

TestBadInput::Result TestBadInput::run(const QStringList& args) const
{
    QProcess p;
#ifdef GDBM_SANITIZED
    // A sanitizer reserves terabytes of address space for its shadow memory, so RLIMIT_AS would
    // stop gdbm-cli from starting; AddressSanitizer's own cap stops an allocation that large.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString options = env.value("ASAN_OPTIONS");
    env.insert("ASAN_OPTIONS", (options.isEmpty() ? "" : options + ":") +
                                   "max_allocation_size_mb=" + QString::number(kAddressSpace >> 20));
    p.setProcessEnvironment(env);
#else
    p.setChildProcessModifier([] {
        const rlimit limit{kAddressSpace, kAddressSpace};
        ::setrlimit(RLIMIT_AS, &limit);
    });
#endif
    p.setWorkingDirectory(m_dir.path());
    p.start(GDBM_CLI_PATH, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {-1, {}, "hung"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QString TestBadInput::write(const QString& name, const QByteArray& bytes) const
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QByteArray TestBadInput::toCsv(const data::CsvDocument& doc)
{
    std::ostringstream out;
    data::CsvWriter csv(out);
    csv.writeRow(doc.header);
    for (const data::CsvRow& row : doc.rows)
        csv.writeRow(row.fields);
    return QByteArray::fromStdString(out.str());
}

std::size_t TestBadInput::columnOf(const std::string& name) const
{
    for (std::size_t c = 0; c < m_demo.header.size(); ++c) {
        if (m_demo.header[c] == name)
            return c;
    }
    qFatal("the demo dataset has no column %s", name.c_str());
}

QByteArray TestBadInput::demoWith(std::size_t row, const std::string& column, const std::string& value,
                                  std::size_t* line) const
{
    data::CsvDocument doc = m_demo;
    doc.rows.at(row).fields.at(columnOf(column)) = value;
    // Lines as they will be in the file written: the header, then one line per row (the demo
    // catalog's fields hold no line breaks; initTestCase checks).
    if (line)
        *line = row + 2;
    return toCsv(doc);
}

QString TestBadInput::unwritableFolder() const
{
    const QString folder = m_dir.filePath("read-only");
    QDir().mkpath(folder);
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner);
    if (!canCreateIn(folder))
        return folder;
    // Root writes into read-only folders; sysfs refuses new files even to root.
    if (QFileInfo("/sys").isDir() && !canCreateIn("/sys"))
        return "/sys";
    return {};
}

void TestBadInput::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(GDBM_CLI_PATH));

    // A small real dataset, a model trained on it and a simulation of it, to damage below.
    m_demoPath = m_dir.filePath("demo.csv");
    Result r = run({"catalog", "--demo", "--tracks", "300", "--seed", "5", "--out", m_demoPath});
    QVERIFY2(r.code == 0, r.err.constData());
    m_demo = data::readCsvFile(m_demoPath.toStdString());
    QCOMPARE(m_demo.rows.size(), 300u);
    for (std::size_t i = 0; i < m_demo.rows.size(); ++i)
        QCOMPARE(m_demo.rows[i].line, i + 2); // one line per row
    m_demo.fileName.clear();

    m_modelPath = m_dir.filePath("model.gdbm");
    r = run({"train", "--data", m_demoPath, "--modalities", "audio", "--layers", "4", "--pretrain-epochs",
             "1", "--finetune-epochs", "0", "--threads", "1", "--out", m_modelPath});
    QVERIFY2(r.code == 0, r.err.constData());
    QFile model(m_modelPath);
    QVERIFY(model.open(QIODevice::ReadOnly));
    m_model = model.readAll();

    r = run({"simulate", "--data", m_demoPath, "--users", "20", "--out", m_dir.filePath("listeners")});
    QVERIFY2(r.code == 0, r.err.constData());
    m_interactionsPath = m_dir.filePath("listeners/interaction_data.csv");
}

void TestBadInput::catalogue_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    // Exit 2, 3 or 4: what the error line must name (the file or the option). Exit 0: a
    // pattern the load summary must match (the dropped row's line).
    QTest::addColumn<QString>("expected");
    // Whether the error must be all of stderr. Not when the command legitimately reported
    // progress before the failing step (a catalog loaded, epochs trained).
    QTest::addColumn<bool>("alone");

    const QString dir = m_dir.path();
    const auto simulate = [&](const QString& data) {
        return QStringList{
            "simulate", "--data", data, "--users", "10", "--out", dir + "/sim-" + QFileInfo(data).baseName()};
    };
    const auto dataRow = [&](const char* name, const QString& file, const QByteArray& bytes, int code,
                             const QString& expected) {
        const QString path = write(file, bytes);
        QTest::newRow(name) << simulate(path) << code << (code == 0 ? expected : path) << true;
    };
    // "  dropped 1 row: 'Energy' outside its plausible range 0..1 (overflow.csv line 9)"
    const auto droppedLine = [](std::size_t line) {
        return QString("dropped [^\\n]*\\blines? [^\\n]*\\b%1\\b").arg(line);
    };
    const QByteArray demo = toCsv(m_demo);
    std::size_t line = 0;

    // Datasets: defects of the whole file.
    dataRow("empty file", "empty.csv", QByteArray(), 3, {});
    dataRow("header only", "header.csv", demo.left(demo.indexOf('\n') + 1), 3, {});
    QByteArray nul = demo;
    nul.insert(nul.indexOf('\n', nul.size() / 2) - 3, '\0');
    dataRow("NUL bytes", "nul.csv", nul, 3, {});
    dataRow("every row unusable", "unusable.csv",
            [&] {
                data::CsvDocument doc = m_demo;
                for (data::CsvRow& row : doc.rows)
                    row.fields[columnOf("Energy")] = "1e999";
                return toCsv(doc);
            }(),
            3, {});
    QDir().mkpath(dir + "/folder.csv");
    QTest::newRow("folder as dataset") << simulate(dir + "/folder.csv") << 3 << dir + "/folder.csv" << true;

    // Datasets that are fine as they are.
    dataRow("invalid UTF-8 (read as Windows-1252)", "latin.csv",
            demoWith(3, "Track Name", "Caf\xe9 \x81\xff"), 0, "");
    dataRow("100,000-character field", "long.csv", demoWith(4, "Track Name", std::string(100000, 'x')), 0,
            "");
    {
        data::CsvDocument doc = m_demo;
        for (int c = 0; c < 10000 - int(m_demo.header.size()); ++c)
            doc.header.push_back("extra " + std::to_string(c));
        for (data::CsvRow& row : doc.rows)
            row.fields.resize(doc.header.size(), "1");
        dataRow("10,000 columns", "wide.csv", toCsv(doc), 0, "");
    }

    // Row-level defects: the row is dropped, the summary names its line, the rest loads.
    {
        QByteArray ragged = demo;
        const qsizetype at = ragged.indexOf('\n', ragged.indexOf('\n', ragged.indexOf('\n') + 1) + 1);
        ragged.insert(at, QByteArray(",1").repeated(10000 - int(m_demo.header.size())));
        dataRow("a row of 10,000 columns", "ragged.csv", ragged, 0, droppedLine(3));
    }
    QByteArray bad = demoWith(7, "Energy", "1e999", &line);
    dataRow("1e999 in a feature", "overflow.csv", bad, 0, droppedLine(line));
    bad = demoWith(8, "Energy", "nan", &line);
    dataRow("nan in a feature", "nan.csv", bad, 0, droppedLine(line));
    bad = demoWith(9, "Danceability", "-inf", &line);
    dataRow("-inf in a feature", "inf.csv", bad, 0, droppedLine(line));
    bad = demoWith(10, "Track Duration (ms)", "1e306", &line);
    dataRow("absurd finite duration", "duration.csv", bad, 0, droppedLine(line));
    bad = demoWith(11, "Tempo", "-1e300", &line);
    dataRow("absurd finite tempo", "tempo.csv", bad, 0, droppedLine(line));

    // Output paths: refused before any work (alone: no progress line before the error).
    const QString readOnly = unwritableFolder();
    if (!readOnly.isEmpty())
        QTest::newRow("unwritable output folder")
            << QStringList{"catalog", "--demo", "--out", readOnly + "/demo.csv"} << 3
            << readOnly + "/demo.csv" << true;
    QTest::newRow("output in a missing folder")
        << QStringList{"train", "--data", m_demoPath, "--out", dir + "/missing/model.gdbm"} << 3
        << dir + "/missing/model.gdbm" << true;
    QTest::newRow("output is a folder") << QStringList{"train", "--out", dir} << 3 << dir << true;
    QTest::newRow("output is a device")
        << QStringList{"catalog", "--demo", "--out", "/dev/full"} << 3 << "/dev/full" << true;
    QTest::newRow("embed output is a folder")
        << QStringList{"embed", "--model", m_modelPath, "--out", dir} << 3 << dir << true;
    QTest::newRow("evaluate JSON is a folder")
        << QStringList{"evaluate", "--model", m_modelPath, "--json", dir} << 3 << dir << true;
    QTest::newRow("simulate folder is a file")
        << QStringList{"simulate", "--out", m_demoPath} << 3 << m_demoPath << true;

    // Usage errors: the option and, for sizes, the cap.
    const auto usage = [](const char* name, const QStringList& args, const QString& expected) {
        QTest::newRow(name) << args << 2 << expected << true;
    };
    usage("--users 0", {"simulate", "--users", "0", "--out", dir + "/u0"}, "--users");
    usage("--users 99999999999", {"simulate", "--users", "99999999999", "--out", dir + "/u1"},
          "--users must be a whole number in 1..200,000, not '99999999999' (the cap of 200,000");
    usage("evaluate --users 99999999999", {"evaluate", "--users", "99999999999"}, "cap of 200,000");
    usage("run --users 99999999999", {"run", "--users", "99999999999"}, "cap of 200,000");
    usage("--scoring bogus (before the data)", {"evaluate", "--scoring", "bogus", "--data", dir + "/x.csv"},
          "--scoring must be mean-cosine or history-mean, not 'bogus'");
    usage("evaluate --modalities sound", {"evaluate", "--modalities", "sound"},
          "--modalities takes audio, tags and listening, not 'sound'");
    usage("evaluate --modalities tags,tags", {"evaluate", "--modalities", "tags,tags"},
          "tags is listed twice");
    usage("evaluate --tag-layers 32,16", {"evaluate", "--tag-layers", "32,16"},
          "every modality has the same number of layers");
    usage("evaluate --hybrid-embedding best", {"evaluate", "--hybrid-embedding", "best"},
          "--hybrid-embedding must be");
    usage("--tracks 99999999999", {"catalog", "--demo", "--tracks", "99999999999", "--out", dir + "/t.csv"},
          "--tracks");
    usage("--layers 0", {"train", "--modalities", "audio", "--layers", "0", "--out", dir + "/l.gdbm"},
          "--layers");
    usage("--layers 100000",
          {"train", "--modalities", "audio", "--layers", "100000", "--out", dir + "/l.gdbm"}, "--layers");
    QStringList many;
    for (int i = 0; i < 33; ++i)
        many << "4";
    usage("33 layers",
          {"train", "--modalities", "audio", "--data", m_demoPath, "--layers", many.join(','), "--out",
           dir + "/l.gdbm"},
          "--layers takes at most 32");
    usage("too many parameters",
          {"train", "--modalities", "audio", "--layers", "4096,4096,4096", "--out", dir + "/l.gdbm"},
          "cap of 16,777,216");
    usage("--batch 0", {"train", "--batch", "0", "--out", dir + "/b.gdbm"}, "--batch");
    usage("--batch 99999999999", {"train", "--batch", "99999999999", "--out", dir + "/b.gdbm"},
          "cap of 65,536");
    usage(
        "batch times units",
        {"train", "--modalities", "audio", "--batch", "65536", "--layers", "2048", "--out", dir + "/b.gdbm"},
        "bounds the memory of a mini-batch");
    usage("train --layers with a hybrid", {"train", "--layers", "8", "--out", dir + "/h.gdbm"},
          "--layers shapes the audio-only model (--modalities audio)");
    usage("train --modalities listening without interactions",
          {"train", "--modalities", "audio,listening", "--out", dir + "/h.gdbm"},
          "--modalities listening needs --interactions CSV");
    usage("train --finetune-epochs with a hybrid",
          {"train", "--finetune-epochs", "5", "--out", dir + "/h.gdbm"},
          "--finetune-epochs is the audio-only model's (--modalities audio); the hybrid has "
          "--hybrid-finetune-epochs");
    usage("train --mf-iters with a hybrid that skips fine-tuning",
          {"train", "--mf-iters", "5", "--out", dir + "/h.gdbm"},
          "--mf-iters serves fine-tuning, which the hybrid skips (--hybrid-finetune-epochs 0); its songs "
          "are embedded with --hybrid-mf-iters");
    usage("--hybrid-mf-iters -1", {"train", "--hybrid-mf-iters", "-1", "--out", dir + "/h.gdbm"},
          "--hybrid-mf-iters");
    usage("train --interactions with audio only",
          {"train", "--modalities", "audio", "--interactions", dir + "/i.csv", "--out", dir + "/h.gdbm"},
          "--interactions feeds the listening modality");
    usage("--lr-pretrain nan", {"train", "--lr-pretrain", "nan", "--out", dir + "/n.gdbm"}, "--lr-pretrain");
    usage("--lr-finetune inf", {"evaluate", "--lr-finetune", "inf"}, "--lr-finetune");

    // Model files.
    const auto modelRow = [&](const char* name, const QString& file, const QByteArray& bytes,
                              const QString& reason) {
        const QString path = write(file, bytes);
        QTest::newRow(name) << QStringList{"model-info", path} << 3 << path + ": " + reason << true;
    };
    modelRow("model truncated", "truncated.gdbm", m_model.left(m_model.size() / 2),
             "the model file is truncated");
    QByteArray flipped = m_model;
    flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x01);
    modelRow("model with a flipped byte", "flipped.gdbm", flipped, "the model file is corrupted (checksum");
    {
        model::Model m = model::deserializeModel(m_model.toStdString(), "model");
        std::vector<double> mean = m.standardizer.mean();
        mean[0] = std::numeric_limits<double>::quiet_NaN();
        m.standardizer = model::Standardizer(mean, m.standardizer.stddev());
        modelRow("model with a NaN standardizer", "nan.gdbm",
                 QByteArray::fromStdString(model::serializeModel(m)),
                 "the model file holds an unusable standardizer");
    }
    QTest::newRow("model is a folder") << QStringList{"embed", "--model", dir, "--out", dir + "/e.csv"} << 3
                                       << dir + ": this is a folder" << true;
    QTest::newRow("model is /dev/zero")
        << QStringList{"model-info", "/dev/zero"} << 3 << "/dev/zero: this is a device" << true;

    // Archetype files.
    const QString overflow =
        write("overflow.json", R"({"format": "gdbm-archetypes", "version": 1, "archetypes": [
        {"name": "Big", "share": 9e999, "tracks_per_user": 5}]})");
    QTest::newRow("archetype number overflow")
        << QStringList{"simulate", "--archetypes", overflow, "--out", dir + "/a"} << 3
        << overflow + ":2:34: field 'archetypes[0].share': not valid JSON: number overflow" << true;
    QTest::newRow("archetype file is a folder")
        << QStringList{"archetypes", "--check", dir} << 3 << dir + ": this is a folder" << true;

    // Interaction files (read after the catalog, whose summary comes first).
    {
        data::CsvDocument doc = data::readCsvFile(m_interactionsPath.toStdString());
        std::size_t rating = 0;
        while (doc.header[rating] != "rating")
            ++rating;
        doc.rows[5].fields[rating] = "1e300";
        const QString path = write("interactions.csv", toCsv(doc));
        QTest::newRow("interaction rating 1e300")
            << QStringList{"recommend",      "--model", m_modelPath, "--data", m_demoPath,
                           "--interactions", path,      "--user",    "1"}
            << 3 << path + ":7:" << false;
    }
    QTest::newRow("interactions are a folder")
        << QStringList{"recommend",      "--model", m_modelPath, "--data", m_demoPath,
                       "--interactions", dir,       "--user",    "1"}
        << 3 << dir << false;

    // Divergence, in every command that trains (after the epochs it trained).
    const QStringList diverging = {
        "--data", m_demoPath,      "--layers", "4", "--pretrain-epochs", "2", "--finetune-epochs",
        "0",      "--lr-pretrain", "1e38"};
    QTest::newRow("train diverges") << QStringList{"train", "--modalities", "audio"} + diverging +
                                           QStringList{"--out", dir + "/d.gdbm"}
                                    << 4 << "training diverged" << false;
    QTest::newRow("evaluate diverges") << QStringList{"evaluate"} + diverging + QStringList{"--users", "10"}
                                       << 4 << "training diverged" << false;
}

void TestBadInput::catalogue()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, expected);
    QFETCH(bool, alone);

    struct stat before
    {
    };
    const bool device = args.contains("/dev/full") && ::stat("/dev/full", &before) == 0;
    const Result r = run(args);
    const QByteArray err = r.err.trimmed();
    QVERIFY2(r.code == code, qPrintable(QString("exit %1, expected %2; stderr:\n%3")
                                            .arg(r.code)
                                            .arg(code)
                                            .arg(QString::fromUtf8(err.right(2000)))));
    if (code == 0) {
        // The load summary names the dropped row's line.
        if (!expected.isEmpty())
            QVERIFY2(QString::fromUtf8(err).contains(QRegularExpression(expected)), err.constData());
        return;
    }
    const QList<QByteArray> lines = err.split('\n');
    const QByteArray last = lines.back();
    QVERIFY2(!alone || lines.size() == 1, err.constData());
    QVERIFY2(last.startsWith("gdbm-cli: error: "), err.constData());
    QCOMPARE(err.count("gdbm-cli: error: "), 1);
    QVERIFY2(last.contains(expected.toUtf8()), qPrintable("expected '" + expected + "' in: " + last));
    QVERIFY(!last.contains("internal error"));
    if (device) {
        struct stat after
        {
        };
        QCOMPARE(::stat("/dev/full", &after), 0);
        QVERIFY(S_ISCHR(after.st_mode)); // still the device, not a regular file
    }
}

void TestBadInput::projectFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");

    project::Project p;
    p.catalog = std::make_shared<const data::Catalog>(data::generateDemoCatalog({60, 1}));
    p.archetypes = sim::defaultArchetypes();
    const QString good = m_dir.filePath("good.gdbmproj");
    project::saveProject(p, good.toStdString());
    QFile f(good);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();

    QTest::newRow("project truncated to half") << bytes.left(bytes.size() / 2) << "";
    QTest::newRow("project truncated to 100 bytes") << bytes.left(100) << "";
    QTest::newRow("project empty") << QByteArray() << "not a GDBM Studio project";
    QByteArray magic = bytes;
    magic[3] = char(magic[3] ^ 0x20); // "SQLite format 3" -> "SQlite format 3"
    QTest::newRow("project with a flipped byte in its header") << magic << "";
    // Flips in the content: caught by SQLite or by the tables' checksums.
    for (int i = 1; i < 8; ++i) {
        QByteArray copy = bytes;
        const qsizetype at = copy.size() * i / 8 + 100;
        copy[at] = char(copy[at] ^ 0x5A);
        QTest::newRow(qPrintable(QString("project with a flipped byte at %1/8").arg(i))) << copy << "";
    }
}

void TestBadInput::projectFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    const QString path = write("bad.gdbmproj", bytes);
    const bool flippedContent = QString(QTest::currentDataTag()).contains("/8");
    try {
        project::loadProject(path.toStdString());
        // A flip in unused space changes nothing read; every other damage must be reported.
        QVERIFY2(flippedContent, "the damaged project loaded");
    } catch (const InputError& e) {
        const std::string message = e.what();
        QVERIFY2(message.rfind(path.toStdString(), 0) == 0, e.what());
        QVERIFY2(message.find('\n') == std::string::npos, e.what());
        QVERIFY2(message.find(reason.toStdString()) != std::string::npos, e.what());
    }
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "TestBadInput.moc"
