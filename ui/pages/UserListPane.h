#pragma once

#include "sim/Simulator.h"

#include <QWidget>
#include <cstdint>
#include <memory>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace gdbm::ui {

class UserFilterModel;
class UserListModel;

// The Recommendations page's list of simulated users: a search field (id or archetype), an
// archetype filter, "85 of 1,050 users", and a sortable table. It says which user the table's
// current row is; which user the page shows is the page's business. A filter changed from the
// pane that hides the current user makes the first user it shows current (one it still shows
// stays current).
class UserListPane : public QWidget
{
    Q_OBJECT

public:
    explicit UserListPane(QWidget* parent = nullptr);

    // Requires: `catalogSize` is the size of the catalog the simulation's tracks index.
    void setSimulation(std::shared_ptr<const sim::SimulationResult> simulation, std::size_t catalogSize);
    const std::shared_ptr<const sim::SimulationResult>& simulation() const;
    // Every user of the simulation, filtered or not.
    int userCount() const;
    // The list as the table shows it (filtered and sorted).
    QAbstractItemModel* model() const;
    // Makes users[user] the table's current row when the filter shows it.
    void setCurrentUser(std::uint32_t user);
    // The width that shows every column and the scroll bar.
    int preferredWidth() const { return m_preferredWidth; }
    void focusSearch();

Q_SIGNALS:
    // The table's current row moved to users[user] (a click, the keyboard, setCurrentUser()).
    void currentUserChanged(quint32 user);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateArchetypeCombo();
    void applyFilters();
    void filterAsAsked();
    void updateCount();

    UserListModel* m_users;
    UserFilterModel* m_filter;
    QTimer* m_filterTimer;
    QLineEdit* m_search;
    QComboBox* m_archetypeFilter;
    QLabel* m_count;
    QTableView* m_table;
    int m_preferredWidth = 340;
};

} // namespace gdbm::ui
