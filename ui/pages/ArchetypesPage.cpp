#include "pages/ArchetypesPage.h"

#include "AppState.h"
#include "models/ArchetypeListModel.h"
#include "pages/ArchetypeEditor.h"
#include "sim/ArchetypeJson.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"
#include "util/RememberedSplitter.h"
#include "util/SavedNotice.h"
#include "util/ShownFocus.h"
#include "util/Theme.h"

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>
#include <exception>

namespace gdbm::ui {
namespace {

const char* const kPurpose = "archetypes";
constexpr double kShareTolerance = sim::kShareTolerance;

QString fileFilter()
{
    return ArchetypesPage::tr("Archetype sets (*.json)");
}

bool hasName(const sim::ArchetypeSet& set, const std::string& name)
{
    for (const sim::Archetype& a : set.archetypes) {
        if (a.name == name)
            return true;
    }
    return false;
}

// `base`, or `base` + " 2", " 3"... : a name no archetype of the set has.
std::string uniqueName(const sim::ArchetypeSet& set, const std::string& base)
{
    std::string name = base;
    for (int n = 2; hasName(set, name); ++n)
        name = base + ' ' + std::to_string(n);
    return name;
}

QPushButton* makeButton(const QString& text, const QString& name, const QString& tip, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setToolTip(tip);
    return button;
}

// The pages' titles: the widget's font, bold and a fifth larger.
QFont titleFont(QFont font)
{
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    return font;
}

} // namespace

ArchetypesPage::ArchetypesPage(AppState& state, QWidget* parent) : QWidget(parent), m_state(state)
{
    setObjectName(QStringLiteral("archetypesPage"));
    m_model = new ArchetypeListModel(m_state, this);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("archetypeSplitter"));
    splitter->setChildrenCollapsible(false);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 12, 12, 12);
    outer->addWidget(splitter);

    auto* left = buildSetPane(splitter);
    auto* right = buildEditorPane(splitter);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({610, 630});
    rememberSplitterSizes(splitter);

    connectSignals();

    selectRow(m_model->rowCount() > 0 ? 0 : -1);
    updateShareTotal();
    followTheme(m_shareTotal, [this] { updateShareTotal(); });
    updateButtons();
}

QWidget* ArchetypesPage::buildSetPane(QWidget* parent)
{
    // Left: the set.
    auto* left = new QWidget(parent);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 8, 0);
    leftLayout->setSpacing(8);
    auto* title = new QLabel(tr("Listener archetypes"), left);
    title->setFont(titleFont(title->font()));
    leftLayout->addWidget(title);
    auto* intro = new QLabel(tr("Kinds of simulated listeners: each has a share of the users, a number of "
                                "tracks per user and the preferences its tracks must pass."),
                             left);
    intro->setWordWrap(true);
    leftLayout->addWidget(intro);

    m_table = new QTableView(left);
    setShownFocus(this, m_table);        // shown with Ctrl+2, arrows move through the archetypes
    m_table->setTabKeyNavigation(false); // Tab leaves the table; arrows move within it
    m_table->setObjectName(QStringLiteral("archetypeTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView* header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    // A dozen rows: fitting the short columns to their contents is cheap.
    header->setSectionResizeMode(ArchetypeListModel::NameColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ArchetypeListModel::ShareColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ArchetypeListModel::TracksColumn, QHeaderView::ResizeToContents);
    header->setStretchLastSection(true);
    leftLayout->addWidget(m_table, 1);

    auto* shareRow = new QHBoxLayout;
    m_shareTotal = new QLabel(left);
    m_shareTotal->setObjectName(QStringLiteral("shareTotal"));
    m_shareTotal->setWordWrap(true);
    shareRow->addWidget(m_shareTotal, 1);
    m_normalise = makeButton(tr("Normalise"), QStringLiteral("archetypeNormalise"),
                             tr("Scale the shares so that they total 100%"), left);
    shareRow->addWidget(m_normalise, 0, Qt::AlignTop);
    leftLayout->addLayout(shareRow);

    auto* editRow = new QHBoxLayout;
    m_add = makeButton(tr("Add"), QStringLiteral("archetypeAdd"), tr("Add a new archetype"), left);
    m_duplicate = makeButton(tr("Duplicate"), QStringLiteral("archetypeDuplicate"),
                             tr("Add a copy of the selected archetype"), left);
    m_delete = makeButton(tr("Delete"), QStringLiteral("archetypeDelete"),
                          tr("Delete the selected archetype"), left);
    m_up =
        makeButton(tr("Move up"), QStringLiteral("archetypeUp"), tr("Move the selected archetype up"), left);
    m_down = makeButton(tr("Move down"), QStringLiteral("archetypeDown"),
                        tr("Move the selected archetype down"), left);
    editRow->addWidget(m_add);
    editRow->addWidget(m_duplicate);
    editRow->addWidget(m_delete);
    editRow->addStretch(1);
    editRow->addWidget(m_up);
    editRow->addWidget(m_down);
    leftLayout->addLayout(editRow);

    auto* fileRow = new QHBoxLayout;
    m_import = makeButton(tr("Import..."), QStringLiteral("archetypeImport"),
                          tr("Replace the set with one from a JSON file"), left);
    m_export = makeButton(tr("Export..."), QStringLiteral("archetypeExport"),
                          tr("Save the set as a JSON file"), left);
    m_reset = makeButton(tr("Reset to defaults"), QStringLiteral("archetypeReset"),
                         tr("Replace the set with the 12 default archetypes"), left);
    fileRow->addWidget(m_import);
    fileRow->addWidget(m_export);
    fileRow->addStretch(1);
    fileRow->addWidget(m_reset);
    leftLayout->addLayout(fileRow);

    m_deleteAction = new QAction(tr("Delete archetype"), m_table);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(m_deleteAction);
    return left;
}

QWidget* ArchetypesPage::buildEditorPane(QWidget* parent)
{
    // Right: the selected archetype.
    auto* right = new QWidget(parent);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(8, 0, 0, 0);
    rightLayout->setSpacing(8);
    m_editorTitle = new QLabel(right);
    m_editorTitle->setObjectName(QStringLiteral("archetypeEditorTitle"));
    m_editorTitle->setFont(titleFont(m_editorTitle->font()));
    m_editorTitle->setTextFormat(Qt::PlainText);
    rightLayout->addWidget(m_editorTitle);
    m_editor = new ArchetypeEditor(m_state, right);
    rightLayout->addWidget(m_editor, 1);
    return right;
}

void ArchetypesPage::connectSignals()
{
    connect(m_add, &QPushButton::clicked, this, &ArchetypesPage::addArchetype);
    connect(m_duplicate, &QPushButton::clicked, this, &ArchetypesPage::duplicateArchetype);
    connect(m_delete, &QPushButton::clicked, this, &ArchetypesPage::deleteArchetype);
    connect(m_deleteAction, &QAction::triggered, this, &ArchetypesPage::deleteArchetype);
    connect(m_up, &QPushButton::clicked, this, [this] { moveArchetype(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveArchetype(+1); });
    connect(m_reset, &QPushButton::clicked, this, &ArchetypesPage::resetToDefaults);
    connect(m_import, &QPushButton::clicked, this, &ArchetypesPage::importSet);
    connect(m_export, &QPushButton::clicked, this, &ArchetypesPage::exportSet);
    connect(m_normalise, &QPushButton::clicked, this, &ArchetypesPage::normaliseShares);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) { currentRowChanged(current.isValid() ? current.row() : -1); });
    // After the model and the editor (connected in their constructors) have followed the set.
    connect(&m_state, &AppState::archetypesChanged, this, &ArchetypesPage::archetypesChanged);
}

