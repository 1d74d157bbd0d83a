// The Archetypes page's list driven as a user would: the model, add/duplicate/delete/reorder,
// the selection across undo, import/export through the dialog seams, normalise shares, reset.
#include "ArchetypesFixture.h"
#include "KeepScreenshot.h"
#include "data/DemoCatalog.h"
#include "sim/ArchetypeJson.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"

#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <cmath>

using namespace gdbm;
using gdbm::ui::AppState;
using gdbm::ui::ArchetypesPage;

class TestArchetypesPage : public QObject, private ArchetypesFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void modelShowsTheSet();
    void addDuplicateDeleteReorder();
    void undoKeepsSelection();
    void exportThenImport();
    void brokenImportKeepsTheSet();
    void normaliseMakesHundredPercent();
    void resetToDefaultsAsks();
    void renderPage();

private:
    QTemporaryDir m_dir;
};

void TestArchetypesPage::initTestCase()
{
    setUpTestCase(QStringLiteral("TestArchetypesPage"));
    QVERIFY(m_dir.isValid());
}

void TestArchetypesPage::init()
{
    setUpPage();
}

void TestArchetypesPage::cleanup()
{
    tearDownPage();
}

void TestArchetypesPage::modelShowsTheSet()
{
    const auto* model = m_page->model();
    QCOMPARE(model->rowCount(), 12);
    QCOMPARE(model->columnCount(), 4);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("Mainstream Listener"));
    QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("15%"));
    QCOMPARE(model->index(0, 2).data().toInt(), 80);
    QCOMPARE(model->index(0, 3).data().toString(),
             QStringLiteral("popularity 50..max, energy 0.5..1, danceability 0.5..1, any common genre"));
    const int classical = rowOf("Classical Music Lover");
    QCOMPARE(model->index(classical, 3).data().toString(),
             QStringLiteral("genres classical / opera / classical tenor, instrumentalness 0.5..1, "
                            "danceability 0..0.4, speechiness 0..0.05"));
    QCOMPARE(model->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Tracks per user"));
    // The first archetype is selected and edited from the start.
    QCOMPARE(m_page->selectedRow(), 0);
    QCOMPARE(m_page->findChild<QLineEdit*>(QStringLiteral("archetypeName"))->text(),
             QStringLiteral("Mainstream Listener"));
}

void TestArchetypesPage::addDuplicateDeleteReorder()
{
    const sim::ArchetypeSet defaults = sim::defaultArchetypes();
    QUndoStack* undo = m_state->undoStack();

    button("archetypeAdd")->click();
    QCOMPARE(m_state->archetypes().archetypes.size(), std::size_t(13));
    QCOMPARE(m_page->selectedRow(), 12);
    QCOMPARE(m_page->findChild<QLineEdit*>(QStringLiteral("archetypeName"))->text(),
             QStringLiteral("New archetype"));
    button("archetypeAdd")->click();
    QCOMPARE(m_state->archetypes().archetypes.back().name, std::string("New archetype 2"));
    undo->undo();
    undo->undo();
    QVERIFY(m_state->archetypes() == defaults);
    QCOMPARE(m_page->selectedRow(), 11);

    const int casual = rowOf("Casual Listener");
    m_page->selectRow(casual);
    button("archetypeDuplicate")->click();
    const auto& list = m_state->archetypes().archetypes;
    QCOMPARE(list.size(), std::size_t(13));
    QCOMPARE(list[std::size_t(casual) + 1].name, std::string("Casual Listener (copy)"));
    QVERIFY(list[std::size_t(casual) + 1].preferences == list[std::size_t(casual)].preferences);
    QCOMPARE(m_page->selectedRow(), casual + 1);
    QCOMPARE(m_page->model()->index(casual + 1, 0).data().toString(),
             QStringLiteral("Casual Listener (copy)"));

    button("archetypeDelete")->click();
    QVERIFY(m_state->archetypes() == defaults);
    QCOMPARE(m_page->selectedRow(), casual + 1);
    undo->undo(); // the copy is back
    QCOMPARE(rowOf("Casual Listener (copy)"), casual + 1);
    undo->undo();
    QVERIFY(m_state->archetypes() == defaults);

    m_page->selectRow(casual);
    const int steps = undo->index();
    QVERIFY(button("archetypeUp")->isEnabled());
    button("archetypeDown")->click();
    QCOMPARE(rowOf("Casual Listener"), casual + 1);
    QCOMPARE(m_page->selectedRow(), casual + 1);
    button("archetypeUp")->click();
    button("archetypeUp")->click();
    QCOMPARE(rowOf("Casual Listener"), casual - 1);
    QCOMPARE(m_page->selectedRow(), casual - 1);
    QCOMPARE(undo->count(), steps + 3);
    undo->undo();
    undo->undo();
    undo->undo();
    QVERIFY(m_state->archetypes() == defaults);

    m_page->selectRow(0);
    QVERIFY(!button("archetypeUp")->isEnabled());
    m_page->selectRow(11);
    QVERIFY(!button("archetypeDown")->isEnabled());
}

