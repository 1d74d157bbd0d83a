#include "pages/UserDetailsPanel.h"

#include "core/Text.h"
#include "models/CatalogTableModel.h"
#include "util/Format.h"
#include "util/LabelStyle.h"

#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

namespace gdbm::ui {
namespace {

QString rangeText(const sim::UserPreference& p)
{
    const std::optional<data::Feature> feature = sim::featureOf(p.attribute);
    // Durations as m:ss; other values with 3 significant digits ("0.5", "0.317", "-5.2"), large
    // ones (years, tempo, popularity) as whole numbers.
    const auto value = [&](double v) {
        if (feature == data::Feature::DurationMs)
            return CatalogTableModel::formatFeature(*feature, v);
        return std::abs(v) >= 100 ? QString::number(v, 'f', 0) : QString::number(v, 'g', 3);
    };
    if (!feature) {
        if (p.min == p.max)
            return QObject::tr("Released in %1").arg(value(p.min));
        return QObject::tr("Released %1\u2013%2").arg(value(p.min), value(p.max));
    }
    const QString name = fromStd(data::featureName(*feature));
    if (p.min == p.max)
        return QObject::tr("%1 exactly %2").arg(name, value(p.min));
    return QObject::tr("%1 between %2 and %3").arg(name, value(p.min), value(p.max));
}

QString genresText(const sim::UserPreference& p, const data::Catalog& catalog, int maxGenres)
{
    if (p.genres.empty())
        return QObject::tr("Genre: none in this catalog (no track can match)");
    QStringList names;
    for (std::size_t i = 0; i < p.genres.size() && int(i) < maxGenres; ++i)
        names << fromStd(catalog.genreName(p.genres[i]));
    if (p.genres.size() == 1)
        return QObject::tr("Genre: %1").arg(names.front());
    if (int(p.genres.size()) <= maxGenres)
        return QObject::tr("Any genre of %1").arg(names.join(QStringLiteral(", ")));
    return QObject::tr("Any of %1 genres: %2, \u2026")
        .arg(thousands(p.genres.size()), names.join(QStringLiteral(", ")));
}

} // namespace

QString describePreferenceInWords(const sim::UserPreference& preference, const data::Catalog& catalog,
                                  int maxGenres)
{
    switch (preference.kind) {
    case sim::UserPreference::Kind::Range:
        return rangeText(preference);
    case sim::UserPreference::Kind::Genres:
        return genresText(preference, catalog, maxGenres);
    case sim::UserPreference::Kind::Artist:
        return QObject::tr("Artist: %1").arg(fromStd(catalog.artistName(preference.artist)));
    }
    return {};
}

UserDetailsPanel::UserDetailsPanel(QWidget* parent)
    : QWidget(parent), m_heading(new QLabel), m_preferences(new QLabel), m_listening(new QLabel)
{
    m_heading->setObjectName("userHeading");
    QFont font = m_heading->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    m_heading->setFont(font);
    m_preferences->setObjectName("userPreferences");
    m_preferences->setWordWrap(true);
    m_preferences->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_listening->setObjectName("userListening");
    makeSecondary(m_listening);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_heading);
    layout->addWidget(m_preferences);
    layout->addWidget(m_listening);
}

void UserDetailsPanel::showUser(const sim::SimulationResult& simulation, const data::Catalog& catalog,
                                std::uint32_t user)
{
    const sim::User& u = simulation.users[user];
    m_heading->setText(
        tr("User %1 \u00b7 %2").arg(u.id).arg(fromStd(simulation.archetypeNames[u.archetype])));

    QStringList phrases;
    QStringList full; // every genre named, for the tooltip
    for (const sim::UserPreference& p : u.preferences) {
        phrases << describePreferenceInWords(p, catalog);
        full << describePreferenceInWords(p, catalog, std::numeric_limits<int>::max());
    }
    QString text = phrases.isEmpty() ? tr("No preferences: any track will do.")
                                     : tr("Prefers: %1").arg(phrases.join(QStringLiteral("; ")));
    if (u.fellBack)
        text += tr(". No track matched these, so this user listened to random tracks instead.");
    m_preferences->setText(text);
    m_preferences->setToolTip(full.join(QLatin1Char('\n')));

    // The user's interactions are one run of the simulation's (grouped by user).
    const auto byUser = [](const sim::Interaction& i, std::uint32_t v) { return i.user < v; };
    auto it = std::lower_bound(simulation.interactions.begin(), simulation.interactions.end(), user, byUser);
    std::size_t plays = 0, discovery = 0;
    double ratings = 0.0;
    for (; it != simulation.interactions.end() && it->user == user; ++it) {
        ++plays;
        ratings += it->rating;
        discovery += it->source == sim::InteractionSource::Discovery ? 1 : 0;
    }
    QString listening = countOf(plays, tr("interaction"), tr("interactions"));
    if (plays > 0)
        listening += tr(", mean rating %1").arg(ratings / double(plays), 0, 'f', 2);
    if (discovery > 0)
        listening += discovery == 1 ? tr(", 1 of them a random discovery")
                                    : tr(", %1 of them random discoveries").arg(thousands(discovery));
    m_listening->setText(listening);
    m_listening->setVisible(true);
}

void UserDetailsPanel::showHint(const QString& hint)
{
    m_heading->setText(tr("No user selected"));
    m_preferences->setText(hint);
    m_preferences->setToolTip(QString());
    m_listening->clear();
    m_listening->setVisible(false);
}

QString UserDetailsPanel::heading() const
{
    return m_heading->text();
}

QString UserDetailsPanel::preferencesText() const
{
    return m_preferences->text();
}

} // namespace gdbm::ui
