#pragma once

#include <QSortFilterProxyModel>
#include <optional>

namespace gdbm::ui {

class UserListModel;

// Filters and sorts a UserListModel: by archetype (one index, or all), and by a text that is a
// case-insensitive substring of the user's id or of their archetype's name. Sorts on the
// table model's numeric keys (kSortRole).
// Requires: the source model is a UserListModel.
// Ensures: a setter re-filters only when its value changed.
class UserFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit UserFilterModel(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* model) override;

    void setTextFilter(const QString& text);
    QString textFilter() const { return m_text; }
    void setArchetypeFilter(std::optional<std::size_t> archetype);
    std::optional<std::size_t> archetypeFilter() const { return m_archetype; }

    // "85 of 1,050 users".
    QString summary() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    UserListModel* m_users = nullptr;
    QString m_text; // case-folded
    std::optional<std::size_t> m_archetype;
};

} // namespace gdbm::ui
