#include "pages/DataPage.h"

#include "core/Text.h"
#include "models/CatalogFilterModel.h"
#include "models/CatalogTableModel.h"
#include "pages/CatalogChartsPanel.h"
#include "pages/GenreThresholdBox.h"
#include "pages/LoadSummaryBox.h"
#include "util/Format.h"
#include "util/LabelStyle.h"
#include "util/ShownFocus.h"
#include "util/StackWhenNarrow.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace gdbm::ui {

DataPage::DataPage(AppState& state, QWidget* parent)
    : QWidget(parent), m_state(state), m_model(new CatalogTableModel(this)),
      m_filter(new CatalogFilterModel(this)), m_filterTimer(new QTimer(this))
{
    setObjectName("dataPage");
    m_filter->setSourceModel(m_model);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(150);

    // The table pane joins the page first, so that the search field leads the focus chain.
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildTableAndCharts(), 1);
    layout->insertLayout(0, buildTopRow());
    // Until the first simulation: what to do next, for whoever opens the app for the first time.
    m_nextStep = new QLabel;
    m_nextStep->setObjectName("dataNextStep");
    m_nextStep->setWordWrap(true);
    m_nextStep->setMargin(6);
    layout->insertWidget(0, m_nextStep);

    connectSignals();
    showNextStep();
    onCatalogChanged();
}

DataPage::~DataPage() = default;

QLayout* DataPage::buildTopRow()
{
    auto* top = new QHBoxLayout;
    m_summary = new LoadSummaryBox;
    top->addWidget(m_summary, 1);
    top->addWidget(new GenreThresholdBox(m_state), 1);
    // Side by side the two boxes need about 950 pixels: on a narrower page, one above the other.
    stackWhenNarrow(this, top, 1000);
    return top;
}

QWidget* DataPage::buildTableAndCharts()
{
    m_table = new QTableView;
    setShownFocus(this, m_table);        // shown with Ctrl+1, arrows move through the tracks
    m_table->setTabKeyNavigation(false); // Tab leaves the table; arrows move within it
    m_table->setObjectName("catalogTable");
    m_table->setModel(m_filter);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setHighlightSections(false);
    header->setSortIndicatorClearable(true);
    header->setSortIndicator(-1, Qt::AscendingOrder); // file order until a header is clicked
    m_table->setSortingEnabled(true);

    auto* tablePane = new QWidget;
    auto* tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(buildFilterRow());
    tableLayout->addWidget(m_table, 1);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName("dataSplitter");
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(tablePane);
    m_charts = new CatalogChartsPanel(m_state);
    splitter->addWidget(m_charts);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({860, 400});
    // Below this width the charts would squeeze the table's columns: they go under it instead.
    stackWhenNarrow(splitter, 1000);
    return splitter;
}

QWidget* DataPage::buildFilterRow()
{
    m_search = new QLineEdit;
    m_search->setObjectName("catalogSearch");
    m_search->setPlaceholderText(tr("Search track or artist"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(m_search->fontMetrics().horizontalAdvance(m_search->placeholderText()) + 40);

    m_genreCombo = new QComboBox;
    m_genreCombo->setObjectName("genreFilter");
    m_genreCombo->setEditable(true);
    m_genreCombo->setInsertPolicy(QComboBox::NoInsert);
    m_genreCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_genreCombo->setMinimumContentsLength(16);
    m_genreCombo->setMaxVisibleItems(20);
    // Genre names are told apart by their start ("indie rock", "indie pop"): cut them at the end,
    // never in the middle, in the list that drops down.
    m_genreCombo->view()->setTextElideMode(Qt::ElideRight);
    m_genreCombo->setToolTip(tr("Show only the tracks of one genre"));
    auto* completer = new QCompleter(m_genreCombo->model(), m_genreCombo);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    m_genreCombo->setCompleter(completer);
    m_yearFrom = new QSpinBox;
    m_yearFrom->setObjectName("yearFrom");
    m_yearTo = new QSpinBox;
    m_yearTo->setObjectName("yearTo");
    for (QSpinBox* spin : {m_yearFrom, m_yearTo}) {
        spin->setGroupSeparatorShown(false);
        spin->setAccelerated(true);
    }
    m_countLabel = new QLabel;
    m_countLabel->setObjectName("catalogCount");
    m_countLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_countLabel->setMinimumWidth(m_countLabel->fontMetrics().horizontalAdvance("100,000 of 100,000 tracks"));

    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search, 3);
    layout->addWidget(m_genreCombo, 2);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("Years")));
    layout->addWidget(m_yearFrom);
    layout->addWidget(new QLabel(QStringLiteral("–")));
    layout->addWidget(m_yearTo);
    layout->addSpacing(8);
    layout->addWidget(m_countLabel);
    return row;
}

