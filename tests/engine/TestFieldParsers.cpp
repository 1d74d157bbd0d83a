#include "data/Csv.h"
#include "data/FieldParsers.h"

#include <QTest>

using namespace gdbm::data;

// The readers for the ways public exports write one value (FieldParsers.h), and the CSV
// delimiter sniffing.
class TestFieldParsers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numbers_data();
    void numbers();
    void keys_data();
    void keys();
    void modesBooleansAndMetre();
    void clockDurations();
    void dateYears();
    void pythonLists();
    void delimiters();
};

void TestFieldParsers::numbers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<double>("value");
    QTest::newRow("plain") << "0.75" << true << 0.75;
    QTest::newRow("exponent") << "8.42e-06" << true << 8.42e-06;
    QTest::newRow("thousands") << "2,445" << true << 2445.0;
    QTest::newRow("millions") << "1,316,855,716" << true << 1316855716.0;
    QTest::newRow("thousands with fraction") << "-1,412.5" << true << -1412.5;
    QTest::newRow("decimal comma") << "0,75" << false << 0.0;
    QTest::newRow("bad group") << "12,34" << false << 0.0;
    QTest::newRow("list") << "1,2,3" << false << 0.0;
    QTest::newRow("inf") << "inf" << false << 0.0;
    QTest::newRow("overflow") << "1e999" << false << 0.0;
    QTest::newRow("text") << "loud" << false << 0.0;
}

void TestFieldParsers::numbers()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(double, value);
    const auto parsed = parseNumberText(text.toStdString());
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(*parsed, value);
}

void TestFieldParsers::keys_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("pitch"); // -2: not a key
    QTest::newRow("number") << "5" << 5;
    QTest::newRow("no key") << "-1" << -1;
    QTest::newRow("out of range") << "12" << -2;
    QTest::newRow("C") << "C" << 0;
    QTest::newRow("C#") << "C#" << 1;
    QTest::newRow("Db") << "Db" << 1;
    QTest::newRow("lower case") << "f#" << 6;
    QTest::newRow("sharp symbol") << "G\u266F" << 8;
    QTest::newRow("flat symbol") << "E\u266D" << 3;
    QTest::newRow("B#") << "B#" << 0;
    QTest::newRow("Cb") << "Cb" << 11;
    QTest::newRow("with mode") << "A minor" << 9;
    QTest::newRow("H") << "H" << -2;
    QTest::newRow("double sharp") << "C##" << -2;
}

void TestFieldParsers::keys()
{
    QFETCH(QString, text);
    QFETCH(int, pitch);
    const auto parsed = parseKeyText(text.toStdString());
    if (pitch == -2) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(int(*parsed), pitch);
}

void TestFieldParsers::modesBooleansAndMetre()
{
    QCOMPARE(parseModeText("Major"), std::optional<double>(1.0));
    QCOMPARE(parseModeText("minor"), std::optional<double>(0.0));
    QCOMPARE(parseModeText("1"), std::optional<double>(1.0));
    QVERIFY(!parseModeText("dorian"));
    for (const char* yes : {"true", "TRUE", "True", "1", "yes", "Y", "t"})
        QCOMPARE(parseBooleanText(yes), std::optional<bool>(true));
    for (const char* no : {"false", "False", "0", "NO", "n", "f"})
        QCOMPARE(parseBooleanText(no), std::optional<bool>(false));
    QVERIFY(!parseBooleanText("maybe"));
    QCOMPARE(parseTimeSignatureText("4/4"), std::optional<double>(4.0));
    QCOMPARE(parseTimeSignatureText("3"), std::optional<double>(3.0));
    QVERIFY(!parseTimeSignatureText("4/0"));
}

void TestFieldParsers::clockDurations()
{
    QCOMPARE(parseClockSeconds("3:45"), std::optional<double>(225.0));
    QCOMPARE(parseClockSeconds("1:02:03"), std::optional<double>(3723.0));
    QCOMPARE(parseClockSeconds("0:59.5"), std::optional<double>(59.5));
    QVERIFY(!parseClockSeconds("3:75"));
    QVERIFY(!parseClockSeconds("1:60:00"));
    QVERIFY(!parseClockSeconds("225"));
    QVERIFY(!parseClockSeconds("a:bc"));
    QVERIFY(!parseClockSeconds("1:2:3:4"));
}

void TestFieldParsers::dateYears()
{
    QCOMPARE(parseDateYear("2009"), std::optional<int>(2009));
    QCOMPARE(parseDateYear("2009-10"), std::optional<int>(2009));
    QCOMPARE(parseDateYear("2009-10-28"), std::optional<int>(2009));
    QCOMPARE(parseDateYear("2009-10-28T00:00:00Z"), std::optional<int>(2009));
    QCOMPARE(parseDateYear("10/28/2009"), std::optional<int>(2009));
    QCOMPARE(parseDateYear("28.10.2009"), std::optional<int>(2009));
    QVERIFY(!parseDateYear("last year"));
    QVERIFY(!parseDateYear("2009-1"));
    QVERIFY(!parseDateYear("20091028"));
}

void TestFieldParsers::pythonLists()
{
    using List = std::vector<std::string>;
    QCOMPARE(parsePythonList("['Mamie Smith']"), std::optional<List>(List{"Mamie Smith"}));
    QCOMPARE(parsePythonList("['A', \"B's\"]"), std::optional<List>(List{"A", "B's"}));
    QCOMPARE(parsePythonList("['It\\'s']"), std::optional<List>(List{"It's"}));
    QCOMPARE(parsePythonList("[]"), std::optional<List>(List{}));
    QVERIFY(!parsePythonList("Mamie Smith"));
    QVERIFY(!parsePythonList("['unterminated]"));
    QVERIFY(!parsePythonList("[1, 2]"));
}

void TestFieldParsers::delimiters()
{
    QCOMPARE(sniffDelimiter("a,b,c\n1,2,3\n"), ',');
    QCOMPARE(sniffDelimiter("a;b;c\r\n1;2;3\r\n"), ';');
    QCOMPARE(sniffDelimiter("a\tb\tc\n"), '\t');
    QCOMPARE(sniffDelimiter("\"x;y\",b\n"), ','); // quoted semicolons do not count
    QCOMPARE(sniffDelimiter("name\n"), ',');
    const CsvDocument doc = parseCsv("name;artist\r\n\"A;B\";X\r\n", "semi.csv");
    QCOMPARE(doc.delimiter, ';');
    QCOMPARE(doc.rows[0].fields, (std::vector<std::string_view>{"A;B", "X"}));
}

QTEST_APPLESS_MAIN(TestFieldParsers)
#include "TestFieldParsers.moc"
