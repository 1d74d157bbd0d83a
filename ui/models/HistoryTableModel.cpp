#include "models/HistoryTableModel.h"

#include "models/CatalogTableModel.h"
#include "models/ColumnAlignment.h"
#include "sim/SimulationExport.h"
#include "util/Format.h"

#include <algorithm>

namespace gdbm::ui {
namespace {

bool isNumeric(int column)
{
    return column == HistoryTableModel::YearColumn || column == HistoryTableModel::RatingColumn ||
           column == HistoryTableModel::DateColumn;
}

} // namespace

QString genreText(const data::Catalog& catalog, std::size_t track)
{
    QString text;
    for (data::GenreId g : catalog.track(track).genres) {
        if (!text.isEmpty())
            text += QLatin1String(", ");
        text += fromStd(catalog.genreName(g));
    }
    return text;
}

HistoryTableModel::HistoryTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void HistoryTableModel::setUser(std::shared_ptr<const sim::SimulationResult> simulation,
                                std::shared_ptr<const data::Catalog> catalog,
                                std::optional<std::uint32_t> user)
{
    beginResetModel();
    m_simulation = std::move(simulation);
    m_catalog = std::move(catalog);
    m_user = m_simulation && m_catalog ? user : std::nullopt;
    m_first = 0;
    m_count = 0;
    if (m_user) {
        // Interactions are grouped by user: the user's run is found by binary search.
        const auto& all = m_simulation->interactions;
        const auto byUser = [](const sim::Interaction& i, std::uint32_t u) { return i.user < u; };
        const auto begin = std::lower_bound(all.begin(), all.end(), *m_user, byUser);
        auto end = begin;
        while (end != all.end() && end->user == *m_user)
            ++end;
        m_first = std::size_t(begin - all.begin());
        m_count = std::size_t(end - begin);
    }
    endResetModel();
}

const sim::Interaction& HistoryTableModel::interaction(int row) const
{
    return m_simulation->interactions[m_first + std::size_t(row)];
}

std::vector<std::uint32_t> HistoryTableModel::distinctTracks() const
{
    std::vector<std::uint32_t> tracks;
    tracks.reserve(m_count);
    for (std::size_t i = 0; i < m_count; ++i)
        tracks.push_back(m_simulation->interactions[m_first + i].track);
    std::sort(tracks.begin(), tracks.end());
    tracks.erase(std::unique(tracks.begin(), tracks.end()), tracks.end());
    return tracks;
}

int HistoryTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_count);
}

int HistoryTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HistoryTableModel::text(int row, int column) const
{
    const sim::Interaction& i = interaction(row);
    const data::Track& t = m_catalog->track(i.track);
    switch (column) {
    case TrackColumn:
        return fromStd(t.name);
    case ArtistColumn:
        return fromStd(t.artistsText);
    case GenresColumn:
        return genreText(*m_catalog, i.track);
    case YearColumn:
        return t.year > 0 ? QString::number(t.year) : QString();
    case RatingColumn:
        return QString::number(double(i.rating), 'f', 1);
    case DateColumn:
        return QString::fromStdString(sim::formatDay(i.day));
    default:
        return {};
    }
}

QVariant HistoryTableModel::data(const QModelIndex& index, int role) const
{
    if (!m_user || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return text(row, column);
    case Qt::ToolTipRole:
        if (column == TrackColumn || column == ArtistColumn || column == GenresColumn)
            return text(row, column);
        if (column == RatingColumn)
            return tr("Heard as %1").arg(QString::fromLatin1(sim::sourceKey(interaction(row).source)));
        return {};
    case kSortRole: {
        const sim::Interaction& i = interaction(row);
        switch (column) {
        case YearColumn: {
            const int year = m_catalog->track(i.track).year;
            return year > 0 ? QVariant(double(year)) : QVariant();
        }
        case RatingColumn:
            return double(i.rating);
        case DateColumn:
            return double(i.day.time_since_epoch().count());
        default:
            return text(row, column).toCaseFolded();
        }
    }
    case Qt::TextAlignmentRole:
        return columnAlignment(isNumeric(column));
    default:
        return {};
    }
}

QVariant HistoryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return columnAlignment(isNumeric(section));
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TrackColumn:
        return tr("Track");
    case ArtistColumn:
        return tr("Artist");
    case GenresColumn:
        return tr("Genres");
    case YearColumn:
        return tr("Year");
    case RatingColumn:
        return tr("Rating");
    case DateColumn:
        return tr("Date");
    default:
        return {};
    }
}

} // namespace gdbm::ui