void DataPage::connectSignals()
{
    // Ctrl+F: the search, as on the Recommendations page.
    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(m_filterTimer, &QTimer::timeout, this, &DataPage::applyFilters);
    connect(m_search, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_genreCombo, &QComboBox::currentIndexChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_genreCombo->lineEdit(), &QLineEdit::editingFinished, this, [this] {
        // Typed text: an item's text or a genre name selects it; anything else is undone.
        const QString typed = m_genreCombo->currentText().trimmed();
        int found = typed.isEmpty() ? 0 : m_genreCombo->findText(typed, Qt::MatchFixedString);
        if (found < 0 && m_state.catalog()) {
            if (const auto genre = m_state.catalog()->findGenre(typed.toLower().toStdString()))
                found = m_genreCombo->findData(uint(*genre));
        }
        if (found < 0)
            found = m_genreCombo->currentIndex();
        m_genreCombo->setCurrentIndex(found);
        m_genreCombo->setEditText(m_genreCombo->itemText(found));
    });
    for (QSpinBox* spin : {m_yearFrom, m_yearTo}) {
        connect(spin, &QSpinBox::valueChanged, this, [this, spin] {
            // Keep from <= to by moving the other end along.
            QSpinBox* other = spin == m_yearFrom ? m_yearTo : m_yearFrom;
            if (m_yearFrom->value() > m_yearTo->value()) {
                const QSignalBlocker blocker(other);
                other->setValue(spin->value());
            }
            m_filterTimer->start();
        });
    }
    connect(m_filter, &QAbstractItemModel::modelReset, this, &DataPage::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &DataPage::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &DataPage::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &DataPage::updateCount);
    connect(&m_state, &AppState::catalogChanged, this, &DataPage::onCatalogChanged);
    connect(&m_state, &AppState::simulationChanged, this, &DataPage::showNextStep);
}

void DataPage::showNextStep()
{
    showBanner(m_nextStep,
               m_state.simulation()
                   ? QString()
                   : tr("Next: look at the listeners the simulation will make on the Archetypes page "
                        "(Ctrl+2), or simulate them right away (Ctrl+R). F1 opens the user guide."),
               BannerKind::Note);
}

void DataPage::onCatalogChanged()
{
    // Filters belong to the old catalog (genre ids, years): drop them before the reset, so that
    // the new catalog is filtered and sorted once.
    m_filterTimer->stop();
    {
        const QSignalBlocker blockSearch(m_search);
        m_search->clear();
    }
    m_filter->clearFilters();
    m_charts->setShownRows(std::nullopt);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_model->setCatalog(m_state.catalog());
    setColumnWidths();
    m_summary->showCatalog(m_state.catalog().get());
    updateGenreCombo();
    updateYearRange();
    m_charts->showCatalog();
    updateCount();
}

