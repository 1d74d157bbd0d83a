#pragma once

#include "pages/AttributeScale.h"
#include "sim/Archetype.h"
#include "widgets/SteppingSpinBox.h"

#include <QFrame>

class QComboBox;
class QGridLayout;
class QLabel;
class QSpinBox;
class QVBoxLayout;

namespace gdbm::ui {

class AppState;
class GenreListEditor;
class RangeEditor;

// The editors of one preference of an archetype, by its kind (ranges: the attribute, and its
// min and max in a RangeEditor; genres: a GenreListEditor; drawn kinds: what is drawn and its
// parameters), plus a remove button.
// Emits changed() with the whole edited preference after every user edit, continuous = true
// while a slider is dragged or a spin box steps (the page merges those into one undo step),
// and a final continuous = false when the drag or the editing ends. setPreference() shows a
// preference of the same kind without emitting anything.
class PreferenceRow : public QFrame
{
    Q_OBJECT

public:
    PreferenceRow(const sim::Preference& preference, const AppState& state, QWidget* parent = nullptr);

    const sim::Preference& preference() const { return m_pref; }
    void setPreference(const sim::Preference& preference);

Q_SIGNALS:
    void changed(const sim::Preference& preference, bool continuous);
    void removeRequested();

private:
    void buildRange(QVBoxLayout* layout);
    void buildGenres(QVBoxLayout* layout);
    void buildDrawnGenre(QGridLayout* grid);
    void buildArtist(QGridLayout* grid);
    void buildDecade(QGridLayout* grid);
    void load();

    void attributeChosen(int index);
    void emitChanged(bool continuous);

    const AppState& m_state;
    sim::Preference m_pref;

    QComboBox* m_attribute = nullptr;
    RangeEditor* m_range = nullptr;
    GenreListEditor* m_genreList = nullptr;
    QLabel* m_info = nullptr;
    QSpinBox* m_among = nullptr;
    QSpinBox* m_fromDecade = nullptr;
    QSpinBox* m_toDecade = nullptr;
};

} // namespace gdbm::ui
