#include "core/Error.h"
#include "sim/ArchetypeJson.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace gdbm::sim;
using gdbm::InputError;

class TestArchetypes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreTheSeedsValues();
    void jsonRoundTrip();
    void fileRoundTrip();
    void problemsAreReported();
    void normalizeSharesSumsToOne();
    void rejectsInvalidSets_data();
    void rejectsInvalidSets();
    void syntaxErrorsNameLineAndColumn();
    void overflowNamesLineAndColumn();
};

void TestArchetypes::defaultsAreTheSeedsValues()
{
    const ArchetypeSet set = defaultArchetypes();
    QCOMPARE(set.archetypes.size(), 12u);
    const std::vector<std::pair<std::string, int>> expected = {
        {"Mainstream Listener", 80},    {"Genre-Specific Fan", 70}, {"Casual Listener", 60},
        {"Mood-Based Listener", 60},    {"Loyal Fan", 50},          {"Discoverer", 50},
        {"Niche Genre Enthusiast", 40}, {"Audiophile", 40},         {"Obscure Music Seeker", 40},
        {"Classical Music Lover", 40},  {"Live Music Fan", 40},     {"Era-Specific Listener", 40},
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(set.archetypes[i].name, expected[i].first);
        QCOMPARE(set.archetypes[i].tracksPerUser, expected[i].second);
    }
    QCOMPARE(set.archetypes[0].share, 0.15);
    QCOMPARE(set.archetypes[11].share, 0.05);
    // DATA.md's shares sum to 1.05, not 1: reported as a problem, not silently changed.
    QVERIFY(std::abs(set.shareTotal() - 1.05) < 1e-9);
    const auto problems = set.problems();
    QCOMPARE(problems.size(), 1u);
    QCOMPARE(problems[0].field, std::string("shares"));
    QVERIFY(set.blockingProblems().empty()); // it changes the user count, nothing else
    // Shares that sum to 0 are no users at all: a set that cannot be simulated.
    ArchetypeSet none = set;
    for (Archetype& a : none.archetypes)
        a.share = 0;
    QCOMPARE(none.blockingProblems().size(), 1u);
    QCOMPARE(none.blockingProblems()[0].message,
             std::string("the shares sum to 0: no users would be simulated"));

    const Preference& classical = set.archetypes[9].preferences[0];
    QCOMPARE(classical.kind, PreferenceKind::Genres);
    QCOMPARE(classical.genres, (std::vector<std::string>{"classical", "opera", "classical tenor"}));
    QCOMPARE(set.archetypes[0].preferences[0].max, kOpen); // popularity 50..max
}

void TestArchetypes::jsonRoundTrip()
{
    ArchetypeSet set = defaultArchetypes();
    set.archetypes[3].name = "Mood \"quoted\" ünïcode";
    set.archetypes[4].preferences[0].among = 20;
    const ArchetypeSet back = archetypesFromJson(archetypesToJson(set), "x.json");
    QVERIFY(back == set);
}

void TestArchetypes::fileRoundTrip()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("set.json").toStdString();
    writeArchetypeFile(defaultArchetypes(), path);
    QVERIFY(readArchetypeFile(path) == defaultArchetypes());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"set.json"}); // no temporary left
}

void TestArchetypes::problemsAreReported()
{
    ArchetypeSet set = defaultArchetypes();
    set.normalizeShares();
    QVERIFY(set.problems().empty());
    set.archetypes[2].preferences[0].min = 80; // casual 80..70
    set.archetypes[5].share = -0.1;
    const auto problems = set.problems();
    QVERIFY(problems.size() >= 2);
    QCOMPARE(problems[0].archetype, 2u);
    QCOMPARE(problems[0].field, std::string("preferences[0].min"));
    QCOMPARE(describeProblem(set, problems[0]).rfind("archetype 'Casual Listener': preferences[0].min", 0),
             0u);
    QCOMPARE(problems[1].archetype, 5u);
    QCOMPARE(problems[1].field, std::string("share"));

    // One without a name is named by its place in the list.
    set.archetypes[0].name = std::string(2, ' '); // blank, not empty
    const auto unnamed = set.problems();
    QCOMPARE(unnamed[0].field, std::string("name"));
    QCOMPARE(describeProblem(set, unnamed[0]), std::string("archetype 1 (no name): name: the name is empty"));

    // All of them, one per line, the first few and a count of the rest.
    const std::string all = describeBlockingProblems(set, 2);
    const std::string rest = "\nand " + std::to_string(set.blockingProblems().size() - 2) + " more";
    QCOMPARE(all.rfind("archetype 1 (no name): name: the name is empty\narchetype 'Casual Listener': ", 0),
             0u);
    QVERIFY2(all.size() > rest.size() && all.compare(all.size() - rest.size(), rest.size(), rest) == 0,
             all.c_str());
    QVERIFY(describeBlockingProblems(defaultArchetypes()).empty());
}

