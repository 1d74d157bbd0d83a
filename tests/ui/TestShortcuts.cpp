// Every shortcut of the main window is set once, reaches its command from the keyboard, and is
// not one a text field takes for itself (a command that does nothing while a field has focus).
#include "HelpWindow.h"
#include "KeepScreenshot.h"
#include "MainWindow.h"
#include "MainWindowFixture.h"
#include "charts/LossChart.h"
#include "pages/TrainingPage.h"
#include "util/Theme.h"

#include <QAction>
#include <QChartView>
#include <QDoubleSpinBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QShortcut>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <algorithm>
#include <map>

using namespace gdbm;
using namespace gdbm::ui;

class TestShortcuts : public QObject, public testing::MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestCase(); }
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }
    void everyShortcutIsSetOnce();
    void textFieldsLeaveTheCommandsAlone();
    void redoAndSaveAsHaveTheirKeys();
    void tabLeavesEveryTable();
    void tabAndFindReachTheCatalogFilters();
    void f1OpensTheGuideAtThePage();
    void fitsA1024By640Screen();
    void trainingWithBothChartsFitsA1280By720Window();
    void followsTheChosenTheme();

private:
    // Every key sequence of the window's actions and shortcuts that reach beyond one widget, with
    // who sets it.
    std::multimap<QString, QString> windowShortcuts() const;
};

std::multimap<QString, QString> TestShortcuts::windowShortcuts() const
{
    std::multimap<QString, QString> keys;
    for (const QAction* action : m_window->findChildren<QAction*>()) {
        if (action->shortcutContext() == Qt::WidgetShortcut)
            continue;
        for (const QKeySequence& key : action->shortcuts())
            keys.emplace(key.toString(QKeySequence::PortableText),
                         action->objectName() + " " + action->text());
    }
    for (const QShortcut* shortcut : m_window->findChildren<QShortcut*>()) {
        if (shortcut->context() == Qt::WidgetShortcut)
            continue;
        for (const QKeySequence& key : shortcut->keys())
            keys.emplace(key.toString(QKeySequence::PortableText),
                         "shortcut in " + shortcut->parent()->objectName());
    }
    return keys;
}

// Two bindings of one key make Qt trigger neither ("Ambiguous shortcut overload"). A shortcut of
// a page (Find on Data and Recommendations) is counted too: pages are children of the one window.
void TestShortcuts::everyShortcutIsSetOnce()
{
    const std::multimap<QString, QString> keys = windowShortcuts();
    QVERIFY(keys.size() > 15);
    for (auto it = keys.begin(); it != keys.end(); it = keys.upper_bound(it->first)) {
        if (keys.count(it->first) == 1)
            continue;
        QStringList who;
        for (auto [first, last] = keys.equal_range(it->first); first != last; ++first)
            who << first->second;
        // The same page shortcut on two pages is fine: pages are never shown together (Ctrl+F
        // on the Data and the Recommendations pages). With a window's command it is not.
        const bool onPagesOnly = std::all_of(who.begin(), who.end(), [](const QString& w) {
            return w.startsWith("shortcut in ") && w.endsWith("Page");
        });
        if (onPagesOnly && QSet<QString>(who.begin(), who.end()).size() == who.size())
            continue;
        QFAIL(qPrintable(it->first + " is set by " + who.join(", ")));
    }
}

