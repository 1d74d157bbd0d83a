// The Archetypes page driven as a user would: select, edit through the real editors, undo,
// add/duplicate/delete/reorder, import/export through the dialog seams, normalise shares.
#include "AppState.h"
#include "core/Text.h"
#include "data/DemoCatalog.h"
#include "models/ArchetypeListModel.h"
#include "pages/ArchetypeEditor.h"
#include "pages/ArchetypesPage.h"
#include "pages/PreferenceRow.h"
#include "sim/ArchetypeJson.h"
#include "sim/ArchetypeMatch.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>
#include <memory>

using namespace gdbm;
using gdbm::ui::AppState;
using gdbm::ui::ArchetypesPage;
using gdbm::ui::PreferenceRow;

class TestArchetypesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void modelShowsTheSet();
    void editingMinUpdatesCountAndUndoes();
    void sliderDragIsOneUndoStep();
    void spinStepsMergeUntilEditingEnds();
    void openBoundAndAttribute();
    void addDuplicateDeleteReorder();
    void undoKeepsSelection();
    void editorFieldsAreUndoable();
    void addEveryKindOfPreference();
    void drawnPreferencesShowRange();
    void exportThenImport();
    void brokenImportKeepsTheSet();
    void normaliseMakesHundredPercent();
    void resetToDefaultsAsks();
    void followsCatalogAndThresholds();
    void renderPage();

private:
    int rowOf(const std::string& name) const;
    const sim::Archetype& archetype(const std::string& name) const;
    std::vector<PreferenceRow*> rows() const;
    QString expectedCount(const sim::Archetype& a) const;
    QString matchText() const;
    QPushButton* button(const char* name) const;

    ui::LoadedCatalog m_loaded;
    QTemporaryDir m_dir;
    std::unique_ptr<AppState> m_state;
    std::unique_ptr<ArchetypesPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestArchetypesPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("gdbm-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("TestArchetypesPage"));
    ui::MessageBox::setTestMode(true);
    ui::FileDialog::setTestMode(true);
    QVERIFY(m_dir.isValid());
    m_loaded =
        ui::prepareCatalog(data::generateDemoCatalog({3000, 1}), data::GenreThresholds::scaledFor(3000));
    QCOMPARE(m_loaded.catalog->size(), std::size_t(3000));
}

void TestArchetypesPage::init()
{
    m_state = std::make_unique<AppState>();
    m_state->setCatalog(m_loaded);
    m_page = std::make_unique<ArchetypesPage>(*m_state);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(m_page->objectName(), QStringLiteral("archetypesPage"));
}

void TestArchetypesPage::cleanup()
{
    m_tester.reset();
    m_page.reset();
    m_state.reset();
}

int TestArchetypesPage::rowOf(const std::string& name) const
{
    const auto& list = m_state->archetypes().archetypes;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (list[i].name == name)
            return int(i);
    }
    return -1;
}

const sim::Archetype& TestArchetypesPage::archetype(const std::string& name) const
{
    const int row = rowOf(name);
    Q_ASSERT(row >= 0);
    return m_state->archetypes().archetypes[std::size_t(row)];
}

// The editor's rows, in order (rows being replaced are hidden until they are deleted).
std::vector<PreferenceRow*> TestArchetypesPage::rows() const
{
    std::vector<PreferenceRow*> visible;
    for (PreferenceRow* row : m_page->editor()->findChildren<PreferenceRow*>()) {
        if (!row->isHidden())
            visible.push_back(row);
    }
    return visible;
}

QString TestArchetypesPage::expectedCount(const sim::Archetype& a) const
{
    const sim::MatchRange r = sim::countMatches(a, *m_state->catalog(), m_state->facts());
    Q_ASSERT(!r.drawn && r.max > 1);
    return QString::fromStdString(text::withThousands(static_cast<long long>(r.max))) +
           QStringLiteral(" catalog tracks match");
}