void TestArchetypesPage::undoKeepsSelection()
{
    // The selection follows the archetype through an undone move...
    m_page->selectRow(rowOf("Audiophile"));
    button("archetypeUp")->click();
    QCOMPARE(m_page->selectedRow(), rowOf("Audiophile"));
    m_state->undoStack()->undo();
    QCOMPARE(m_page->selectedRow(), rowOf("Audiophile"));
    QCOMPARE(m_page->editor()->archetypeIndex(), rowOf("Audiophile"));
    // ... and stays on its row when another archetype is added and removed.
    m_page->selectRow(rowOf("Loyal Fan"));
    m_state->undoStack()->redo();
    QCOMPARE(m_page->selectedRow(), rowOf("Loyal Fan"));
    sim::ArchetypeSet smaller = m_state->archetypes();
    smaller.archetypes.erase(smaller.archetypes.begin());
    m_state->editArchetypes(smaller, QStringLiteral("Delete from elsewhere"));
    QCOMPARE(m_page->selectedRow(), rowOf("Loyal Fan"));
    m_state->undoStack()->undo();
    QCOMPARE(m_page->selectedRow(), rowOf("Loyal Fan"));
    QCOMPARE(m_page->findChild<QLineEdit*>(QStringLiteral("archetypeName"))->text(),
             QStringLiteral("Loyal Fan"));
}

void TestArchetypesPage::exportThenImport()
{
    // Something other than the defaults: a changed share and a removed archetype.
    m_page->selectRow(rowOf("Casual Listener"));
    m_page->findChild<QDoubleSpinBox*>(QStringLiteral("archetypeShare"))->setValue(20.0);
    m_page->selectRow(rowOf("Audiophile"));
    button("archetypeDelete")->click();
    const sim::ArchetypeSet exported = m_state->archetypes();

    const QString path = m_dir.filePath(QStringLiteral("set.json"));
    ui::FileDialog::setNextFileName(path);
    button("archetypeExport")->click();
    QVERIFY(QFile::exists(path));
    QVERIFY(sim::readArchetypeFile(path.toStdString()) == exported);

    // No suffix given: .json is added.
    ui::FileDialog::setNextFileName(m_dir.filePath(QStringLiteral("plain")));
    m_page->exportSet();
    QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("plain.json"))));

    button("archetypeReset")->click(); // the test answer defaults to No
    QVERIFY(m_state->archetypes() == exported);
    ui::MessageBox::setNextAnswer(QMessageBox::Yes);
    m_page->resetToDefaults();
    QVERIFY(m_state->archetypes() == sim::defaultArchetypes());

    QUndoStack* undo = m_state->undoStack();
    const int before = undo->count();
    ui::FileDialog::setNextFileName(path);
    button("archetypeImport")->click();
    QVERIFY(m_state->archetypes() == exported);
    QCOMPARE(undo->count(), before + 1); // one step
    QCOMPARE(m_page->model()->rowCount(), int(exported.archetypes.size()));
    undo->undo();
    QVERIFY(m_state->archetypes() == sim::defaultArchetypes());

    // A cancelled dialog changes nothing.
    m_page->importSet();
    QCOMPARE(undo->index(), before);
}

