#include "models/CatalogFilterModel.h"

#include "core/Text.h"
#include "models/CatalogTableModel.h"
#include "util/Format.h"

#include <algorithm>
#include <limits>

namespace gdbm::ui {
namespace {

constexpr int kNoYearLimitLow = std::numeric_limits<int>::min();
constexpr int kNoYearLimitHigh = std::numeric_limits<int>::max();

} // namespace

CatalogFilterModel::CatalogFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent), m_yearFrom(kNoYearLimitLow), m_yearTo(kNoYearLimitHigh)
{
    setSortRole(kSortRole);
    setDynamicSortFilter(true);
}

CatalogFilterModel::~CatalogFilterModel() = default;

void CatalogFilterModel::setSourceModel(QAbstractItemModel* model)
{
    m_catalogModel = qobject_cast<CatalogTableModel*>(model);
    Q_ASSERT(model == nullptr || m_catalogModel != nullptr);
    m_keys.clear();
    m_keysGeneration = 0;
    QSortFilterProxyModel::setSourceModel(model);
}

void CatalogFilterModel::setTextFilter(const QString& text)
{
    const QString folded = text.trimmed().toCaseFolded();
    if (folded == m_text)
        return;
    m_text = folded;
    refilter();
}

void CatalogFilterModel::setGenreFilter(std::optional<data::GenreId> genre)
{
    if (genre == m_genre)
        return;
    m_genre = genre;
    refilter();
}

void CatalogFilterModel::setYearRange(int from, int to)
{
    if (from == m_yearFrom && to == m_yearTo)
        return;
    m_yearFrom = from;
    m_yearTo = to;
    refilter();
}

void CatalogFilterModel::clearYearRange()
{
    setYearRange(kNoYearLimitLow, kNoYearLimitHigh);
}

bool CatalogFilterModel::hasYearRange() const
{
    return m_yearFrom != kNoYearLimitLow || m_yearTo != kNoYearLimitHigh;
}

void CatalogFilterModel::clearFilters()
{
    if (m_text.isEmpty() && !m_genre && !hasYearRange())
        return;
    m_text.clear();
    m_genre.reset();
    m_yearFrom = kNoYearLimitLow;
    m_yearTo = kNoYearLimitHigh;
    refilter();
}

void CatalogFilterModel::refilter()
{
    // invalidate() rather than invalidateFilter(): a filter change on a large catalog removes
    // or inserts rows in thousands of scattered intervals, and QSortFilterProxyModel rebuilds
    // its whole mapping and signals the view once per interval (quadratic: seconds at 100,000
    // rows). invalidate() filters and sorts again in one pass and signals one layout change.
    invalidate();
}

void CatalogFilterModel::ensureKeys() const
{
    const auto& catalog = m_catalogModel->catalog();
    if (m_keysGeneration == m_catalogModel->generation() && m_keys.size() == catalog->size())
        return;
    m_keys.clear();
    m_keys.reserve(catalog->size());
    for (const data::Track& track : catalog->tracks()) {
        std::string key;
        key.reserve(track.name.size() + 1 + track.artistsText.size());
        key.append(track.name).append(1, '\n').append(track.artistsText);
        m_keys.push_back(QString::fromStdString(key).toCaseFolded());
    }
    m_keysGeneration = m_catalogModel->generation();
}

bool CatalogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceParent.isValid() || m_catalogModel == nullptr || !m_catalogModel->catalog())
        return false;
    const data::Catalog& catalog = *m_catalogModel->catalog();
    const data::Track& track = catalog.track(std::size_t(sourceRow));
    if (hasYearRange() && (track.year <= 0 || track.year < m_yearFrom || track.year > m_yearTo))
        return false;
    if (m_genre && !std::binary_search(track.genres.begin(), track.genres.end(), *m_genre))
        return false;
    if (!m_text.isEmpty()) {
        ensureKeys();
        if (!m_keys[std::size_t(sourceRow)].contains(m_text))
            return false;
    }
    return true;
}

bool CatalogFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (m_catalogModel == nullptr || sortRole() != kSortRole || left.column() != right.column())
        return QSortFilterProxyModel::lessThan(left, right);
    return m_catalogModel->lessThan(left.row(), right.row(), left.column());
}

QString CatalogFilterModel::summary() const
{
    const int total = sourceModel() != nullptr ? sourceModel()->rowCount() : 0;
    return tr("%1 of %2 tracks").arg(thousands(std::size_t(rowCount())), thousands(std::size_t(total)));
}

} // namespace gdbm::ui