QString TestArchetypesPage::matchText() const
{
    return m_page->findChild<QLabel*>(QStringLiteral("matchCount"))->text();
}

QPushButton* TestArchetypesPage::button(const char* name) const
{
    auto* b = m_page->findChild<QPushButton*>(QString::fromLatin1(name));
    Q_ASSERT(b);
    return b;
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

void TestArchetypesPage::editingMinUpdatesCountAndUndoes()
{
    const int row = rowOf("Casual Listener");
    m_page->selectRow(row);
    const sim::Archetype original = archetype("Casual Listener");
    QTRY_COMPARE(matchText(), expectedCount(original));

    QCOMPARE(rows().size(), std::size_t(1));
    auto* min = rows()[0]->findChild<QDoubleSpinBox*>(QStringLiteral("preferenceMin"));
    QVERIFY(min);
    QCOMPARE(min->value(), 30.0);
    QUndoStack* undo = m_state->undoStack();
    const int before = undo->count();

    min->setValue(45.0);
    sim::Archetype changed = original;
    changed.preferences[0].min = 45.0;
    QVERIFY(archetype("Casual Listener") == changed);
    QCOMPARE(undo->count(), before + 1);
    QVERIFY(expectedCount(changed) != expectedCount(original));
    QTRY_COMPARE(matchText(), expectedCount(changed));
    QCOMPARE(m_page->model()->index(row, 3).data().toString(), QStringLiteral("popularity 45..70"));
    // The slider followed the spin box.
    auto* slider = rows()[0]->findChild<QSlider*>(QStringLiteral("preferenceMinSlider"));
    const ui::AttributeScale scale = ui::attributeScale(changed.preferences[0].attribute, *m_state);
    QCOMPARE(slider->value(),
             int(std::lround((45.0 - scale.lo) / (scale.hi - scale.lo) * slider->maximum())));

    undo->undo();
    QVERIFY(archetype("Casual Listener") == original);
    QCOMPARE(m_page->selectedRow(), row);
    QCOMPARE(rows()[0]->findChild<QDoubleSpinBox*>(QStringLiteral("preferenceMin"))->value(), 30.0);
    QTRY_COMPARE(matchText(), expectedCount(original));
}

void TestArchetypesPage::sliderDragIsOneUndoStep()
{
    m_page->selectRow(rowOf("Casual Listener"));
    const sim::Archetype original = archetype("Casual Listener");
    auto* slider = rows()[0]->findChild<QSlider*>(QStringLiteral("preferenceMinSlider"));
    auto* spin = rows()[0]->findChild<QDoubleSpinBox*>(QStringLiteral("preferenceMin"));
    QUndoStack* undo = m_state->undoStack();
    const int before = undo->count();

    const int start = slider->value();
    slider->setSliderDown(true);
    for (int step = 1; step <= 8; ++step)
        slider->setSliderPosition(start + 2 * step);
    slider->setSliderDown(false);
    QCOMPARE(undo->count(), before + 1);
    QCOMPARE(slider->value(), start + 16);
    const double dragged = archetype("Casual Listener").preferences[0].min;
    QVERIFY(dragged > 30.0);
    QCOMPARE(spin->value(), dragged);
    sim::Archetype changed = original;
    changed.preferences[0].min = dragged;
    QTRY_COMPARE(matchText(), expectedCount(changed));

    // A second drag is a second step.
    slider->setSliderDown(true);
    slider->setSliderPosition(start + 20);
    slider->setSliderPosition(start + 24);
    slider->setSliderDown(false);
    QCOMPARE(undo->count(), before + 2);

    undo->undo();
    QVERIFY(archetype("Casual Listener") == changed);
    undo->undo();
    QVERIFY(archetype("Casual Listener") == original);
    QCOMPARE(slider->value(), start);
    QTRY_COMPARE(matchText(), expectedCount(original));
}

void TestArchetypesPage::spinStepsMergeUntilEditingEnds()
{
    m_page->selectRow(rowOf("Casual Listener"));
    auto* max = rows()[0]->findChild<QDoubleSpinBox*>(QStringLiteral("preferenceMax"));
    QUndoStack* undo = m_state->undoStack();
    const int before = undo->count();
    max->stepBy(1);
    max->stepBy(1);
    max->stepBy(1);
    QCOMPARE(archetype("Casual Listener").preferences[0].max, 73.0);
    QCOMPARE(undo->count(), before + 1);
    Q_EMIT max->editingFinished();
    max->stepBy(-1);
    QCOMPARE(undo->count(), before + 2);
    undo->undo();
    undo->undo();
    QCOMPARE(archetype("Casual Listener").preferences[0].max, 70.0);

    // The share spin box likewise; a typed value is a step of its own.
    auto* share = m_page->findChild<QDoubleSpinBox*>(QStringLiteral("archetypeShare"));
    share->stepBy(2);
    share->stepBy(2);
    QCOMPARE(undo->count(), before + 1);
    QCOMPARE(archetype("Casual Listener").share, 0.17);
    share->setValue(20.0);
    QCOMPARE(undo->count(), before + 2);
    QCOMPARE(archetype("Casual Listener").share, 0.2);
}

void TestArchetypesPage::openBoundAndAttribute()
{
    m_page->selectRow(rowOf("Casual Listener"));
    PreferenceRow* row = rows()[0];
    auto* maxOpen = row->findChild<QCheckBox*>(QStringLiteral("preferenceMaxOpen"));
    auto* max = row->findChild<QDoubleSpinBox*>(QStringLiteral("preferenceMax"));
    QVERIFY(maxOpen && !maxOpen->isChecked());
    maxOpen->setChecked(true);
    QCOMPARE(archetype("Casual Listener").preferences[0].max, sim::kOpen);
    QVERIFY(!max->isEnabled());
    QCOMPARE(max->value(), max->maximum());
    QCOMPARE(m_page->model()->index(rowOf("Casual Listener"), 3).data().toString(),
             QStringLiteral("popularity 30..max"));
    maxOpen->setChecked(false);
    QCOMPARE(archetype("Casual Listener").preferences[0].max, max->maximum());
    QVERIFY(max->isEnabled());

    auto* attribute = row->findChild<QComboBox*>(QStringLiteral("preferenceAttribute"));
    QCOMPARE(attribute->count(), int(sim::kAttributeCount));
    QCOMPARE(attribute->itemText(attribute->count() - 1), QStringLiteral("Release year"));
    QCOMPARE(attribute->currentText(), QStringLiteral("Popularity"));
    attribute->setCurrentIndex(int(data::index(data::Feature::Energy)));
    const sim::Preference& p = archetype("Casual Listener").preferences[0];
    QVERIFY(p.attribute == sim::attributeOf(data::Feature::Energy));
    QCOMPARE(p.min, -sim::kOpen);
    QCOMPARE(p.max, sim::kOpen);
    // The editors now show energy's catalog range.
    QVERIFY(max->maximum() <= 1.0);
    QCOMPARE(max->decimals(), 2);
    m_state->undoStack()->undo();
    QCOMPARE(attribute->currentText(), QStringLiteral("Popularity"));
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

void TestArchetypesPage::editorFieldsAreUndoable()
{
    const int row = rowOf("Discoverer");
    m_page->selectRow(row);
    auto* name = m_page->findChild<QLineEdit*>(QStringLiteral("archetypeName"));
    name->setFocus();
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Explorer"));
    QCOMPARE(m_state->archetypes().archetypes[std::size_t(row)].name, std::string("Explorer"));
    QCOMPARE(m_page->model()->index(row, 0).data().toString(), QStringLiteral("Explorer"));
    QCOMPARE(m_page->selectedRow(), row);
    m_state->undoStack()->undo(); // typing a name is one step
    QCOMPARE(m_state->archetypes().archetypes[std::size_t(row)].name, std::string("Discoverer"));
    QCOMPARE(name->text(), QStringLiteral("Discoverer"));

    auto* tracks = m_page->findChild<QSpinBox*>(QStringLiteral("archetypeTracks"));
    tracks->setValue(75);
    QCOMPARE(m_state->archetypes().archetypes[std::size_t(row)].tracksPerUser, 75);
    QCOMPARE(m_state->undoStack()->text(m_state->undoStack()->count() - 1),
             QStringLiteral("Change tracks per user of Discoverer"));
    m_state->undoStack()->undo();
    QCOMPARE(tracks->value(), 50);
}

void TestArchetypesPage::addEveryKindOfPreference()
{
    const std::string name = "Casual Listener";
    m_page->selectRow(rowOf(name));
    auto* add = m_page->findChild<QToolButton*>(QStringLiteral("addPreference"));
    QVERIFY(add && add->menu());
    QCOMPARE(add->menu()->actions().size(), 8);
    std::size_t expected = 1;
    for (QAction* action : add->menu()->actions()) {
        action->trigger();
        ++expected;
        QCOMPARE(archetype(name).preferences.size(), expected);
        QCOMPARE(rows().size(), expected);
    }
    const auto kinds = archetype(name).preferences;
    QVERIFY(kinds[2].kind == sim::PreferenceKind::RangeDrawn);
    QVERIFY(kinds[3].kind == sim::PreferenceKind::Genres);
    QVERIFY(kinds[8].kind == sim::PreferenceKind::DecadeDrawn);

    // Genres: type one (completed from the catalog's genres) and press Enter.
    PreferenceRow* genres = rows()[3];
    auto* input = genres->findChild<QLineEdit*>(QStringLiteral("preferenceGenreInput"));
    QVERIFY(input && input->completer());
    const QString genre =
        QString::fromStdString(m_state->catalog()->genreName(m_state->genreStats().byCount.front().genre));
    QTest::keyClicks(input, genre.toUpper());
    QTest::keyClick(input, Qt::Key_Return);
    QCOMPARE(archetype(name).preferences[3].genres, std::vector<std::string>{genre.toStdString()});
    QCOMPARE(genres->findChild<QListWidget*>(QStringLiteral("preferenceGenres"))->count(), 1);

    // Artist and decades.
    auto* among = rows()[7]->findChild<QSpinBox*>(QStringLiteral("preferenceAmong"));
    among->setValue(20);
    QCOMPARE(archetype(name).preferences[7].among, 20);
    auto* from = rows()[8]->findChild<QSpinBox*>(QStringLiteral("preferenceFromDecade"));
    auto* to = rows()[8]->findChild<QSpinBox*>(QStringLiteral("preferenceToDecade"));
    QCOMPARE(from->singleStep(), 10);
    from->setValue(1980);
    to->stepBy(-1);
    QCOMPARE(archetype(name).preferences[8].firstDecade, 1980);
    QCOMPARE(archetype(name).preferences[8].lastDecade, 2000);

    // Remove the genre preference through its row.
    const int before = m_state->undoStack()->count();
    genres->findChild<QToolButton*>(QStringLiteral("removePreference"))->click();
    QCOMPARE(archetype(name).preferences.size(), std::size_t(8));
    QCOMPARE(rows().size(), std::size_t(8));
    QCOMPARE(m_state->undoStack()->count(), before + 1);
    m_state->undoStack()->undo();
    QCOMPARE(rows().size(), std::size_t(9));
    QCOMPARE(archetype(name).preferences[3].genres.size(), std::size_t(1));
}

void TestArchetypesPage::drawnPreferencesShowRange()
{
    for (const std::string name :
         {"Genre-Specific Fan", "Era-Specific Listener", "Loyal Fan", "Niche Genre Enthusiast"}) {
        m_page->selectRow(rowOf(name));
        const sim::MatchRange r = sim::countMatches(archetype(name), *m_state->catalog(), m_state->facts());
        QVERIFY(r.drawn);
        QString expected =
            QStringLiteral("between %1 and %2 catalog tracks match, depending on the draw")
                .arg(QString::fromStdString(text::withThousands(static_cast<long long>(r.min))),
                     QString::fromStdString(text::withThousands(static_cast<long long>(r.max))));
        if (r.drawsWithoutTracks > 0)
            expected += QStringLiteral("\n%1 of %2 draws find no track (those users get random tracks)")
                            .arg(r.drawsWithoutTracks)
                            .arg(r.discreteDraws);
        if (r.min == r.max)
            continue;
        QTRY_COMPARE(matchText(), expected);
    }
    // A drawn decade range the catalog does not reach: some draws find nothing.
    m_page->selectRow(rowOf("Era-Specific Listener"));
    auto* from = rows()[0]->findChild<QSpinBox*>(QStringLiteral("preferenceFromDecade"));
    from->setValue(from->minimum());
    auto* to = rows()[0]->findChild<QSpinBox*>(QStringLiteral("preferenceToDecade"));
    to->setValue(to->maximum());
    const sim::MatchRange r =
        sim::countMatches(archetype("Era-Specific Listener"), *m_state->catalog(), m_state->facts());
    if (r.drawsWithoutTracks > 0)
        QTRY_VERIFY(matchText().contains(QStringLiteral("draws find no track")));
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

void TestArchetypesPage::followsCatalogAndThresholds()
{
    // The page exists before any catalog is loaded (the window opens first).
    m_tester.reset();
    m_page.reset();
    m_state = std::make_unique<AppState>();
    m_page = std::make_unique<ArchetypesPage>(*m_state);
    m_page->selectRow(rowOf("Casual Listener"));
    QTRY_VERIFY(matchText().contains(QStringLiteral("No catalog")));
    QCOMPARE(rows()[0]->findChild<QDoubleSpinBox*>(QStringLiteral("preferenceMin"))->value(), 30.0);

    m_state->setCatalog(m_loaded);
    QTRY_COMPARE(matchText(), expectedCount(archetype("Casual Listener")));
    auto* max = rows()[0]->findChild<QDoubleSpinBox*>(QStringLiteral("preferenceMax"));
    QCOMPARE(max->maximum(), ui::attributeScale(sim::attributeOf(data::Feature::Popularity), *m_state).hi);

    // New genre thresholds change what a drawn common genre can match.
    m_page->selectRow(rowOf("Genre-Specific Fan"));
    QTRY_VERIFY(matchText().startsWith(QStringLiteral("between")));
    const QString before = matchText();
    data::GenreThresholds higher = m_state->thresholds();
    higher.commonAbove *= 4;
    m_state->setThresholds(higher);
    const sim::MatchRange r =
        sim::countMatches(archetype("Genre-Specific Fan"), *m_state->catalog(), m_state->facts());
    const QString expected =
        QStringLiteral("between %1 and %2 catalog tracks match")
            .arg(QString::fromStdString(text::withThousands(static_cast<long long>(r.min))),
                 QString::fromStdString(text::withThousands(static_cast<long long>(r.max))));
    QTRY_VERIFY2(matchText().startsWith(expected), qPrintable(matchText()));
    QVERIFY(matchText() != before);
}

void TestArchetypesPage::renderPage()
{
    m_page->selectRow(rowOf("Classical Music Lover"));
    m_page->resize(1280, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QCOMPARE(rows().size(), std::size_t(4));
    QTRY_VERIFY(matchText().contains(QStringLiteral("catalog track")));
    const QString out = QStringLiteral("/tmp/archetypespage.png");
    QVERIFY(m_page->grab().save(out));
}

QTEST_MAIN(TestArchetypesPage)
#include "TestArchetypesPage.moc"
