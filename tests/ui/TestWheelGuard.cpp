// The mouse wheel over a number box scrolls the page around it until the box has the focus:
// scrolling the Training page's settings changed an epoch count unnoticed.
#include "util/WheelGuard.h"

#include <QApplication>
#include <QComboBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTest>
#include <QVBoxLayout>
#include <QWheelEvent>

using namespace gdbm::ui;

class TestWheelGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theWheelScrollsPastABoxWithoutFocus();
};

namespace {

void turnTheWheel(QWidget* over)
{
    const QPointF at(over->width() / 2.0, over->height() / 2.0);
    QWheelEvent wheel(at, over->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(over, &wheel);
}

} // namespace

void TestWheelGuard::theWheelScrollsPastABoxWithoutFocus()
{
    WheelGuard guard;
    qApp->installEventFilter(&guard);
    QScrollArea area;
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    auto* other = new QPushButton("other");
    layout->addWidget(other);
    auto* spin = new QSpinBox;
    spin->setRange(0, 1000);
    spin->setValue(50);
    auto* combo = new QComboBox;
    combo->addItems({"first", "second", "third"});
    layout->addWidget(spin);
    layout->addWidget(combo);
    layout->addSpacing(2000); // taller than the area: it scrolls
    area.setWidget(page);
    area.resize(300, 200);
    area.show();
    QVERIFY(QTest::qWaitForWindowExposed(&area));
    QCOMPARE(spin->focusPolicy(), Qt::StrongFocus); // a turn of the wheel gives it no focus
    area.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&area));
    other->setFocus();
    QVERIFY(!spin->hasFocus());

    QScrollBar* bar = area.verticalScrollBar();
    QCOMPARE(bar->value(), 0);
    turnTheWheel(spin);
    QCOMPARE(spin->value(), 50);
    QVERIFY(bar->value() > 0);
    const int scrolled = bar->value();
    turnTheWheel(combo);
    QCOMPARE(combo->currentIndex(), 0);
    QVERIFY(bar->value() > scrolled);

    // Once chosen (a click, Tab), the box takes the wheel.
    spin->setFocus();
    QVERIFY(spin->hasFocus());
    turnTheWheel(spin);
    QCOMPARE(spin->value(), 49);
}

QTEST_MAIN(TestWheelGuard)
#include "TestWheelGuard.moc"
