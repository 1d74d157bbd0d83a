#include "models/UserFilterModel.h"

#include "core/Text.h"
#include "models/CatalogTableModel.h"
#include "models/UserListModel.h"
#include "util/Format.h"

namespace gdbm::ui {

UserFilterModel::UserFilterModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(kSortRole);
    setDynamicSortFilter(true);
}

void UserFilterModel::setSourceModel(QAbstractItemModel* model)
{
    m_users = qobject_cast<UserListModel*>(model);
    Q_ASSERT(model == nullptr || m_users != nullptr);
    QSortFilterProxyModel::setSourceModel(model);
}

void UserFilterModel::setTextFilter(const QString& text)
{
    const QString folded = text.trimmed().toCaseFolded();
    if (folded == m_text)
        return;
    m_text = folded;
    // invalidate(), not invalidateFilter(): one layout change instead of a signal per
    // removed interval (see CatalogFilterModel::refilter).
    invalidate();
}

void UserFilterModel::setArchetypeFilter(std::optional<std::size_t> archetype)
{
    if (archetype == m_archetype)
        return;
    m_archetype = archetype;
    invalidate();
}

bool UserFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceParent.isValid() || m_users == nullptr)
        return false;
    if (m_archetype && m_users->archetypeOf(sourceRow) != *m_archetype)
        return false;
    return m_text.isEmpty() || m_users->searchKey(sourceRow).contains(m_text);
}

bool UserFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (m_users == nullptr || sortRole() != kSortRole || left.column() != right.column())
        return QSortFilterProxyModel::lessThan(left, right);
    return m_users->lessThan(left.row(), right.row(), left.column());
}

QString UserFilterModel::summary() const
{
    const int total = sourceModel() != nullptr ? sourceModel()->rowCount() : 0;
    return tr("%1 of %2 users").arg(thousands(std::size_t(rowCount())), thousands(total));
}

} // namespace gdbm::ui