int ArchetypesPage::selectedRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void ArchetypesPage::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_table->selectionModel()->clear();
        currentRowChanged(-1);
        return;
    }
    const QModelIndex index = m_model->index(row, 0);
    if (selectedRow() != row || !m_table->selectionModel()->isRowSelected(row, {}))
        m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    currentRowChanged(row); // no-op when the selection was already there
}

void ArchetypesPage::currentRowChanged(int row)
{
    const auto& list = m_state.archetypes().archetypes;
    const bool valid = row >= 0 && std::size_t(row) < list.size();
    m_lastRow = valid ? row : -1;
    m_selectedName = valid ? QString::fromStdString(list[std::size_t(row)].name) : QString();
    if (m_editor->archetypeIndex() != m_lastRow)
        m_editor->setArchetypeIndex(m_lastRow);
    m_editorTitle->setText(valid ? m_selectedName : tr("No archetype selected"));
    updateButtons();
}

void ArchetypesPage::archetypesChanged()
{
    const auto& list = m_state.archetypes().archetypes;
    const int count = int(list.size());
    int target = m_pendingRow;
    m_pendingRow = -1;
    if (target < 0 && m_lastRow >= 0) {
        // Find the selected archetype again by name (it may have moved), nearest first;
        // otherwise stay at its row.
        int best = -1;
        for (int i = 0; i < count; ++i) {
            if (QString::fromStdString(list[std::size_t(i)].name) == m_selectedName &&
                (best < 0 || std::abs(i - m_lastRow) < std::abs(best - m_lastRow)))
                best = i;
        }
        target = best >= 0 ? best : std::min(m_lastRow, count - 1);
    }
    if (target < 0 && count > 0)
        target = 0;
    selectRow(std::min(target, count - 1)); // also takes the (maybe new) name
    updateShareTotal();
}

void ArchetypesPage::edit(const sim::ArchetypeSet& set, const QString& description, int selectAfter)
{
    m_pendingRow = selectAfter;
    m_state.editArchetypes(set, description);
    m_pendingRow = -1; // also when the set was the same and nothing changed
}

void ArchetypesPage::updateButtons()
{
    const int row = selectedRow();
    const int count = m_model->rowCount();
    m_duplicate->setEnabled(row >= 0);
    m_delete->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < count);
}

