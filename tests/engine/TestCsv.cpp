#include "core/Error.h"
#include "data/Csv.h"

#include <QTest>

using gdbm::InputError;
using gdbm::data::CsvDocument;
using gdbm::data::parseCsv;

class TestCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesRfc4180_data();
    void parsesRfc4180();
    void recordsStartLines();
    void fieldsOutliveTheDocumentTheyCameFrom();
    void decodesEncodings();
    void rejectsBadInput_data();
    void rejectsBadInput();
};

using Rows = QList<QStringList>;

static Rows toRows(const gdbm::data::CsvDocument& doc)
{
    Rows rows;
    QStringList header;
    for (const auto& f : doc.header)
        header << QString::fromStdString(f);
    rows << header;
    for (const auto& r : doc.rows) {
        QStringList fields;
        for (const auto& f : r.fields)
            fields << QString::fromUtf8(f.data(), qsizetype(f.size()));
        rows << fields;
    }
    return rows;
}

void TestCsv::parsesRfc4180_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Rows>("expected");

    QTest::newRow("plain LF") << QByteArray("a,b\n1,2\n") << Rows{{"a", "b"}, {"1", "2"}};
    QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n") << Rows{{"a", "b"}, {"1", "2"}};
    QTest::newRow("no final newline") << QByteArray("a,b\n1,2") << Rows{{"a", "b"}, {"1", "2"}};
    QTest::newRow("quoted comma") << QByteArray("a,b\n\"x, y\",2\n") << Rows{{"a", "b"}, {"x, y", "2"}};
    QTest::newRow("doubled quotes") << QByteArray("a\n\"say \"\"hi\"\"\"\n") << Rows{{"a"}, {"say \"hi\""}};
    QTest::newRow("newline in quotes")
        << QByteArray("a,b\n\"line1\nline2\",2\n") << Rows{{"a", "b"}, {"line1\nline2", "2"}};
    QTest::newRow("CRLF in quotes") << QByteArray("a\r\n\"l1\r\nl2\"\r\n") << Rows{{"a"}, {"l1\r\nl2"}};
    QTest::newRow("empty fields") << QByteArray("a,b,c\n,,\n") << Rows{{"a", "b", "c"}, {"", "", ""}};
    // A quoted field's doubled quotes are folded in place: what follows must not move with them.
    QTest::newRow("fields after folded quotes")
        << QByteArray("a,b,c\n\"x\"\"y\"\"z\",w,\"q\"\"r\"\n\"\"\"\",v,u\n")
        << Rows{{"a", "b", "c"}, {"x\"y\"z", "w", "q\"r"}, {"\"", "v", "u"}};
    QTest::newRow("empty quoted") << QByteArray("a,b\n\"\",x\n") << Rows{{"a", "b"}, {"", "x"}};
    QTest::newRow("blank lines skipped") << QByteArray("a\n\n1\n\n") << Rows{{"a"}, {"1"}};
    QTest::newRow("trailing comma") << QByteArray("a,b\n1,\n") << Rows{{"a", "b"}, {"1", ""}};
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF"
                                       "a,b\n1,2\n")
                         << Rows{{"a", "b"}, {"1", "2"}};
    QTest::newRow("UTF-8 kept") << QByteArray("a\n\xC2\xA9 \xE2\x84\x97\n") << Rows{{"a"}, {"© ℗"}};
    QTest::newRow("Windows-1252") << QByteArray("a\nBeyonc\xE9 \x93hi\x94\n")
                                  << Rows{{"a"}, {"Beyoncé “hi”"}};
}

void TestCsv::parsesRfc4180()
{
    QFETCH(QByteArray, input);
    QFETCH(Rows, expected);
    QCOMPARE(toRows(parseCsv(input.toStdString(), "test.csv")), expected);
}

