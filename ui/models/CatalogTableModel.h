#pragma once

#include "data/Catalog.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <memory>
#include <vector>

namespace gdbm::ui {

// The role views sort on: a double for numeric columns, the case-folded text for text columns,
// and an invalid QVariant for unknown values (a missing year or feature), which sort last.
inline constexpr int kSortRole = Qt::UserRole + 1;

// One row per track of a catalog, read-only. Columns: Track, Artist, Album (when a track has
// one), Year, Genres, Popularity (when the catalog has it), then the catalog's other available
// features in canonical order, then Duration (m:ss) when the catalog has it.
// Ensures: data() is O(1) per cell (the joined genre text is computed once per row, on first
// use); setCatalog() resets the model.
class CatalogTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class ColumnKind { Track, Artist, Album, Year, Genres, Feature };
    struct Column
    {
        ColumnKind kind = ColumnKind::Track;
        data::Feature feature = data::Feature::Popularity; // for ColumnKind::Feature
    };

    explicit CatalogTableModel(QObject* parent = nullptr);
    ~CatalogTableModel() override;

    void setCatalog(std::shared_ptr<const data::Catalog> catalog);
    const std::shared_ptr<const data::Catalog>& catalog() const { return m_catalog; }
    // Changes with every setCatalog(): lets proxies know when their per-row caches are stale.
    quint64 generation() const { return m_generation; }

    const Column& column(int section) const { return m_columns[std::size_t(section)]; }
    // The column of a kind (the first one for Feature), or -1.
    int columnOf(ColumnKind kind) const;
    int columnOf(data::Feature feature) const;
    bool isNumeric(int section) const;
    // The track's genre names, comma-separated.
    QString genreText(int row) const;
    // Whether row a sorts before row b in a column: the order of their kSortRole values
    // (unknown values last). For the proxy's lessThan(): it reads one contiguous array of keys
    // per column (the value, or the rank of the folded text), built on the column's first sort,
    // so that sorting 100,000 rows stays in the cache instead of chasing every track.
    bool lessThan(int a, int b, int section) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // How a feature value reads in the table: "0.734", "-5.2", "120.0", "3:45"; empty for NaN.
    static QString formatFeature(data::Feature feature, double value);

private:
    QString text(int row, ColumnKind kind) const;
    QVariant sortValue(int row, const Column& column) const;
    double numericValue(int row, const Column& column) const; // NaN when unknown
    const std::vector<double>& sortKeys(int section) const;

    std::shared_ptr<const data::Catalog> m_catalog;
    quint64 m_generation = 0;
    std::vector<Column> m_columns;
    QStringList m_genreNames; // by GenreId
    // Filled on first use: the genre text per row (an empty entry is recomputed, which costs
    // nothing), and the sort keys per column.
    mutable std::vector<QString> m_genreText;
    mutable std::vector<std::vector<double>> m_sortKeys;
};

} // namespace gdbm::ui
