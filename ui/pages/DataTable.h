#pragma once

#include <QAbstractItemModel>
#include <QFontMetrics>
#include <QHeaderView>
#include <QStringList>
#include <QTableView>
#include <algorithm>

namespace gdbm::ui {

// A read-only table of rows (users, history, recommendations): whole rows selected, one at a
// time, rows of a fixed height, sortable by clicking a header (in the model's order until then).
inline QTableView* createDataTable(const QString& objectName, QAbstractItemModel* model)
{
    auto* table = new QTableView;
    table->setObjectName(objectName);
    table->setModel(model);
    table->setAlternatingRowColors(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(false);
    table->setTabKeyNavigation(false); // Tab leaves the table; arrows move within it
    table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    QHeaderView* header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setSortIndicatorClearable(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    table->setSortingEnabled(true);
    return table;
}

// Fixed widths from the header text and a typical value, set once: ResizeToContents would
// measure every row. Columns without a typical value keep their default width (or stretch).
inline void setTypicalColumnWidths(QTableView* table, const QStringList& typical)
{
    const QFontMetrics cells(table->font());
    const QFontMetrics header(table->horizontalHeader()->font());
    const int pad = 20; // cell margins and the sort indicator
    for (int c = 0; c < typical.size(); ++c) {
        const QString title = table->model()->headerData(c, Qt::Horizontal).toString();
        table->setColumnWidth(
            c, std::max(header.horizontalAdvance(title), cells.horizontalAdvance(typical[c])) + pad);
    }
}

} // namespace gdbm::ui