// A focused field that accepts the ShortcutOverride of a key keeps the key: the command never
// runs. Text editing keys (undo, copy, select all, ...) belong to the field; the app's commands
// must not be among them.
void TestShortcuts::textFieldsLeaveTheCommandsAlone()
{
    const QList<QKeySequence> editing = [] {
        QList<QKeySequence> keys;
        for (QKeySequence::StandardKey k : {QKeySequence::Undo, QKeySequence::Redo, QKeySequence::Copy,
                                            QKeySequence::Cut, QKeySequence::Paste, QKeySequence::SelectAll})
            keys += QKeySequence::keyBindings(k);
        return keys;
    }();
    // The keys X11's scheme gives text fields (end of line, delete to end of line, delete the line,
    // delete, deselect), whatever platform the test runs on.
    const QList<QKeySequence> x11Fields = {QKeySequence("Ctrl+E"), QKeySequence("Ctrl+K"),
                                           QKeySequence("Ctrl+U"), QKeySequence("Ctrl+D"),
                                           QKeySequence("Ctrl+Shift+A")};
    for (const auto& [text, who] : windowShortcuts())
        QVERIFY2(!x11Fields.contains(QKeySequence::fromString(text, QKeySequence::PortableText)),
                 qPrintable(text + " (" + who + ") is taken by a focused text field on X11"));
    QWidget* fields[] = {new QLineEdit(m_window), new QSpinBox(m_window), new QDoubleSpinBox(m_window),
                         new QPlainTextEdit(m_window)};
    for (QWidget* field : fields) {
        field->show();
        field->setFocus();
        for (const auto& [text, who] : windowShortcuts()) {
            const QKeySequence key = QKeySequence::fromString(text, QKeySequence::PortableText);
            if (editing.contains(key) || key.count() != 1)
                continue;
            const QKeyCombination combination = key[0];
            QKeyEvent override(QEvent::ShortcutOverride, combination.key(), combination.keyboardModifiers());
            override.ignore();
            QCoreApplication::sendEvent(field, &override);
            QVERIFY2(!override.isAccepted(),
                     qPrintable(QString("%1 (%2) is taken by a focused %3")
                                    .arg(text, who, field->metaObject()->className())));
        }
    }
}

