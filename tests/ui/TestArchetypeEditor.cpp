// The editor of one archetype on the Archetypes page, driven as a user would: ranges and their
// sliders, undo merging of drags and spin steps, every kind of preference, match counts, renaming.
#include "ArchetypesFixture.h"
#include "data/DemoCatalog.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>
#include <cmath>

using namespace gdbm;
using gdbm::ui::AppState;
using gdbm::ui::ArchetypesPage;
using gdbm::ui::PreferenceRow;

class TestArchetypeEditor : public QObject, private ArchetypesFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void editingMinUpdatesCountAndUndoes();
    void sliderDragIsOneUndoStep();
    void spinStepsMergeUntilEditingEnds();
    void openBoundAndAttribute();
    void editorFieldsAreUndoable();
    void addEveryKindOfPreference();
    void drawnPreferencesShowRange();
    void followsCatalogAndThresholds();
};

void TestArchetypeEditor::initTestCase()
{
    setUpTestCase(QStringLiteral("TestArchetypeEditor"));
}

void TestArchetypeEditor::init()
{
    setUpPage();
}

void TestArchetypeEditor::cleanup()
{
    tearDownPage();
}

void TestArchetypeEditor::editingMinUpdatesCountAndUndoes()
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

void TestArchetypeEditor::sliderDragIsOneUndoStep()
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

void TestArchetypeEditor::spinStepsMergeUntilEditingEnds()
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

void TestArchetypeEditor::openBoundAndAttribute()
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

void TestArchetypeEditor::editorFieldsAreUndoable()
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

void TestArchetypeEditor::addEveryKindOfPreference()
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

void TestArchetypeEditor::drawnPreferencesShowRange()
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

void TestArchetypeEditor::followsCatalogAndThresholds()
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

QTEST_MAIN(TestArchetypeEditor)
#include "TestArchetypeEditor.moc"
