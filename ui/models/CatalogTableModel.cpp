#include "models/CatalogTableModel.h"

#include "models/ColumnAlignment.h"
#include "util/Format.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gdbm::ui {
namespace {

bool isNumericColumn(const CatalogTableModel::Column& column)
{
    return column.kind == CatalogTableModel::ColumnKind::Year ||
           column.kind == CatalogTableModel::ColumnKind::Feature;
}

using data::Feature;

} // namespace

CatalogTableModel::CatalogTableModel(QObject* parent) : QAbstractTableModel(parent)
{
    setCatalog(nullptr);
}

CatalogTableModel::~CatalogTableModel() = default;

void CatalogTableModel::setCatalog(std::shared_ptr<const data::Catalog> catalog)
{
    beginResetModel();
    m_catalog = std::move(catalog);
    ++m_generation;
    m_columns = {{ColumnKind::Track}, {ColumnKind::Artist}};
    m_genreNames.clear();
    m_genreText.clear();
    if (m_catalog) {
        // A column the file did not have would be blank on every row (songs_normalize.csv has no
        // album, nor does top10s.csv; a file may lack popularity): it is left out.
        const auto& tracks = m_catalog->tracks();
        if (std::any_of(tracks.begin(), tracks.end(), [](const data::Track& t) { return !t.album.empty(); }))
            m_columns.push_back({ColumnKind::Album});
        m_columns.push_back({ColumnKind::Year});
        m_columns.push_back({ColumnKind::Genres});
        if (m_catalog->availableFeatures().contains(Feature::Popularity))
            m_columns.push_back({ColumnKind::Feature, Feature::Popularity});
        for (Feature f : m_catalog->featureList()) {
            if (f != Feature::Popularity && f != Feature::DurationMs)
                m_columns.push_back({ColumnKind::Feature, f});
        }
        if (m_catalog->availableFeatures().contains(Feature::DurationMs))
            m_columns.push_back({ColumnKind::Feature, Feature::DurationMs});
        m_genreNames.reserve(qsizetype(m_catalog->genreNames().size()));
        for (const std::string& name : m_catalog->genreNames())
            m_genreNames << fromStd(name);
        m_genreText.resize(m_catalog->size());
    }
    m_sortKeys.assign(m_columns.size(), {});
    endResetModel();
}

int CatalogTableModel::columnOf(ColumnKind kind) const
{
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        if (m_columns[c].kind == kind)
            return int(c);
    }
    return -1;
}

int CatalogTableModel::columnOf(data::Feature feature) const
{
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        if (m_columns[c].kind == ColumnKind::Feature && m_columns[c].feature == feature)
            return int(c);
    }
    return -1;
}

bool CatalogTableModel::isNumeric(int section) const
{
    return isNumericColumn(column(section));
}

QString CatalogTableModel::genreText(int row) const
{
    QString& cached = m_genreText[std::size_t(row)];
    if (cached.isEmpty()) {
        const auto& genres = m_catalog->track(std::size_t(row)).genres;
        for (std::size_t i = 0; i < genres.size(); ++i) {
            if (i > 0)
                cached += QLatin1String(", ");
            cached += m_genreNames[qsizetype(genres[i])];
        }
    }
    return cached;
}

int CatalogTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_catalog ? 0 : int(m_catalog->size());
}

int CatalogTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString CatalogTableModel::text(int row, ColumnKind kind) const
{
    const data::Track& track = m_catalog->track(std::size_t(row));
    switch (kind) {
    case ColumnKind::Track:
        return fromStd(track.name);
    case ColumnKind::Artist:
        return fromStd(track.artistsText);
    case ColumnKind::Album:
        return fromStd(track.album);
    case ColumnKind::Year:
        return track.year > 0 ? QString::number(track.year) : QString();
    case ColumnKind::Genres:
        return genreText(row);
    case ColumnKind::Feature:
        break;
    }
    return {};
}

