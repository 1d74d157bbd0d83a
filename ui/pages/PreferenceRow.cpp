#include "pages/PreferenceRow.h"

#include "AppState.h"
#include "core/Text.h"
#include "models/ArchetypeListModel.h"
#include "pages/GenreListEditor.h"
#include "pages/RangeEditor.h"
#include "util/Format.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace gdbm::ui {
namespace {

using sim::PreferenceKind;

using IntBox = SteppingSpinBox<QSpinBox>;

int decadeOf(double year)
{
    return int(std::floor(year / 10.0)) * 10;
}

// "1 common genre", "86 niche genres".
QString genreCountText(std::size_t n, const QString& adjective)
{
    return n == 1 ? PreferenceRow::tr("1 %1 genre").arg(adjective)
                  : PreferenceRow::tr("%1 %2 genres").arg(thousands(n), adjective);
}

} // namespace

PreferenceRow::PreferenceRow(const sim::Preference& preference, const AppState& state, QWidget* parent)
    : QFrame(parent), m_state(state), m_pref(preference)
{
    setObjectName(QStringLiteral("preferenceRow"));
    setFrameShape(QFrame::StyledPanel);

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(10, 6, 6, 8);
    outer->setSpacing(6);

    auto* header = new QHBoxLayout;
    auto* kind = new QLabel(preferenceKindLabel(m_pref.kind), this);
    kind->setObjectName(QStringLiteral("preferenceKind"));
    QFont bold = kind->font();
    bold.setBold(true);
    kind->setFont(bold);
    header->addWidget(kind);
    if (m_pref.kind == PreferenceKind::Range || m_pref.kind == PreferenceKind::RangeDrawn) {
        m_attribute = new QComboBox(this);
        m_attribute->setObjectName(QStringLiteral("preferenceAttribute"));
        for (std::size_t a = 0; a < sim::kAttributeCount; ++a)
            m_attribute->addItem(attributeLabel(static_cast<sim::Attribute>(a)));
        m_attribute->setMaxVisibleItems(int(sim::kAttributeCount));
        header->addSpacing(8);
        header->addWidget(m_attribute);
        connect(m_attribute, &QComboBox::currentIndexChanged, this, &PreferenceRow::attributeChosen);
    }
    header->addStretch(1);
    auto* remove = new QToolButton(this);
    remove->setObjectName(QStringLiteral("removePreference"));
    remove->setText(tr("Remove"));
    remove->setToolTip(tr("Remove this preference"));
    remove->setAutoRaise(true);
    connect(remove, &QToolButton::clicked, this, &PreferenceRow::removeRequested);
    header->addWidget(remove);
    outer->addLayout(header);

    const auto addGrid = [outer] {
        auto* grid = new QGridLayout;
        grid->setHorizontalSpacing(8);
        grid->setVerticalSpacing(4);
        outer->addLayout(grid);
        return grid;
    };
    switch (m_pref.kind) {
    case PreferenceKind::Range:
    case PreferenceKind::RangeDrawn:
        buildRange(outer);
        break;
    case PreferenceKind::Genres:
        buildGenres(outer);
        break;
    case PreferenceKind::AnyCommonGenre:
    case PreferenceKind::CommonGenreDrawn:
    case PreferenceKind::NicheGenreDrawn:
        buildDrawnGenre(addGrid());
        break;
    case PreferenceKind::ArtistDrawn:
        buildArtist(addGrid());
        break;
    case PreferenceKind::DecadeDrawn:
        buildDecade(addGrid());
        break;
    }
    load();
}

void PreferenceRow::buildRange(QVBoxLayout* layout)
{
    m_range = new RangeEditor(m_pref.kind == PreferenceKind::RangeDrawn, m_state, this);
    layout->addWidget(m_range);
    connect(m_range, &RangeEditor::edited, this, [this](double min, double max, bool continuous) {
        m_pref.min = min;
        m_pref.max = max;
        emitChanged(continuous);
    });
    connect(m_range, &RangeEditor::editingFinished, this, [this] { emitChanged(false); });
}

void PreferenceRow::buildGenres(QVBoxLayout* layout)
{
    m_genreList = new GenreListEditor(m_state, this);
    layout->addWidget(m_genreList);
    connect(m_genreList, &GenreListEditor::edited, this, [this](const std::vector<std::string>& genres) {
        m_pref.genres = genres;
        emitChanged(false);
    });
}

void PreferenceRow::buildDrawnGenre(QGridLayout* grid)
{
    const data::GenreStats& stats = m_state.genreStats();
    const bool haveCatalog = m_state.catalog() != nullptr;
    QString text;
    switch (m_pref.kind) {
    case PreferenceKind::AnyCommonGenre:
        text = tr("Tracks of any common genre (a genre of more than %1 tracks).")
                   .arg(thousands(stats.thresholds.commonAbove));
        if (haveCatalog)
            text += ' ' + tr("The catalog has %1.").arg(genreCountText(stats.common.size(), tr("common")));
        break;
    case PreferenceKind::CommonGenreDrawn:
        text = tr("One common genre drawn per user (a genre of more than %1 tracks).")
                   .arg(thousands(stats.thresholds.commonAbove));
        if (haveCatalog)
            text +=
                ' ' +
                tr("The catalog has %1 to draw from.").arg(genreCountText(stats.common.size(), tr("common")));
        break;
    default:
        text = tr("One niche genre drawn per user (a genre of at most %1).")
                   .arg(countOf(stats.thresholds.nicheAtMost, tr("track"), tr("tracks")));
        if (haveCatalog)
            text +=
                ' ' +
                tr("The catalog has %1 to draw from.").arg(genreCountText(stats.niche.size(), tr("niche")));
        break;
    }
    m_info = new QLabel(text, this);
    m_info->setObjectName(QStringLiteral("preferenceInfo"));
    m_info->setWordWrap(true);
    grid->addWidget(m_info, 0, 0);
}

