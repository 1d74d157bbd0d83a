#include "models/UserListModel.h"

#include "models/CatalogTableModel.h"
#include "models/ColumnAlignment.h"

#include <cmath>

namespace gdbm::ui {

UserListModel::UserListModel(QObject* parent) : QAbstractTableModel(parent) {}

void UserListModel::setSimulation(std::shared_ptr<const sim::SimulationResult> simulation,
                                  std::size_t catalogSize)
{
    beginResetModel();
    m_simulation = std::move(simulation);
    m_archetypeNames.clear();
    m_tracksHeard.clear();
    m_meanRating.clear();
    m_searchKeys.clear();
    if (m_simulation) {
        const sim::SimulationResult& s = *m_simulation;
        for (const std::string& name : s.archetypeNames)
            m_archetypeNames << QString::fromStdString(name);
        const std::size_t users = s.users.size();
        m_tracksHeard.assign(users, 0);
        std::vector<double> ratingSum(users, 0.0);
        std::vector<std::size_t> plays(users, 0);
        // Distinct tracks without sorting each history: a track counts when it was last seen
        // by another user (interactions are grouped by user).
        std::vector<std::uint32_t> lastUser(catalogSize, std::uint32_t(-1));
        for (const sim::Interaction& i : s.interactions) {
            if (i.track < catalogSize && lastUser[i.track] != i.user) {
                lastUser[i.track] = i.user;
                ++m_tracksHeard[i.user];
            }
            ratingSum[i.user] += i.rating;
            ++plays[i.user];
        }
        m_meanRating.resize(users);
        m_searchKeys.reserve(users);
        for (std::size_t u = 0; u < users; ++u) {
            m_meanRating[u] = plays[u] > 0 ? ratingSum[u] / double(plays[u]) : std::nan("");
            const sim::User& user = s.users[u];
            m_searchKeys.push_back((QString::number(user.id) + QLatin1Char('\n') +
                                    m_archetypeNames.value(qsizetype(user.archetype)))
                                       .toCaseFolded());
        }
    }
    endResetModel();
}

std::size_t UserListModel::archetypeOf(int row) const
{
    return m_simulation->users[std::size_t(row)].archetype;
}

const QString& UserListModel::searchKey(int row) const
{
    return m_searchKeys[std::size_t(row)];
}

int UserListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_simulation ? 0 : int(m_simulation->users.size());
}

int UserListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double UserListModel::sortKey(int row, int column) const
{
    const sim::User& user = m_simulation->users[std::size_t(row)];
    switch (column) {
    case IdColumn:
        return double(user.id);
    case ArchetypeColumn:
        return double(user.archetype);
    case TracksColumn:
        return double(m_tracksHeard[std::size_t(row)]);
    case RatingColumn:
        return m_meanRating[std::size_t(row)];
    default:
        return 0.0;
    }
}

bool UserListModel::lessThan(int a, int b, int column) const
{
    const double x = sortKey(a, column);
    const double y = sortKey(b, column);
    if (std::isnan(x))
        return false;
    return std::isnan(y) || x < y;
}

QVariant UserListModel::data(const QModelIndex& index, int role) const
{
    if (!m_simulation ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const sim::User& user = m_simulation->users[std::size_t(row)];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return QString::number(user.id);
        case ArchetypeColumn:
            return m_archetypeNames.value(qsizetype(user.archetype));
        case TracksColumn:
            return QString::number(m_tracksHeard[std::size_t(row)]);
        case RatingColumn: {
            const double r = m_meanRating[std::size_t(row)];
            return std::isnan(r) ? QString() : QString::number(r, 'f', 2);
        }
        default:
            return {};
        }
    case kSortRole: {
        const double key = sortKey(row, index.column());
        return std::isnan(key) ? QVariant() : QVariant(key);
    }
    case Qt::TextAlignmentRole:
        return columnAlignment(index.column() != ArchetypeColumn);
    case Qt::ToolTipRole:
        if (index.column() == ArchetypeColumn && user.fellBack)
            return tr("%1: no track matched this user's preferences, so they listened to random tracks")
                .arg(m_archetypeNames.value(qsizetype(user.archetype)));
        return {};
    default:
        return {};
    }
}

QVariant UserListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return columnAlignment(section != ArchetypeColumn);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case TracksColumn:
            return tr("Tracks heard: the distinct tracks the user listened to");
        case RatingColumn:
            return tr("Mean rating: the mean of the user's ratings (1 to 5)");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Id");
    case ArchetypeColumn:
        return tr("Archetype");
    case TracksColumn:
        return tr("Tracks");
    case RatingColumn:
        return tr("Rating");
    default:
        return {};
    }
}

} // namespace gdbm::ui