void TestCsv::recordsStartLines()
{
    const auto doc = parseCsv("h\n\"a\nb\"\nc\n", "t.csv");
    QCOMPARE(doc.rows.size(), 2u);
    QCOMPARE(doc.rows[0].line, 2u);
    QCOMPARE(doc.rows[1].line, 4u);
    // A quoted field with folded quotes across lines: its lines still count, its text is whole.
    const auto folded = parseCsv("h,i\n\"a\"\"\nb\"\"\n\",x\nc,y\n", "t.csv");
    QCOMPARE(folded.rows.size(), 2u);
    QCOMPARE(std::string(folded.rows[0].fields[0]), std::string("a\"\nb\"\n"));
    QCOMPARE(std::string(folded.rows[0].fields[1]), std::string("x"));
    QCOMPARE(folded.rows[1].line, 5u);
}

void TestCsv::fieldsOutliveTheDocumentTheyCameFrom()
{
    // The fields view the document's text: a copy or a moved-to document keeps them valid after
    // the original is gone, for a text held inline in its string (short) as for a long one (the
    // sanitizer build catches a view of freed text).
    for (const std::string& value : {std::string("x"), std::string(200, 'y')}) {
        CsvDocument copy;
        CsvDocument moved;
        {
            CsvDocument original = parseCsv("h\n" + value + "\n", "t.csv");
            copy = original;
            moved = std::move(original);
        }
        QCOMPARE(std::string(copy.rows.at(0).fields.at(0)), value);
        QCOMPARE(std::string(moved.rows.at(0).fields.at(0)), value);
    }
}

void TestCsv::decodesEncodings()
{
    QCOMPARE(parseCsv("a\n1\n", "t").encoding, std::string("UTF-8"));
    QCOMPARE(parseCsv("\xEF\xBB\xBF"
                      "a\n1\n",
                      "t")
                 .encoding,
             std::string("UTF-8 with BOM"));
    QCOMPARE(parseCsv("a\n\xE9\n", "t").encoding, std::string("Windows-1252"));
    QVERIFY(gdbm::data::isValidUtf8("\xE2\x82\xAC"));
    QVERIFY(!gdbm::data::isValidUtf8("\xC0\xAF"));     // overlong
    QVERIFY(!gdbm::data::isValidUtf8("\xED\xA0\x80")); // surrogate
    QVERIFY(!gdbm::data::isValidUtf8("\xE2\x82"));     // truncated
    // Within long ASCII runs, read eight bytes at a time: a bad byte at any offset, and a
    // character across the boundary of two runs.
    for (std::size_t at = 0; at < 24; ++at) {
        std::string text(32, 'a');
        text[at] = '\xE9';
        QVERIFY2(!gdbm::data::isValidUtf8(text), qPrintable(QString("bad byte at %1").arg(at)));
        text.replace(at, 1, "\xE2\x82\xAC");
        QVERIFY2(gdbm::data::isValidUtf8(text), qPrintable(QString("euro sign at %1").arg(at)));
    }
}

void TestCsv::rejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty") << QByteArray() << 0 << 0 << "empty";
    QTest::newRow("only blank lines") << QByteArray("\n\n") << 0 << 0 << "no header";
    QTest::newRow("unterminated quote") << QByteArray("a,b\n1,\"open\n2,3\n") << 2 << 2 << "unterminated";
    QTest::newRow("text after quote") << QByteArray("a,b\n\"x\"y,2\n") << 2 << 1 << "after the closing quote";
    // A stray quote opens a field that runs on to the next quoted field: located where it opened.
    QTest::newRow("stray quote") << QByteArray("a,b,c\n1,2,3\n4,\"oops,6\n7,8,9\n10,\"x, y\",12\n") << 3 << 2
                                 << "runs on to line 5";
    QTest::newRow("binary") << QByteArray("a,b\n1,2\n\x00\x01\x02", 11) << 3 << 0 << "binary";
}

void TestCsv::rejectsBadInput()
{
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, reason);
    try {
        parseCsv(input.toStdString(), "bad.csv");
        QFAIL("no error");
    } catch (const InputError& e) {
        QCOMPARE(e.location().file, std::string("bad.csv"));
        QCOMPARE(int(e.location().line), line);
        QCOMPARE(int(e.location().column), column);
        QVERIFY2(QString::fromStdString(e.reason()).contains(reason), e.what());
    }
}

QTEST_APPLESS_MAIN(TestCsv)
#include "TestCsv.moc"