double CatalogTableModel::numericValue(int row, const Column& column) const
{
    if (column.kind == ColumnKind::Year) {
        const int year = m_catalog->track(std::size_t(row)).year;
        return year > 0 ? double(year) : std::nan("");
    }
    return m_catalog->feature(std::size_t(row), column.feature);
}

QVariant CatalogTableModel::sortValue(int row, const Column& column) const
{
    if (isNumericColumn(column)) {
        const double v = numericValue(row, column);
        return std::isnan(v) ? QVariant() : QVariant(v);
    }
    return text(row, column.kind).toCaseFolded();
}

const std::vector<double>& CatalogTableModel::sortKeys(int section) const
{
    std::vector<double>& keys = m_sortKeys[std::size_t(section)];
    if (!keys.empty() || !m_catalog)
        return keys;
    const Column& col = column(section);
    const std::size_t n = m_catalog->size();
    keys.resize(n);
    if (isNumericColumn(col)) {
        for (std::size_t r = 0; r < n; ++r)
            keys[r] = numericValue(int(r), col);
        return keys;
    }
    // Text: the rank of the folded text (QString's order, as kSortRole values compare).
    std::vector<QString> folded(n);
    for (std::size_t r = 0; r < n; ++r)
        folded[r] = text(int(r), col.kind).toCaseFolded();
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return folded[std::size_t(a)] < folded[std::size_t(b)]; });
    double rank = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && folded[std::size_t(order[i - 1])] != folded[std::size_t(order[i])])
            ++rank;
        keys[std::size_t(order[i])] = rank;
    }
    return keys;
}

bool CatalogTableModel::lessThan(int a, int b, int section) const
{
    const std::vector<double>& keys = sortKeys(section);
    const double x = keys[std::size_t(a)];
    const double y = keys[std::size_t(b)];
    if (std::isnan(x))
        return false;
    return std::isnan(y) || x < y;
}

QVariant CatalogTableModel::data(const QModelIndex& index, int role) const
{
    if (!m_catalog || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const Column& col = column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (col.kind == ColumnKind::Feature)
            return formatFeature(col.feature, m_catalog->feature(std::size_t(row), col.feature));
        return text(row, col.kind);
    case kSortRole:
        return sortValue(row, col);
    case Qt::TextAlignmentRole:
        return columnAlignment(isNumeric(index.column()));
    case Qt::ToolTipRole:
        // Text columns are often cut off at their fixed widths: the tooltip shows all of it.
        return isNumeric(index.column()) ? QVariant() : QVariant(text(row, col.kind));
    default:
        return {};
    }
}

QVariant CatalogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const Column& col = column(section);
    if (role == Qt::TextAlignmentRole)
        return columnAlignment(isNumeric(section));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (col.kind) {
    case ColumnKind::Track:
        return tr("Track");
    case ColumnKind::Artist:
        return tr("Artist");
    case ColumnKind::Album:
        return tr("Album");
    case ColumnKind::Year:
        return tr("Year");
    case ColumnKind::Genres:
        return tr("Genres");
    case ColumnKind::Feature:
        if (col.feature == Feature::DurationMs)
            return role == Qt::DisplayRole ? tr("Duration") : tr("Track duration (minutes:seconds)");
        return fromStd(std::string(data::featureName(col.feature)));
    }
    return {};
}

QString CatalogTableModel::formatFeature(data::Feature feature, double value)
{
    if (std::isnan(value))
        return {};
    switch (feature) {
    case Feature::DurationMs: {
        const long long seconds = std::llround(value / 1000.0);
        return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    }
    case Feature::Key:
    case Feature::Mode:
    case Feature::TimeSignature:
    case Feature::Popularity:
        return QString::number(value, 'f', 0);
    case Feature::Loudness:
    case Feature::Tempo:
        return QString::number(value, 'f', 1);
    default:
        return QString::number(value, 'f', 3);
    }
}

} // namespace gdbm::ui