void PreferenceRow::buildArtist(QGridLayout* grid)
{
    auto* before = new QLabel(tr("One artist drawn per user among the top"), this);
    auto* among = new IntBox(this);
    among->setObjectName(QStringLiteral("preferenceAmong"));
    among->setKeyboardTracking(false);
    const int artists = m_state.catalog() ? int(m_state.facts().artistsByTracks.size()) : 0;
    among->setRange(1, std::max(artists > 0 ? artists : 1000, m_pref.among));
    among->setMinimumWidth(80);
    auto* after = new QLabel(tr("artists (most tracks first)"), this);
    // The sentence wraps rather than widen the editor past a 1,280-pixel window's half.
    before->setWordWrap(true);
    after->setWordWrap(true);
    grid->addWidget(before, 0, 0);
    grid->addWidget(among, 0, 1);
    grid->addWidget(after, 0, 2);
    // The labels take the room there is, on one line each when it suffices.
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(2, 1);
    if (m_state.catalog()) {
        auto* note = new QLabel(tr("The catalog has %1 artists.").arg(thousands(std::size_t(artists))), this);
        note->setEnabled(false);
        grid->addWidget(note, 1, 0, 1, 4);
    }
    connect(among, &QSpinBox::valueChanged, this, [this, among](int v) {
        m_pref.among = v;
        emitChanged(among->isStepping());
    });
    connect(among, &QSpinBox::editingFinished, this, [this] { emitChanged(false); });
    m_among = among;
}

void PreferenceRow::buildDecade(QGridLayout* grid)
{
    const AttributeScale years = attributeScale(sim::Attribute::ReleaseYear, m_state);
    const int lo = std::min({decadeOf(years.lo), m_pref.firstDecade, m_pref.lastDecade});
    const int hi = std::max({decadeOf(years.hi), m_pref.firstDecade, m_pref.lastDecade});
    grid->addWidget(new QLabel(tr("One decade drawn per user, from"), this), 0, 0);
    for (const bool isLast : {false, true}) {
        auto* box = new IntBox(this);
        box->setObjectName(isLast ? QStringLiteral("preferenceToDecade")
                                  : QStringLiteral("preferenceFromDecade"));
        box->setKeyboardTracking(false);
        box->setRange(lo, hi);
        box->setSingleStep(10);
        box->setSuffix(QStringLiteral("s"));
        box->setMinimumWidth(80);
        grid->addWidget(box, 0, isLast ? 3 : 1);
        connect(box, &QSpinBox::valueChanged, this, [this, box, isLast](int v) {
            const int decade = decadeOf(v);
            if (isLast) {
                m_pref.lastDecade = decade;
                m_pref.firstDecade = std::min(m_pref.firstDecade, decade);
            } else {
                m_pref.firstDecade = decade;
                m_pref.lastDecade = std::max(m_pref.lastDecade, decade);
            }
            const bool stepping = box->isStepping();
            load();
            emitChanged(stepping);
        });
        connect(box, &QSpinBox::editingFinished, this, [this] { emitChanged(false); });
        (isLast ? m_toDecade : m_fromDecade) = box;
    }
    grid->addWidget(new QLabel(tr("to"), this), 0, 2);
    grid->setColumnStretch(4, 1);
}

void PreferenceRow::setPreference(const sim::Preference& preference)
{
    Q_ASSERT(preference.kind == m_pref.kind);
    if (preference == m_pref)
        return;
    m_pref = preference;
    load();
}

void PreferenceRow::load()
{
    switch (m_pref.kind) {
    case PreferenceKind::Range:
    case PreferenceKind::RangeDrawn: {
        const QSignalBlocker blockAttribute(m_attribute);
        m_attribute->setCurrentIndex(int(static_cast<std::size_t>(m_pref.attribute)));
        m_range->setRange(m_pref.attribute, m_pref.min, m_pref.max);
        break;
    }
    case PreferenceKind::Genres:
        m_genreList->setGenres(m_pref.genres);
        break;
    case PreferenceKind::ArtistDrawn: {
        const QSignalBlocker block(m_among);
        m_among->setValue(m_pref.among);
        break;
    }
    case PreferenceKind::DecadeDrawn: {
        const QSignalBlocker blockFrom(m_fromDecade);
        const QSignalBlocker blockTo(m_toDecade);
        m_fromDecade->setValue(m_pref.firstDecade);
        m_toDecade->setValue(m_pref.lastDecade);
        break;
    }
    default:
        break;
    }
}

void PreferenceRow::attributeChosen(int index)
{
    const auto attribute = static_cast<sim::Attribute>(std::size_t(index));
    if (attribute == m_pref.attribute)
        return;
    m_pref.attribute = attribute;
    // A new attribute starts over: open bounds, or its whole range for a drawn one.
    m_pref.min = -sim::kOpen;
    m_pref.max = sim::kOpen;
    if (m_pref.kind == PreferenceKind::RangeDrawn) {
        const AttributeScale scale = attributeScale(attribute, m_state);
        m_pref.min = scale.lo;
        m_pref.max = scale.hi;
    }
    load();
    emitChanged(false);
}

void PreferenceRow::emitChanged(bool continuous)
{
    Q_EMIT changed(m_pref, continuous);
}

} // namespace gdbm::ui
