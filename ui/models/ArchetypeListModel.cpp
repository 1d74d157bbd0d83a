#include "models/ArchetypeListModel.h"

#include "AppState.h"
#include "core/Text.h"
#include "util/Theme.h"

#include <QColor>
#include <QStringList>
#include <cmath>

namespace gdbm::ui {
namespace {

QString number(double value)
{
    return QString::fromStdString(text::formatDouble(value));
}

QString attributeShortName(sim::Attribute attribute)
{
    return QString::fromUtf8(sim::attributeKey(attribute)).replace('_', ' ');
}

} // namespace

QString attributeLabel(sim::Attribute attribute)
{
    if (const auto feature = sim::featureOf(attribute))
        return QString::fromUtf8(data::featureName(*feature));
    return ArchetypeListModel::tr("Release year");
}

QString preferenceKindLabel(sim::PreferenceKind kind)
{
    using K = sim::PreferenceKind;
    switch (kind) {
    case K::Range:
        return ArchetypeListModel::tr("Range");
    case K::RangeDrawn:
        return ArchetypeListModel::tr("Mood range (drawn per user)");
    case K::Genres:
        return ArchetypeListModel::tr("Genres");
    case K::AnyCommonGenre:
        return ArchetypeListModel::tr("Any common genre");
    case K::CommonGenreDrawn:
        return ArchetypeListModel::tr("One common genre (drawn per user)");
    case K::NicheGenreDrawn:
        return ArchetypeListModel::tr("One niche genre (drawn per user)");
    case K::ArtistDrawn:
        return ArchetypeListModel::tr("One top artist (drawn per user)");
    case K::DecadeDrawn:
        return ArchetypeListModel::tr("One decade (drawn per user)");
    }
    return {};
}

QString preferenceSummary(const sim::Preference& p)
{
    using K = sim::PreferenceKind;
    const QString lo = std::isfinite(p.min) ? number(p.min) : QStringLiteral("min");
    const QString hi = std::isfinite(p.max) ? number(p.max) : QStringLiteral("max");
    switch (p.kind) {
    case K::Range:
        if (!std::isfinite(p.min) && !std::isfinite(p.max))
            return attributeShortName(p.attribute) + QStringLiteral(" any");
        return attributeShortName(p.attribute) + ' ' + lo + QStringLiteral("..") + hi;
    case K::RangeDrawn:
        return attributeShortName(p.attribute) + QStringLiteral(" range drawn in ") + lo +
               QStringLiteral("..") + hi;
    case K::Genres: {
        if (p.genres.empty())
            return QStringLiteral("genres (none)");
        QStringList names;
        for (const std::string& g : p.genres)
            names << QString::fromStdString(g);
        return (names.size() == 1 ? QStringLiteral("genre ") : QStringLiteral("genres ")) +
               names.join(QStringLiteral(" / "));
    }
    case K::AnyCommonGenre:
        return QStringLiteral("any common genre");
    case K::CommonGenreDrawn:
        return QStringLiteral("one common genre (drawn)");
    case K::NicheGenreDrawn:
        return QStringLiteral("one niche genre (drawn)");
    case K::ArtistDrawn:
        return QStringLiteral("one of the top %1 artists (drawn)").arg(p.among);
    case K::DecadeDrawn:
        return QStringLiteral("one decade of %1s..%2s (drawn)").arg(p.firstDecade).arg(p.lastDecade);
    }
    return {};
}

QString preferencesSummary(const sim::Archetype& archetype)
{
    if (archetype.preferences.empty())
        return ArchetypeListModel::tr("no preference (any track)");
    QStringList parts;
    for (const sim::Preference& p : archetype.preferences)
        parts << preferenceSummary(p);
    return parts.join(QStringLiteral(", "));
}

QString formatShare(double share)
{
    const double percent = std::round(share * 1000.0) / 10.0; // one decimal at most
    return QString::number(percent, 'f', percent == std::round(percent) ? 0 : 1) + '%';
}

ArchetypeListModel::ArchetypeListModel(AppState& state, QObject* parent)
    : QAbstractTableModel(parent), m_state(state)
{
    m_set = m_state.archetypes();
    refresh();
    connect(&m_state, &AppState::archetypesChanged, this, &ArchetypeListModel::refresh);
}

void ArchetypeListModel::refresh()
{
    const sim::ArchetypeSet& next = m_state.archetypes();
    std::vector<std::vector<sim::ArchetypeProblem>> problems(next.archetypes.size());
    for (sim::ArchetypeProblem& problem : next.problems()) {
        if (problem.archetype < problems.size())
            problems[problem.archetype].push_back(std::move(problem));
    }
    if (next.archetypes.size() == m_set.archetypes.size()) {
        m_set = next;
        m_problems = std::move(problems);
        if (!m_set.archetypes.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_set = next;
    m_problems = std::move(problems);
    endResetModel();
}

int ArchetypeListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_set.archetypes.size());
}

int ArchetypeListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArchetypeListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const sim::Archetype& a = m_set.archetypes[std::size_t(index.row())];
    const auto& problems = m_problems[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return QString::fromStdString(a.name);
        case ShareColumn:
            return formatShare(a.share);
        case TracksColumn:
            return a.tracksPerUser;
        case PreferencesColumn:
            return preferencesSummary(a);
        }
        break;
    case Qt::EditRole: // the raw values, for sorting proxies and tests
        switch (index.column()) {
        case NameColumn:
            return QString::fromStdString(a.name);
        case ShareColumn:
            return a.share;
        case TracksColumn:
            return a.tracksPerUser;
        case PreferencesColumn:
            return preferencesSummary(a);
        }
        break;
    case Qt::ToolTipRole: {
        QStringList lines;
        if (index.column() == PreferencesColumn)
            lines << preferencesSummary(a);
        for (const sim::ArchetypeProblem& problem : problems)
            lines << QString::fromStdString(problem.message);
        return lines.isEmpty() ? QVariant() : QVariant(lines.join('\n'));
    }
    case Qt::TextAlignmentRole:
        if (index.column() == ShareColumn || index.column() == TracksColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (!problems.empty() && index.column() == NameColumn)
            return themeColor(ThemeColor::Problem);
        break;
    default:
        break;
    }
    return {};
}

QVariant ArchetypeListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ShareColumn:
        return tr("Share");
    case TracksColumn:
        return tr("Tracks per user");
    case PreferencesColumn:
        return tr("Preferences");
    }
    return {};
}

} // namespace gdbm::ui