void TestArchetypes::normalizeSharesSumsToOne()
{
    ArchetypeSet set = defaultArchetypes();
    set.normalizeShares();
    QVERIFY(std::abs(set.shareTotal() - 1.0) < 1e-12);
    QVERIFY(std::abs(set.archetypes[0].share - 0.15 / 1.05) < 1e-12);
}

void TestArchetypes::rejectsInvalidSets_data()
{
    QTest::addColumn<QString>("archetype");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    const QString head = R"({"format": "gdbm-archetypes", "version": 1, "archetypes": [)";
    QTest::newRow("unknown feature")
        << head +
               R"({"name": "A", "share": 1, "tracks_per_user": 5, "preferences": [{"type": "range", "attribute": "tempoo", "min": 1}]}]})"
        << "archetypes[0].preferences[0].attribute"
        << "archetype 'A': unknown feature 'tempoo'";
    QTest::newRow("min above max")
        << head +
               R"({"name": "B", "share": 1, "tracks_per_user": 5, "preferences": [{"type": "range", "attribute": "energy", "min": 0.9, "max": 0.1}]}]})"
        << "archetypes[0].preferences[0].min"
        << "archetype 'B': preferences[0].min: min 0.9 is above max 0.1";
    QTest::newRow("negative share") << head + R"({"name": "C", "share": -1, "tracks_per_user": 5}]})"
                                    << "archetypes[0].share"
                                    << "archetype 'C': share";
    QTest::newRow("unknown type")
        << head + R"({"name": "D", "share": 1, "tracks_per_user": 5, "preferences": [{"type": "vibes"}]}]})"
        << "archetypes[0].preferences[0].type"
        << "unknown preference type 'vibes'";
    QTest::newRow("share not a number") << head + R"({"name": "E", "share": "half", "tracks_per_user": 5}]})"
                                        << "archetypes[0].share"
                                        << "expected a number";
    QTest::newRow("missing name") << head + R"({"share": 1, "tracks_per_user": 5}]})"
                                  << "archetypes[0].name"
                                  << "missing";
    QTest::newRow("newer version") << R"({"format": "gdbm-archetypes", "version": 9, "archetypes": []})"
                                   << "version"
                                   << "newer version";
    QTest::newRow("not an archetype set") << R"({"hello": 1})"
                                          << "format"
                                          << "not an archetype set";
    // Numbers beyond a double are not syntax errors to the parser: they must not escape as
    // anything but an InputError naming the field.
    QTest::newRow("share overflows") << head + R"({"name": "F", "share": 9e999, "tracks_per_user": 5}]})"
                                     << "archetypes[0].share"
                                     << "not valid JSON: number overflow parsing '9e999'";
    QTest::newRow("min overflows")
        << head +
               R"({"name": "G", "share": 1, "tracks_per_user": 5}, {"name": "H", "share": 1, "tracks_per_user": 5, "preferences": [{"type": "range", "attribute": "energy", "max": 0.5}, {"type": "range", "attribute": "energy", "min": -1e400}]}]})"
        << "archetypes[1].preferences[1].min"
        << "number overflow parsing '-1e400'";
    QTest::newRow("version overflows") << R"({"format": "gdbm-archetypes", "version": 1e999})"
                                       << "version"
                                       << "number overflow";
}

void TestArchetypes::rejectsInvalidSets()
{
    QFETCH(QString, archetype);
    QFETCH(QString, field);
    QFETCH(QString, message);
    try {
        archetypesFromJson(archetype.toStdString(), "set.json");
        QFAIL("accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.location().file, std::string("set.json"));
        QCOMPARE(QString::fromStdString(e.location().field), field);
        QVERIFY2(QString::fromStdString(e.reason()).contains(message), e.what());
    }
}

void TestArchetypes::syntaxErrorsNameLineAndColumn()
{
    try {
        archetypesFromJson("{\n  \"format\": \"gdbm-archetypes\",\n  \"version\": 1,,\n}", "broken.json");
        QFAIL("accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.location().line, 3u);
        QCOMPARE(e.location().column, 16u);
        QVERIFY2(QString(e.what()).startsWith("broken.json:3:16: not valid JSON"), e.what());
    }
}

void TestArchetypes::overflowNamesLineAndColumn()
{
    try {
        archetypesFromJson("{\n  \"format\": \"gdbm-archetypes\",\n  \"version\": 2e400\n}", "big.json");
        QFAIL("accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.location().line, 3u);
        QCOMPARE(e.location().column, 14u);
        QVERIFY2(QString(e.what()).startsWith("big.json:3:14: field 'version': not valid JSON"), e.what());
    }
}

QTEST_APPLESS_MAIN(TestArchetypes)
#include "TestArchetypes.moc"