void ArchetypesPage::updateShareTotal()
{
    const double total = m_state.archetypes().shareTotal();
    const bool even = std::abs(total - 1.0) <= kShareTolerance;
    QString text = tr("Shares total %1").arg(formatShare(total));
    if (total <= 0.0)
        text += tr(": no users would be simulated. Give some archetype a share.");
    else if (!even)
        text +=
            tr(", not 100%: each archetype gets share x users, so the simulation has %1% of the users asked. "
               "Normalise for exactly that number.")
                .arg(total * 100, 0, 'f', 0);
    m_shareTotal->setText(text);
    m_shareTotal->setStyleSheet(
        even ? QString()
             : QStringLiteral("color: %1; font-weight: bold;").arg(themeColor(ThemeColor::Warning).name()));
    m_normalise->setVisible(!even && total > 0.0 && std::isfinite(total));
}

void ArchetypesPage::addArchetype()
{
    sim::ArchetypeSet set = m_state.archetypes();
    sim::Archetype a;
    a.name = uniqueName(set, tr("New archetype").toStdString());
    a.share = 0.05;
    a.tracksPerUser = 50;
    set.archetypes.push_back(a);
    edit(set, tr("Add archetype %1").arg(QString::fromStdString(a.name)), int(set.archetypes.size()) - 1);
}

void ArchetypesPage::duplicateArchetype()
{
    const int row = selectedRow();
    sim::ArchetypeSet set = m_state.archetypes();
    if (row < 0 || std::size_t(row) >= set.archetypes.size())
        return;
    sim::Archetype copy = set.archetypes[std::size_t(row)];
    const QString original = QString::fromStdString(copy.name);
    copy.name = uniqueName(set, tr("%1 (copy)").arg(original).toStdString());
    set.archetypes.insert(set.archetypes.begin() + row + 1, copy);
    edit(set, tr("Duplicate %1").arg(original), row + 1);
}

void ArchetypesPage::deleteArchetype()
{
    const int row = selectedRow();
    sim::ArchetypeSet set = m_state.archetypes();
    if (row < 0 || std::size_t(row) >= set.archetypes.size())
        return;
    const QString name = QString::fromStdString(set.archetypes[std::size_t(row)].name);
    set.archetypes.erase(set.archetypes.begin() + row);
    edit(set, tr("Delete %1").arg(name), std::min(row, int(set.archetypes.size()) - 1));
}

void ArchetypesPage::moveArchetype(int delta)
{
    const int row = selectedRow();
    const int to = row + delta;
    sim::ArchetypeSet set = m_state.archetypes();
    if (row < 0 || to < 0 || to >= int(set.archetypes.size()))
        return;
    std::swap(set.archetypes[std::size_t(row)], set.archetypes[std::size_t(to)]);
    const QString name = QString::fromStdString(set.archetypes[std::size_t(to)].name);
    edit(set, (delta < 0 ? tr("Move %1 up") : tr("Move %1 down")).arg(name), to);
}

void ArchetypesPage::normaliseShares()
{
    sim::ArchetypeSet set = m_state.archetypes();
    if (!(set.shareTotal() > 0.0))
        return;
    set.normalizeShares();
    edit(set, tr("Normalise shares"), selectedRow());
}

void ArchetypesPage::importSet()
{
    const QString file = FileDialog::openFile(this, kPurpose, tr("Import archetypes"), fileFilter());
    if (file.isEmpty())
        return;
    sim::ArchetypeSet set;
    try {
        set = sim::readArchetypeFile(QFile::encodeName(file).toStdString());
    } catch (const std::exception& e) {
        MessageBox::critical(this, tr("Import archetypes"), QString::fromStdString(e.what()));
        return;
    }
    edit(set, tr("Import archetypes from %1").arg(QFileInfo(file).fileName()),
         std::clamp(selectedRow(), 0, int(set.archetypes.size()) - 1));
}

void ArchetypesPage::exportSet()
{
    const sim::ArchetypeSet& set = m_state.archetypes();
    if (const std::string problems = sim::describeBlockingProblems(set); !problems.empty()) {
        MessageBox::warning(this, tr("Export archetypes"),
                            tr("Fix these first, or the file could not be read back:\n%1")
                                .arg(QString::fromStdString(problems)));
        return;
    }
    const QString file = FileDialog::saveFile(this, kPurpose, tr("Export archetypes"), fileFilter(),
                                              QStringLiteral("archetypes.json"));
    if (file.isEmpty())
        return;
    try {
        sim::writeArchetypeFile(set, QFile::encodeName(file).toStdString());
        announceSaved(this, file);
    } catch (const std::exception& e) {
        MessageBox::critical(this, tr("Export archetypes"), QString::fromStdString(e.what()));
    }
}

void ArchetypesPage::resetToDefaults()
{
    const sim::ArchetypeSet defaults = sim::defaultArchetypes();
    if (m_state.archetypes() == defaults)
        return;
    const auto answer = MessageBox::question(
        this, tr("Reset archetypes"),
        tr("Replace the archetype set with the %1 default archetypes? You can undo this.")
            .arg(defaults.archetypes.size()),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return;
    edit(defaults, tr("Reset archetypes to defaults"),
         std::clamp(selectedRow(), 0, int(defaults.archetypes.size()) - 1));
}

} // namespace gdbm::ui
