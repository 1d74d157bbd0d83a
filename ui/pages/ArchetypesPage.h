#pragma once

#include "sim/Archetype.h"

#include <QString>
#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QTableView;

namespace gdbm::ui {

class AppState;
class ArchetypeEditor;
class ArchetypeListModel;

// The Archetypes page: the set of listener archetypes as a table (add, duplicate, delete,
// reorder, reset to the defaults, import and export as JSON), the total of the shares with an
// offer to normalise them, and the editor of the selected archetype.
// Every change is one undoable edit of AppState's set; on an undo the table and the editor
// follow and keep the selected archetype where it still exists.
class ArchetypesPage : public QWidget
{
    Q_OBJECT

public:
    explicit ArchetypesPage(AppState& state, QWidget* parent = nullptr);

    int selectedRow() const;
    void selectRow(int row);
    ArchetypeListModel* model() const { return m_model; }
    ArchetypeEditor* editor() const { return m_editor; }

public Q_SLOTS:
    // Asks for a JSON file; a readable set replaces the current one (one undo step), otherwise
    // the engine's message is shown and the set is kept.
    void importSet();
    void exportSet();
    // Asks first; the 12 archetypes of DATA.md section 3.
    void resetToDefaults();

private:
    // The page's parts, built once by the constructor; then every connection in one place.
    QWidget* buildSetPane(QWidget* parent);    // the list, the share total, the set's buttons
    QWidget* buildEditorPane(QWidget* parent); // the selected archetype's editor
    void connectSignals();
    void addArchetype();
    void duplicateArchetype();
    void deleteArchetype();
    void moveArchetype(int delta);
    void normaliseShares();
    // One undoable edit of the set, then `selectAfter` is the selected row.
    void edit(const sim::ArchetypeSet& set, const QString& description, int selectAfter);
    void archetypesChanged();
    void currentRowChanged(int row);
    void updateButtons();
    void updateShareTotal();

    AppState& m_state;
    ArchetypeListModel* m_model;
    QTableView* m_table;
    ArchetypeEditor* m_editor;
    QLabel* m_editorTitle;
    QLabel* m_shareTotal;
    QPushButton* m_normalise;
    QPushButton* m_add;
    QPushButton* m_import;
    QPushButton* m_export;
    QPushButton* m_reset;
    QAction* m_deleteAction; // Delete in the table
    QPushButton* m_duplicate;
    QPushButton* m_delete;
    QPushButton* m_up;
    QPushButton* m_down;
    int m_pendingRow = -1;  // the row to select after our own edit lands
    QString m_selectedName; // the selected archetype's name, to find it again after an undo
    int m_lastRow = -1;
};

} // namespace gdbm::ui