void DataPage::updateGenreCombo()
{
    const QSignalBlocker blocker(m_genreCombo);
    m_genreCombo->clear();
    m_genreCombo->addItem(tr("All genres"));
    if (const auto& catalog = m_state.catalog()) {
        for (const data::GenreCount& g : m_state.genreStats().byCount)
            m_genreCombo->addItem(
                tr("%1 (%2)").arg(fromStd(catalog->genreName(g.genre)), thousands(g.tracks)), uint(g.genre));
    }
    // The list drops down as wide as its longest name (up to a limit), wider than the box.
    QAbstractItemView* list = m_genreCombo->view();
    const int widest =
        list->sizeHintForColumn(0) + list->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 8;
    list->setMinimumWidth(std::min(widest, 480));
    m_genreCombo->setCurrentIndex(0);
}

void DataPage::updateYearRange()
{
    int lo = 0;
    int hi = 0;
    if (const auto& catalog = m_state.catalog()) {
        for (const data::Track& t : catalog->tracks()) {
            if (t.year <= 0)
                continue;
            lo = lo == 0 ? t.year : std::min(lo, t.year);
            hi = std::max(hi, t.year);
        }
    }
    m_yearBounds = {lo, hi};
    for (QSpinBox* spin : {m_yearFrom, m_yearTo}) {
        const QSignalBlocker blocker(spin);
        spin->setRange(lo, hi);
        spin->setEnabled(hi > 0);
    }
    const QSignalBlocker blockFrom(m_yearFrom);
    const QSignalBlocker blockTo(m_yearTo);
    m_yearFrom->setValue(lo);
    m_yearTo->setValue(hi);
}

void DataPage::updateCount()
{
    m_countLabel->setText(m_filter->summary());
}

void DataPage::setColumnWidths()
{
    // Fixed widths from the header text and a typical value, set once per catalog:
    // ResizeToContents would measure every row of a 100,000-track table.
    const QFontMetrics header(m_table->horizontalHeader()->font());
    const QFontMetrics cells(m_table->font());
    const int pad = 28; // margins and the sort indicator
    for (int c = 0; c < m_model->columnCount(); ++c) {
        const QString title = m_model->headerData(c, Qt::Horizontal).toString();
        int typical = cells.horizontalAdvance("-00.000");
        switch (m_model->column(c).kind) {
        case CatalogTableModel::ColumnKind::Track:
            typical = cells.averageCharWidth() * 26;
            break;
        case CatalogTableModel::ColumnKind::Artist:
        case CatalogTableModel::ColumnKind::Album:
            typical = cells.averageCharWidth() * 18;
            break;
        case CatalogTableModel::ColumnKind::Genres:
            typical = cells.averageCharWidth() * 22;
            break;
        case CatalogTableModel::ColumnKind::Year:
            typical = cells.horizontalAdvance("0000");
            break;
        case CatalogTableModel::ColumnKind::Feature:
            break;
        }
        m_table->setColumnWidth(c, std::max(header.horizontalAdvance(title), typical) + pad);
    }
}

void DataPage::applyFilters()
{
    m_filter->setTextFilter(m_search->text());
    const QVariant genre = m_genreCombo->currentData();
    m_filter->setGenreFilter(genre.isValid() ? std::optional<data::GenreId>(data::GenreId(genre.toUInt()))
                                             : std::nullopt);
    const int from = m_yearFrom->value();
    const int to = m_yearTo->value();
    if (m_yearBounds.second == 0 || (from <= m_yearBounds.first && to >= m_yearBounds.second))
        m_filter->clearYearRange();
    else
        m_filter->setYearRange(from, to);
    // The histogram counts what the table shows.
    const int shown = m_filter->rowCount();
    if (m_state.catalog() && std::size_t(shown) == m_state.catalog()->size()) {
        m_charts->setShownRows(std::nullopt);
        return;
    }
    std::vector<std::size_t> rows;
    rows.reserve(std::size_t(shown));
    for (int r = 0; r < shown; ++r)
        rows.push_back(std::size_t(m_filter->mapToSource(m_filter->index(r, 0)).row()));
    std::sort(rows.begin(), rows.end());
    m_charts->setShownRows(std::move(rows));
}

} // namespace gdbm::ui
