// The one place the app writes counts: thousands separators, and the singular for exactly one.
#include "util/Format.h"

#include <QTest>

using namespace gdbm::ui;

class TestFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsAndPlurals()
    {
        QCOMPARE(thousands(0), QString("0"));
        QCOMPARE(thousands(1050), QString("1,050"));
        QCOMPARE(thousands(1234567), QString("1,234,567"));
        QCOMPARE(countOf(1, "track", "tracks"), QString("1 track"));
        QCOMPARE(countOf(0, "track", "tracks"), QString("0 tracks"));
        QCOMPARE(countOf(2000, "user", "users"), QString("2,000 users"));
        QCOMPARE(fromStd("Beyonc\xc3\xa9"), QString::fromUtf8("Beyonc\xc3\xa9"));
    }
};

QTEST_APPLESS_MAIN(TestFormat)
#include "TestFormat.moc"
