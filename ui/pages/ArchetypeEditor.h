#pragma once

#include "sim/Archetype.h"

#include <QString>
#include <QTimer>
#include <QWidget>
#include <vector>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QScrollArea;
class QSpinBox;
class QToolButton;
class QVBoxLayout;

namespace gdbm::ui {

class AppState;
class PreferenceRow;

// Edits one archetype of the AppState's set: name, share, tracks per user and its preferences
// (one PreferenceRow each), with live feedback on how many catalog tracks match.
// Every edit goes through AppState::editArchetypes, so it is undoable; a slider drag or a run
// of spin box steps on one field is one undo step. Follows the state: an undo, a new catalog
// or new genre thresholds show up here. The match count is computed on the GUI thread, at
// most once per event loop pass, however many edits arrive.
class ArchetypeEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ArchetypeEditor(AppState& state, QWidget* parent = nullptr);

    // The archetype at this index of the set; -1 (or out of range) shows nothing.
    void setArchetypeIndex(int index);
    int archetypeIndex() const { return m_index; }

private:
    const sim::Archetype* current() const;
    void refresh(bool rebuild);
    void rebuildRows();
    void updateCount();
    void addPreference(sim::PreferenceKind kind);
    void preferenceChanged(std::size_t row, const sim::Preference& preference, bool continuous);
    void removePreference(std::size_t row);
    // Replaces the archetype being edited. Continuous edits of one field in a row merge into one
    // undo step; a non-continuous edit (the end of a drag, a typed value) is a step of its own
    // and closes the run.
    void commit(const sim::Archetype& next, const QString& description, const QString& field,
                bool continuous);

    AppState& m_state;
    int m_index = -1;
    QString m_mergeField; // the field whose continuous edits are merging, empty when none
    int m_mergeKey = -1;
    int m_nextMergeKey = 0x41520000;
    bool m_committing = false;

    QWidget* m_content;
    QLineEdit* m_name;
    QDoubleSpinBox* m_share;
    QSpinBox* m_tracks;
    QLabel* m_problems;
    QLabel* m_matchCount;
    QLabel* m_matchNote;
    QToolButton* m_add;
    QScrollArea* m_scroll;
    QVBoxLayout* m_rowsLayout;
    QLabel* m_noPreference;
    std::vector<PreferenceRow*> m_rows;
    QTimer m_countTimer;
};

} // namespace gdbm::ui
