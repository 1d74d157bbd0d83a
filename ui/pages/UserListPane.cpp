#include "pages/UserListPane.h"

#include "models/UserFilterModel.h"
#include "models/UserListModel.h"
#include "pages/DataTable.h"
#include "util/LabelStyle.h"
#include "util/ShownFocus.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace gdbm::ui {
namespace {

// Typing waits this long before the list filters again: filtering a large simulation on every
// key would make typing stutter.
constexpr int kFilterDelayMs = 150;

} // namespace

UserListPane::UserListPane(QWidget* parent)
    : QWidget(parent), m_users(new UserListModel(this)), m_filter(new UserFilterModel(this)),
      m_filterTimer(new QTimer(this))
{
    m_filter->setSourceModel(m_users);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(kFilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &UserListPane::filterAsAsked);

    m_search = new QLineEdit;
    m_search->setObjectName("userSearch");
    m_search->setPlaceholderText(tr("Search id or archetype"));
    m_search->setToolTip(tr("Show the users whose id or archetype contains this text (%1)")
                             .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    m_search->installEventFilter(this);

    m_archetypeFilter = new QComboBox;
    m_archetypeFilter->setObjectName("archetypeFilter");
    m_archetypeFilter->setToolTip(tr("Show only the users of one archetype"));
    m_archetypeFilter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_archetypeFilter->setMinimumContentsLength(14);
    connect(m_archetypeFilter, &QComboBox::currentIndexChanged, this, &UserListPane::filterAsAsked);

    m_count = new QLabel;
    m_count->setObjectName("userCount");
    makeSecondary(m_count);

    m_table = createDataTable("userTable", m_filter);
    setShownFocus(this, m_table); // the list is what keys move through
    m_table->horizontalHeader()->setStretchLastSection(false);
    setTypicalColumnWidths(m_table, {"00000", "Niche Genre Enthusiast", "0000", "0.00"});
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        // A row that a filter just removed leaves no current row: the page keeps its user.
        const QModelIndex current = m_filter->mapToSource(m_table->currentIndex());
        if (current.isValid())
            Q_EMIT currentUserChanged(quint32(current.row()));
    });
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &UserListPane::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &UserListPane::updateCount);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    auto* row = new QHBoxLayout;
    row->addWidget(m_archetypeFilter, 1);
    row->addWidget(m_count);
    layout->addLayout(row);
    layout->addWidget(m_table, 1);
    // Wide enough for every column and the scroll bar; narrower only when dragged.
    int tableWidth = 2 * m_table->frameWidth() + style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 2;
    for (int c = 0; c < UserListModel::ColumnCount; ++c)
        tableWidth += m_table->columnWidth(c);
    setMinimumWidth(tableWidth / 2);
    m_preferredWidth = tableWidth;
}

void UserListPane::setSimulation(std::shared_ptr<const sim::SimulationResult> simulation,
                                 std::size_t catalogSize)
{
    m_users->setSimulation(std::move(simulation), catalogSize);
    updateArchetypeCombo();
    applyFilters();
}

const std::shared_ptr<const sim::SimulationResult>& UserListPane::simulation() const
{
    return m_users->simulation();
}

int UserListPane::userCount() const
{
    return m_users->rowCount();
}

QAbstractItemModel* UserListPane::model() const
{
    return m_filter;
}

void UserListPane::setCurrentUser(std::uint32_t user)
{
    if (int(user) >= m_users->rowCount())
        return;
    const QModelIndex proxy = m_filter->mapFromSource(m_users->index(int(user), 0));
    if (proxy.isValid()) {
        m_table->setCurrentIndex(proxy);
        m_table->scrollTo(proxy);
    }
}

void UserListPane::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void UserListPane::updateArchetypeCombo()
{
    const QSignalBlocker blocker(m_archetypeFilter);
    const QString previous = m_archetypeFilter->currentText();
    m_archetypeFilter->clear();
    m_archetypeFilter->addItem(tr("All archetypes"));
    if (const auto& simulation = m_users->simulation()) {
        for (std::size_t k = 0; k < simulation->archetypeNames.size(); ++k)
            m_archetypeFilter->addItem(QString::fromStdString(simulation->archetypeNames[k]), qulonglong(k));
    }
    m_archetypeFilter->setCurrentIndex(std::max(0, m_archetypeFilter->findText(previous)));
}

void UserListPane::applyFilters()
{
    m_filterTimer->stop();
    m_filter->setTextFilter(m_search->text());
    const QVariant archetype = m_archetypeFilter->currentData();
    m_filter->setArchetypeFilter(archetype.isValid() ? std::optional<std::size_t>(archetype.toULongLong())
                                                     : std::nullopt);
    updateCount();
}

// A filter the user changed: when it hides the user shown, its first user is shown instead, so
// that the list and the page agree (and the arrow keys go on from there).
void UserListPane::filterAsAsked()
{
    applyFilters();
    if (!m_table->currentIndex().isValid() && m_filter->rowCount() > 0)
        m_table->setCurrentIndex(m_filter->index(0, 0));
}

bool UserListPane::eventFilter(QObject* watched, QEvent* event)
{
    // The arrow and page keys in the search move through the list it filters, as in a browser's
    // address bar; the typing stays in the search.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* press = static_cast<QKeyEvent*>(event);
        // Shift+Up selects the search's text; the keypad's arrows carry a modifier of their own.
        const bool plain = (press->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
        const int key = plain ? press->key() : 0;
        if (key == Qt::Key_Down || key == Qt::Key_Up || key == Qt::Key_PageDown || key == Qt::Key_PageUp) {
            if (m_filterTimer->isActive())
                filterAsAsked();
            QCoreApplication::sendEvent(m_table, event);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void UserListPane::updateCount()
{
    m_count->setText(m_filter->summary());
}

} // namespace gdbm::ui
