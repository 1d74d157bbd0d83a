#pragma once

#include "sim/Archetype.h"

#include <QAbstractTableModel>
#include <QString>

namespace gdbm::ui {

class AppState;

// Readable names for the archetype editor and the list: "Popularity", "Release year";
// "Range", "Mood range (drawn per user)"; "popularity 50..max", "any common genre".
QString attributeLabel(sim::Attribute attribute);
QString preferenceKindLabel(sim::PreferenceKind kind);
QString preferenceSummary(const sim::Preference& preference);
QString preferencesSummary(const sim::Archetype& archetype); // comma-separated; "no preference"
// A share (0.15) as a percentage: "15%", "12.5%".
QString formatShare(double share);

// The archetype set of an AppState as a table: Name, Share, Tracks per user, Preferences.
// Follows AppState::archetypesChanged: a same-sized set changes in place (dataChanged, so that
// views keep their selection), any other change resets the model. Rows keep the set's order.
class ArchetypeListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, ShareColumn, TracksColumn, PreferencesColumn, ColumnCount };

    explicit ArchetypeListModel(AppState& state, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void refresh();

    AppState& m_state;
    sim::ArchetypeSet m_set;                                    // what the views were last told about
    std::vector<std::vector<sim::ArchetypeProblem>> m_problems; // per row
};

} // namespace gdbm::ui