void TestShortcuts::redoAndSaveAsHaveTheirKeys()
{
    // Set explicitly: the platform's Redo and Save As bindings differ (X11: Redo is Ctrl+Shift+Z
    // alone, Save As has none).
    QCOMPARE(child<QAction>("actionRedo")->shortcuts(),
             (QList<QKeySequence>{QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")}));
    QVERIFY(child<QAction>("actionSaveProjectAs")
                ->shortcuts()
                .contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)));

    // From the keyboard: an edit, undone with Ctrl+Z and redone with Ctrl+Shift+Z.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QUndoStack* stack = m_window->state().undoStack();
    const int before = stack->index();
    m_window->showPage(1);
    auto* min = m_window->findChild<QDoubleSpinBox*>("preferenceMin");
    QVERIFY(min);
    min->setValue(min->value() + 1);
    QCOMPARE(stack->index(), before + 1);
    m_window->setFocus();
    QTest::keyClick(m_window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(stack->index(), before);
    QTest::keyClick(m_window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(stack->index(), before + 1);
}

// Tab moves between a page's controls; inside a table the arrows move (Tab would be stuck in its
// cells). The sidebar takes the focus too, so Tab reaches it.
void TestShortcuts::tabLeavesEveryTable()
{
    const QList<QAbstractItemView*> views = m_window->findChildren<QAbstractItemView*>();
    QVERIFY(views.size() > 5);
    for (const QAbstractItemView* view : views) {
        if (qobject_cast<const QTableView*>(view))
            QVERIFY2(!view->tabKeyNavigation(), qPrintable(view->objectName()));
    }
    QVERIFY(child<QWidget>("pageList")->focusPolicy() & Qt::TabFocus);
}

// The Data page by keyboard: Tab from the sidebar reaches the search, the genre and the years
// before the table, and Ctrl+F goes to the search (as on the Recommendations page).
void TestShortcuts::tabAndFindReachTheCatalogFilters()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    m_window->showPage(0);
    child<QWidget>("pageList")->setFocus();
    QStringList chain;
    for (int i = 0; i < 12; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QWidget* focus = QApplication::focusWidget();
        // A combo box's or spin box's focus is on it; its line edit has no name.
        while (focus && focus->objectName().isEmpty() && focus->parentWidget())
            focus = focus->parentWidget();
        chain << (focus ? focus->objectName() : QString("(none)"));
    }
    const auto at = [&](const char* name) { return chain.indexOf(name); };
    QVERIFY2(at("catalogSearch") >= 0 && at("genreFilter") > at("catalogSearch") &&
                 at("yearFrom") > at("genreFilter") && at("yearTo") > at("yearFrom") &&
                 at("catalogTable") > at("yearTo"),
             qPrintable(chain.join(", ")));

    // Nor are the charts Tab stops: they take no keys and would show no focus.
    QVERIFY2(!chain.contains("featureHistogram") && !chain.contains("topGenresChart"),
             qPrintable(chain.join(", ")));

    child<QWidget>("catalogTable")->setFocus();
    QTest::keySequence(m_window, QKeySequence::Find);
    QVERIFY(child<QWidget>("catalogSearch")->hasFocus());
}

// F1 opens the user guide at the section of the page in front, and the guide has a section for
// every page.
void TestShortcuts::f1OpensTheGuideAtThePage()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    m_window->showPage(3);
    QTest::keyClick(m_window, Qt::Key_F1);
    HelpWindow* help = m_window->helpWindow();
    QVERIFY(help && help->isVisible());
    QCOMPARE(help->currentSection(), QString("training"));
    const QString html = help->browser()->document()->toHtml();
    QVERIFY(html.contains("user guide"));
    for (int i = 0; i < m_window->pageCount(); ++i)
        QVERIFY2(html.contains("name=\"" + m_window->pageKey(i) + "\""), qPrintable(m_window->pageKey(i)));
    for (const char* section : {"metrics", "model", "keys"})
        QVERIFY2(html.contains(QString("name=\"%1\"").arg(section)), section);
    m_window->showPage(5);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QTest::keyClick(m_window, Qt::Key_F1);
    QCOMPARE(help->currentSection(), QString("evaluation"));
    QCOMPARE(m_window->helpWindow(), help); // one window, reused
    // Esc closes it, as its own window.
    // Offscreen, activateWindow() does not make it the window shortcuts go to; this does (Qt 6.4).
    QApplication::setActiveWindow(help);
    QVERIFY(QTest::qWaitForWindowActive(help));
    QTest::keyClick(help->browser(), Qt::Key_Escape);
    QVERIFY(!help->isVisible());
}

// The window fits a 1024 x 640 screen area (the frame and the menu bar within it): pages that
// need more scroll. Each page is drawn at that size (kept with GDBM_SCREENSHOT_DIR set).
void TestShortcuts::fitsA1024By640Screen()
{
    const QSize least = m_window->minimumSizeHint().expandedTo(m_window->minimumSize());
    QVERIFY2(least.width() <= 1000 && least.height() <= 600,
             qPrintable(QString("%1 x %2").arg(least.width()).arg(least.height())));
    // F9: page numbers only in the sidebar, names in the tooltips; F9 again: the names back.
    auto* sidebar = child<QListWidget>("pageList");
    const int wide = sidebar->width();
    QTest::keyClick(m_window, Qt::Key_F9);
    QVERIFY(m_window->compactSidebar());
    QVERIFY(sidebar->width() < wide / 2);
    QVERIFY(sidebar->item(3)->text().startsWith("4") && !sidebar->item(3)->text().contains("Training"));
    QVERIFY(sidebar->item(3)->toolTip().contains("Train"));
    m_window->resize(1000, 600);
    for (int i = 0; i < m_window->pageCount(); ++i) {
        m_window->showPage(i);
        QTest::qWait(20);
        QCOMPARE(m_window->size(), QSize(1000, 600));
        // Nothing needs scrolling sideways: what does not fit stacks or wraps.
        QScrollArea* area = nullptr;
        for (QWidget* w = m_window->page(i); w && !area; w = w->parentWidget())
            area = qobject_cast<QScrollArea*>(w);
        QVERIFY(area);
        QVERIFY2(!area->horizontalScrollBar()->isVisible(),
                 qPrintable(m_window->pageKey(i) + QString(" is %1 px wide in a %2 px viewport")
                                                       .arg(area->widget()->minimumSizeHint().width())
                                                       .arg(area->viewport()->width())));
        const QImage image = m_window->grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY(keepScreenshot(image, "small-" + m_window->pageKey(i)));
    }
    QTest::keyClick(m_window, Qt::Key_F9);
    QVERIFY(!m_window->compactSidebar());
    QCOMPARE(sidebar->width(), wide);
    // And on a large screen.
    m_window->resize(1920, 1080);
    for (int i = 0; i < m_window->pageCount(); ++i) {
        m_window->showPage(i);
        QTest::qWait(20);
        QVERIFY(keepScreenshot(m_window->grab().toImage(), "large-" + m_window->pageKey(i)));
    }
}

// An audio-only model's two charts, its verdict and its summary fit the window a 1,366 x 768
// laptop gives (README): the page scrolled by a few lines, and the error axis's title was cut.
void TestShortcuts::trainingWithBothChartsFitsA1280By720Window()
{
    model::TrainingParams quick;
    quick.layers = {4, 2};
    quick.pretrainEpochs = 3;
    quick.finetuneEpochs = 3;
    QVERIFY(startAudioOnlyTraining(quick)->waitForFinished(60000));
    auto* page = m_window->findChild<TrainingPage*>();
    QVERIFY(m_window->state().model());
    m_window->resize(1280, 720);
    m_window->showPage(MainWindow::TrainingIndex);
    auto* finetuning = page->chart()->findChild<QChartView*>("lossChartFinetuning");
    QVERIFY(finetuning->isVisible());
    auto* area = child<QScrollArea>("trainingPageScroll");
    QVERIFY(area);
    QTRY_VERIFY2(!area->verticalScrollBar()->isVisible(),
                 qPrintable(QString("%1 px tall in a %2 px viewport")
                                .arg(area->widget()->minimumSizeHint().height())
                                .arg(area->viewport()->height())));
    for (const char* name : {"lossChartPretraining", "lossChartFinetuning"}) {
        QChart* chart = page->chart()->findChild<QChartView*>(name)->chart();
        QAbstractAxis* errorAxis = chart->axes(Qt::Vertical).value(0);
        QVERIFY(errorAxis);
        // Whole, or the short title when the plot is too short for it.
        const QFontMetrics metrics(errorAxis->titleFont());
        QVERIFY2(
            metrics.horizontalAdvance(errorAxis->titleText()) <= chart->plotArea().height(),
            qPrintable(QString("%1 in %2 px").arg(errorAxis->titleText()).arg(chart->plotArea().height())));
    }
    QVERIFY(keepScreenshot(m_window->grab().toImage(), "training-audio-only-1280x720"));
}

// View > Theme: dark turns the palette, the charts and the app's own colours dark at once, and
// is remembered; System goes back to the platform's (light, offscreen).
void TestShortcuts::followsTheChosenTheme()
{
    auto* dark = m_window->findChild<QAction*>("actionThemedark");
    auto* system = m_window->findChild<QAction*>("actionThemesystem");
    QVERIFY(dark && system);
    QVERIFY(system->isChecked());
    QVERIFY(!darkPalette());
    auto* chart = m_window->findChild<TrainingPage*>()->chart();
    const auto chartBackground = [chart] {
        return chart->findChild<QChartView*>("lossChartPretraining")->chart()->backgroundBrush().color();
    };
    QVERIFY(chartBackground().lightness() > 200);
    const QColor lightProblem = themeColor(ThemeColor::Problem);

    dark->trigger();
    QTest::qWait(20); // the palette change reaches the widgets through the event loop
    QVERIFY(dark->isChecked());
    QVERIFY(darkPalette());
    QCOMPARE(QSettings().value("view/theme").toString(), QString("dark"));
    QVERIFY2(chartBackground().lightness() < 60, qPrintable(chartBackground().name()));
    QVERIFY(themeColor(ThemeColor::Problem) != lightProblem);
    QVERIFY(themeColor(ThemeColor::Problem).lightness() > lightProblem.lightness());
    m_window->resize(1280, 800);
    for (int i = 0; i < m_window->pageCount(); ++i) {
        m_window->showPage(i);
        QTest::qWait(20);
        const QImage image = m_window->grab().toImage();
        // The page itself is dark: a pixel of the window's background, below the menu bar.
        QVERIFY(image.pixelColor(image.width() - 3, image.height() - 3).lightness() < 100);
        QVERIFY(keepScreenshot(image, "dark-" + m_window->pageKey(i)));
    }

    system->trigger();
    QTest::qWait(20);
    QVERIFY(!darkPalette());
    QVERIFY(chartBackground().lightness() > 200);
    QCOMPARE(QSettings().value("view/theme").toString(), QString("system"));
}

QTEST_MAIN(TestShortcuts)
#include "TestShortcuts.moc"