void TestArchetypesPage::brokenImportKeepsTheSet()
{
    const QString path = m_dir.filePath(QStringLiteral("broken-set.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"gdbm-archetypes\", \"version\": 1, \"archetypes\": [ {\"name\": ");
    file.close();
    m_page->selectRow(rowOf("Casual Listener"));
    const sim::ArchetypeSet before = m_state->archetypes();
    const int steps = m_state->undoStack()->count();
    const int shown = ui::MessageBox::shownCount();

    ui::FileDialog::setNextFileName(path);
    button("archetypeImport")->click();
    QCOMPARE(ui::MessageBox::shownCount(), shown + 1);
    QVERIFY2(ui::MessageBox::lastText().contains(QStringLiteral("broken-set.json")),
             qPrintable(ui::MessageBox::lastText()));
    QVERIFY(m_state->archetypes() == before);
    QCOMPARE(m_state->undoStack()->count(), steps);
    QCOMPARE(m_page->selectedRow(), rowOf("Casual Listener"));

    // A file that is not there, likewise.
    ui::FileDialog::setNextFileName(m_dir.filePath(QStringLiteral("missing.json")));
    m_page->importSet();
    QVERIFY(ui::MessageBox::lastText().contains(QStringLiteral("missing.json")));
    QVERIFY(m_state->archetypes() == before);
}

void TestArchetypesPage::normaliseMakesHundredPercent()
{
    auto* total = m_page->findChild<QLabel*>(QStringLiteral("shareTotal"));
    QPushButton* normalise = button("archetypeNormalise");
    QVERIFY(total->text().startsWith(QStringLiteral("Shares total 105%")));
    QVERIFY(normalise->isVisibleTo(m_page.get()));
    QVERIFY(!total->styleSheet().isEmpty()); // the warning colour

    const int before = m_state->undoStack()->count();
    normalise->click();
    QVERIFY(std::abs(m_state->archetypes().shareTotal() - 1.0) < 1e-9);
    QCOMPARE(m_state->undoStack()->count(), before + 1);
    QCOMPARE(total->text(), QStringLiteral("Shares total 100%"));
    QVERIFY(!normalise->isVisibleTo(m_page.get()));
    QVERIFY(total->styleSheet().isEmpty());

    m_state->undoStack()->undo();
    QVERIFY(std::abs(m_state->archetypes().shareTotal() - 1.05) < 1e-9);
    QVERIFY(normalise->isVisibleTo(m_page.get()));
}

void TestArchetypesPage::resetToDefaultsAsks()
{
    m_page->selectRow(rowOf("Loyal Fan"));
    button("archetypeDelete")->click();
    const sim::ArchetypeSet changed = m_state->archetypes();
    ui::MessageBox::setNextAnswer(QMessageBox::No);
    button("archetypeReset")->click();
    QVERIFY(m_state->archetypes() == changed);
    ui::MessageBox::setNextAnswer(QMessageBox::Yes);
    const int shown = ui::MessageBox::shownCount();
    button("archetypeReset")->click();
    QCOMPARE(ui::MessageBox::shownCount(), shown + 1);
    QVERIFY(m_state->archetypes() == sim::defaultArchetypes());
    m_state->undoStack()->undo();
    QVERIFY(m_state->archetypes() == changed);
}

void TestArchetypesPage::renderPage()
{
    m_page->selectRow(rowOf("Classical Music Lover"));
    m_page->resize(1280, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QCOMPARE(rows().size(), std::size_t(4));
    QTRY_VERIFY(matchText().contains(QStringLiteral("catalog track")));
    QVERIFY(keepScreenshot(m_page->grab().toImage(), "archetypespage"));
}

QTEST_MAIN(TestArchetypesPage)
#include "TestArchetypesPage.moc"
