#include "pages/GenreListEditor.h"

#include "AppState.h"
#include "core/Text.h"

#include <QCompleter>
#include <QGridLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <algorithm>

namespace gdbm::ui {

GenreListEditor::GenreListEditor(const AppState& state, QWidget* parent) : QWidget(parent), m_state(state)
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(4);

    m_genres = new QListWidget(this);
    m_genres->setObjectName(QStringLiteral("preferenceGenres"));
    m_genres->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_genres->setFixedHeight(m_genres->fontMetrics().height() * 4 + 12);
    grid->addWidget(m_genres, 0, 0, 1, 2);

    auto* removeGenre = new QPushButton(tr("Remove genre"), this);
    removeGenre->setObjectName(QStringLiteral("preferenceGenreRemove"));
    removeGenre->setEnabled(false);
    grid->addWidget(removeGenre, 0, 2, Qt::AlignTop);
    connect(m_genres, &QListWidget::itemSelectionChanged, this,
            [this, removeGenre] { removeGenre->setEnabled(!m_genres->selectedItems().isEmpty()); });
    connect(removeGenre, &QPushButton::clicked, this, &GenreListEditor::removeGenres);

    m_genreInput = new QLineEdit(this);
    m_genreInput->setObjectName(QStringLiteral("preferenceGenreInput"));
    m_genreInput->setPlaceholderText(tr("Type a genre of the catalog..."));
    m_genreInput->setClearButtonEnabled(true);
    QStringList names;
    if (m_state.catalog()) {
        for (const std::string& g : m_state.catalog()->genreNames())
            names << QString::fromStdString(g);
    }
    names.sort();
    auto* completer = new QCompleter(names, m_genreInput);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_genreInput->setCompleter(completer);
    grid->addWidget(m_genreInput, 1, 0, 1, 2);

    auto* add = new QPushButton(tr("Add genre"), this);
    add->setObjectName(QStringLiteral("preferenceGenreAdd"));
    grid->addWidget(add, 1, 2);
    connect(add, &QPushButton::clicked, this, &GenreListEditor::addGenre);
    connect(m_genreInput, &QLineEdit::returnPressed, this, &GenreListEditor::addGenre);
    connect(completer, qOverload<const QString&>(&QCompleter::activated), this, [this](const QString& text) {
        m_genreInput->setText(text);
        addGenre();
    });
    grid->setColumnStretch(0, 1);
}

void GenreListEditor::setGenres(const std::vector<std::string>& genres)
{
    m_genreNames = genres;
    load();
}

void GenreListEditor::load()
{
    QStringList wanted;
    for (const std::string& g : m_genreNames)
        wanted << QString::fromStdString(g);
    QStringList shown;
    for (int i = 0; i < m_genres->count(); ++i)
        shown << m_genres->item(i)->text();
    if (wanted == shown)
        return;
    m_genres->clear();
    const data::Catalog* catalog = m_state.catalog().get();
    for (const std::string& g : m_genreNames) {
        auto* item = new QListWidgetItem(QString::fromStdString(g), m_genres);
        if (catalog) {
            if (const auto id = catalog->findGenre(g)) {
                item->setToolTip(tr("%1 tracks").arg(qulonglong(m_state.genreStats().countByGenre[*id])));
            } else {
                item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
                item->setToolTip(tr("Not a genre of this catalog: matches no track"));
            }
        }
    }
}

void GenreListEditor::addGenre()
{
    const std::string genre = text::toLower(text::trim(m_genreInput->text().toStdString()));
    if (genre.empty())
        return;
    m_genreInput->clear();
    if (std::find(m_genreNames.begin(), m_genreNames.end(), genre) != m_genreNames.end())
        return;
    m_genreNames.push_back(genre);
    load();
    Q_EMIT edited(m_genreNames);
}

void GenreListEditor::removeGenres()
{
    std::vector<std::string> kept;
    for (int i = 0; i < m_genres->count(); ++i) {
        if (!m_genres->item(i)->isSelected())
            kept.push_back(m_genres->item(i)->text().toStdString());
    }
    if (kept.size() == m_genreNames.size())
        return;
    m_genreNames = std::move(kept);
    load();
    Q_EMIT edited(m_genreNames);
}

} // namespace gdbm::ui
