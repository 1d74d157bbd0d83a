#include "pages/ArchetypeEditor.h"

#include "AppState.h"
#include "core/Text.h"
#include "models/ArchetypeListModel.h"
#include "pages/PreferenceRow.h"
#include "sim/ArchetypeMatch.h"
#include "util/Format.h"
#include "util/LabelStyle.h"
#include "util/Theme.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace gdbm::ui {
namespace {

using sim::PreferenceKind;

constexpr PreferenceKind kKinds[] = {
    PreferenceKind::Range,          PreferenceKind::RangeDrawn,       PreferenceKind::Genres,
    PreferenceKind::AnyCommonGenre, PreferenceKind::CommonGenreDrawn, PreferenceKind::NicheGenreDrawn,
    PreferenceKind::ArtistDrawn,    PreferenceKind::DecadeDrawn,
};

// What an edit of this preference changes, for the undo step's name: "popularity", "genres".
QString preferenceSubject(const sim::Preference& p)
{
    switch (p.kind) {
    case PreferenceKind::Range:
    case PreferenceKind::RangeDrawn:
        return QString::fromUtf8(sim::attributeKey(p.attribute)).replace('_', ' ');
    case PreferenceKind::Genres:
        return ArchetypeEditor::tr("genres");
    case PreferenceKind::ArtistDrawn:
        return ArchetypeEditor::tr("top artists");
    case PreferenceKind::DecadeDrawn:
        return ArchetypeEditor::tr("decades");
    default:
        return ArchetypeEditor::tr("preference");
    }
}

// The summary line of countMatches, as the editor shows it.
QString describeMatches(const sim::MatchRange& r)
{
    QString text;
    if (r.max == 0) {
        return ArchetypeEditor::tr("0 catalog tracks match: these users get random tracks");
    } else if (!r.drawn || r.min == r.max) {
        text = r.max == 1 ? ArchetypeEditor::tr("1 catalog track matches")
                          : ArchetypeEditor::tr("%1 catalog tracks match").arg(thousands(r.max));
        if (r.drawn)
            text += ArchetypeEditor::tr(", whatever the draw");
    } else if (r.exact) {
        text = ArchetypeEditor::tr("between %1 and %2 catalog tracks match, depending on the draw")
                   .arg(thousands(r.min), thousands(r.max));
    } else {
        text = r.max == 1 ? ArchetypeEditor::tr("up to 1 catalog track matches, depending on the draws")
                          : ArchetypeEditor::tr("up to %1 catalog tracks match, depending on the draws")
                                .arg(thousands(r.max));
    }
    if (r.drawsWithoutTracks > 0)
        text += '\n' + ArchetypeEditor::tr("%1 of %2 draws find no track (those users get random tracks)")
                           .arg(thousands(r.drawsWithoutTracks), thousands(r.discreteDraws));
    return text;
}

} // namespace

ArchetypeEditor::ArchetypeEditor(AppState& state, QWidget* parent) : QWidget(parent), m_state(state)
{
    setObjectName(QStringLiteral("archetypeEditor"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_content = new QWidget(this);
    outer->addWidget(m_content);

    auto* layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_name = new QLineEdit(m_content);
    m_name->setObjectName(QStringLiteral("archetypeName"));
    form->addRow(tr("&Name"), m_name);

    auto* numbers = new QHBoxLayout;
    auto* share = new SteppingSpinBox<QDoubleSpinBox>(m_content);
    m_share = share;
    m_share->setObjectName(QStringLiteral("archetypeShare"));
    m_share->setRange(0.0, 100.0);
    m_share->setDecimals(1);
    m_share->setSingleStep(0.5);
    m_share->setSuffix(QStringLiteral(" %"));
    m_share->setKeyboardTracking(false);
    m_share->setAlignment(Qt::AlignRight);
    m_share->setMinimumWidth(90);
    m_share->setToolTip(tr("Share of the simulated users who follow this archetype"));
    numbers->addWidget(m_share);
    numbers->addSpacing(16);
    auto* tracksLabel = new QLabel(tr("&Tracks per user"), m_content);
    // Never clipped: a little more than the text needs (the mnemonic's width is not counted).
    tracksLabel->setMinimumWidth(tracksLabel->fontMetrics().horizontalAdvance(tracksLabel->text()) + 4);
    tracksLabel->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    numbers->addWidget(tracksLabel);
    auto* tracksPerUser = new SteppingSpinBox<QSpinBox>(m_content);
    m_tracks = tracksPerUser;
    m_tracks->setObjectName(QStringLiteral("archetypeTracks"));
    m_tracks->setRange(1, 100000);
    m_tracks->setGroupSeparatorShown(true); // "12,000", as every count in the app
    m_tracks->setKeyboardTracking(false);
    m_tracks->setAlignment(Qt::AlignRight);
    m_tracks->setMinimumWidth(80);
    m_tracks->setToolTip(tr("How many tracks each of these users listens to"));
    tracksLabel->setBuddy(m_tracks);
    numbers->addWidget(m_tracks);
    numbers->addStretch(1);
    auto* shareLabel = new QLabel(tr("&Share of users"), m_content);
    shareLabel->setBuddy(m_share);
    form->addRow(shareLabel, numbers);
    layout->addLayout(form);

    m_problems = new QLabel(m_content);
    m_problems->setObjectName(QStringLiteral("archetypeProblems"));
    m_problems->setWordWrap(true);
    makeProblemText(m_problems);
    m_problems->hide();
    layout->addWidget(m_problems);

    auto* matchBox = new QFrame(m_content);
    matchBox->setObjectName(QStringLiteral("matchBox"));
    matchBox->setFrameShape(QFrame::StyledPanel);
    auto* matchLayout = new QVBoxLayout(matchBox);
    matchLayout->setContentsMargins(10, 6, 10, 6);
    matchLayout->setSpacing(2);
    m_matchCount = new QLabel(matchBox);
    followTheme(m_matchCount, [this] { updateCount(); });
    m_matchCount->setObjectName(QStringLiteral("matchCount"));
    m_matchCount->setWordWrap(true);
    QFont bigger = m_matchCount->font();
    bigger.setBold(true);
    m_matchCount->setFont(bigger);
    matchLayout->addWidget(m_matchCount);
    m_matchNote = new QLabel(matchBox);
    m_matchNote->setObjectName(QStringLiteral("matchNote"));
    m_matchNote->setWordWrap(true);
    m_matchNote->hide();
    matchLayout->addWidget(m_matchNote);
    layout->addWidget(matchBox);

    auto* header = new QHBoxLayout;
    auto* title = new QLabel(tr("Preferences (a track must pass all of them)"), m_content);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    header->addWidget(title);
    header->addStretch(1);
    m_add = new QToolButton(m_content);
    m_add->setObjectName(QStringLiteral("addPreference"));
    m_add->setText(tr("Add preference") + QStringLiteral(" \u25BE"));
    m_add->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; width: 0px; }"));
    m_add->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_add->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_add);
    for (const PreferenceKind kind : kKinds) {
        QAction* action = menu->addAction(preferenceKindLabel(kind));
        action->setObjectName(QStringLiteral("addPreference_") +
                              QString::fromUtf8(sim::preferenceKindKey(kind)));
        connect(action, &QAction::triggered, this, [this, kind] { addPreference(kind); });
    }
    m_add->setMenu(menu);
    header->addWidget(m_add);
    layout->addLayout(header);

    m_scroll = new QScrollArea(m_content);
    m_scroll->setObjectName(QStringLiteral("preferenceScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto* rowsWidget = new QWidget(m_scroll);
    m_rowsLayout = new QVBoxLayout(rowsWidget);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(8);
    m_noPreference = new QLabel(
        tr("No preference: every catalog track matches. Add one to narrow them down."), rowsWidget);
    m_noPreference->setWordWrap(true);
    m_noPreference->setEnabled(false);
    m_rowsLayout->addWidget(m_noPreference);
    m_rowsLayout->addStretch(1);
    m_scroll->setWidget(rowsWidget);
    layout->addWidget(m_scroll, 1);

    m_countTimer.setSingleShot(true);
    m_countTimer.setInterval(0);
    connect(&m_countTimer, &QTimer::timeout, this, &ArchetypeEditor::updateCount);

    connect(m_name, &QLineEdit::textEdited, this, [this](const QString& text) {
        if (const sim::Archetype* a = current()) {
            sim::Archetype next = *a;
            next.name = text.toStdString();
            commit(next, tr("Rename %1").arg(QString::fromStdString(a->name)), QStringLiteral("name"), true);
        }
    });
    connect(m_name, &QLineEdit::editingFinished, this, [this] {
        if (const sim::Archetype* a = current())
            commit(*a, {}, QStringLiteral("name"), false);
    });
    connect(m_share, &QDoubleSpinBox::valueChanged, this, [this, share](double percent) {
        if (const sim::Archetype* a = current()) {
            sim::Archetype next = *a;
            next.share = percent / 100.0;
            commit(next, tr("Change share of %1").arg(QString::fromStdString(a->name)),
                   QStringLiteral("share"), share->isStepping());
        }
    });
    connect(m_share, &QDoubleSpinBox::editingFinished, this, [this] {
        if (const sim::Archetype* a = current())
            commit(*a, {}, QStringLiteral("share"), false);
    });
    connect(m_tracks, &QSpinBox::valueChanged, this, [this, tracksPerUser](int value) {
        if (const sim::Archetype* a = current()) {
            sim::Archetype next = *a;
            next.tracksPerUser = value;
            commit(next, tr("Change tracks per user of %1").arg(QString::fromStdString(a->name)),
                   QStringLiteral("tracks"), tracksPerUser->isStepping());
        }
    });
    connect(m_tracks, &QSpinBox::editingFinished, this, [this] {
        if (const sim::Archetype* a = current())
            commit(*a, {}, QStringLiteral("tracks"), false);
    });

    connect(&m_state, &AppState::archetypesChanged, this, [this] { refresh(false); });
    connect(&m_state, &AppState::catalogChanged, this, [this] { refresh(true); });
    connect(&m_state, &AppState::genreStatsChanged, this, [this] { refresh(true); });
    refresh(true);
}

const sim::Archetype* ArchetypeEditor::current() const
{
    const auto& list = m_state.archetypes().archetypes;
    if (m_index < 0 || std::size_t(m_index) >= list.size())
        return nullptr;
    return &list[std::size_t(m_index)];
}

void ArchetypeEditor::setArchetypeIndex(int index)
{
    m_index = index;
    m_mergeField.clear();
    refresh(true);
}

void ArchetypeEditor::refresh(bool rebuild)
{
    if (!m_committing)
        m_mergeField.clear(); // an undo, a redo or another page: the next edit is a new step
    const sim::Archetype* a = current();
    m_content->setEnabled(a != nullptr);
    const QSignalBlocker blockName(m_name);
    const QSignalBlocker blockShare(m_share);
    const QSignalBlocker blockTracks(m_tracks);
    if (!a) {
        m_name->clear();
        m_share->setValue(0.0);
        m_tracks->setValue(m_tracks->minimum());
        m_problems->hide();
        rebuildRows();
        m_countTimer.start();
        return;
    }
    if (m_name->text() != QString::fromStdString(a->name))
        m_name->setText(QString::fromStdString(a->name));
    m_share->setValue(a->share * 100.0);
    m_tracks->setValue(a->tracksPerUser);

    QStringList problems;
    const sim::ArchetypeSet& set = m_state.archetypes();
    for (const sim::ArchetypeProblem& problem : set.problems()) {
        if (problem.archetype == std::size_t(m_index))
            problems << tr("Problem: %1").arg(QString::fromStdString(problem.message));
    }
    m_problems->setText(problems.join('\n'));
    m_problems->setVisible(!problems.isEmpty());

    bool sameShape = !rebuild && m_rows.size() == a->preferences.size();
    for (std::size_t i = 0; sameShape && i < m_rows.size(); ++i)
        sameShape = m_rows[i]->preference().kind == a->preferences[i].kind;
    if (sameShape) {
        for (std::size_t i = 0; i < m_rows.size(); ++i)
            m_rows[i]->setPreference(a->preferences[i]);
    } else {
        rebuildRows();
    }
    m_countTimer.start();
}

void ArchetypeEditor::rebuildRows()
{
    for (PreferenceRow* row : m_rows) {
        m_rowsLayout->removeWidget(row);
        row->hide();
        row->deleteLater(); // it may be the sender of the signal that got us here
    }
    m_rows.clear();
    const sim::Archetype* a = current();
    const std::size_t count = a ? a->preferences.size() : 0;
    for (std::size_t i = 0; i < count; ++i) {
        auto* row = new PreferenceRow(a->preferences[i], m_state, m_scroll->widget());
        connect(row, &PreferenceRow::changed, this, [this, i](const sim::Preference& p, bool continuous) {
            preferenceChanged(i, p, continuous);
        });
        connect(row, &PreferenceRow::removeRequested, this, [this, i] { removePreference(i); });
        m_rowsLayout->insertWidget(int(i), row);
        m_rows.push_back(row);
    }
    m_noPreference->setVisible(a && count == 0);
}

void ArchetypeEditor::updateCount()
{
    const sim::Archetype* a = current();
    m_matchNote->hide();
    QString style;
    if (!a) {
        m_matchCount->setText(tr("Select an archetype to edit it."));
    } else if (!m_state.catalog()) {
        m_matchCount->setText(tr("No catalog is open: open a dataset or the demo catalog to see how many "
                                 "tracks match."));
    } else {
        const sim::MatchRange r = sim::countMatches(*a, *m_state.catalog(), m_state.facts());
        m_matchCount->setText(describeMatches(r));
        if (r.max == 0 || r.drawsWithoutTracks > 0)
            style = QStringLiteral("color: %1;").arg(themeColor(ThemeColor::Warning).name());
        if (r.max > 0 && r.max < std::size_t(a->tracksPerUser)) {
            m_matchNote->setText(
                tr("Fewer than the %1 tracks each user listens to: some users will hear tracks again.")
                    .arg(thousands(std::size_t(a->tracksPerUser))));
            m_matchNote->show();
        }
    }
    m_matchCount->setStyleSheet(style);
}

void ArchetypeEditor::addPreference(sim::PreferenceKind kind)
{
    const sim::Archetype* a = current();
    if (!a)
        return;
    sim::Preference p;
    p.kind = kind;
    if (kind == PreferenceKind::RangeDrawn) {
        p.attribute = sim::attributeOf(data::Feature::Valence);
        const AttributeScale scale = attributeScale(p.attribute, m_state);
        p.min = scale.lo;
        p.max = scale.hi;
    }
    sim::Archetype next = *a;
    next.preferences.push_back(p);
    commit(next, tr("Add preference to %1").arg(QString::fromStdString(a->name)), {}, false);
    if (!m_rows.empty()) {
        PreferenceRow* added = m_rows.back();
        QTimer::singleShot(0, this, [this, added] {
            if (!m_rows.empty() && m_rows.back() == added) {
                m_scroll->ensureWidgetVisible(added);
                // Where the user goes on: the genre input, else the first editor.
                QWidget* first = added->findChild<QLineEdit*>(QStringLiteral("preferenceGenreInput"));
                for (QWidget* w : added->findChildren<QWidget*>()) {
                    if (!first && (w->focusPolicy() & Qt::TabFocus) && w->objectName() != "removePreference")
                        first = w;
                }
                if (first)
                    first->setFocus();
            }
        });
    }
}

void ArchetypeEditor::preferenceChanged(std::size_t row, const sim::Preference& preference, bool continuous)
{
    const sim::Archetype* a = current();
    if (!a || row >= a->preferences.size())
        return;
    sim::Archetype next = *a;
    next.preferences[row] = preference;
    commit(next, tr("Change %1 of %2").arg(preferenceSubject(preference), QString::fromStdString(a->name)),
           QStringLiteral("preference%1").arg(row), continuous);
}

void ArchetypeEditor::removePreference(std::size_t row)
{
    const sim::Archetype* a = current();
    if (!a || row >= a->preferences.size())
        return;
    sim::Archetype next = *a;
    next.preferences.erase(next.preferences.begin() + std::ptrdiff_t(row));
    commit(next,
           tr("Remove %1 preference from %2")
               .arg(preferenceSubject(a->preferences[row]), QString::fromStdString(a->name)),
           {}, false);
}

void ArchetypeEditor::commit(const sim::Archetype& next, const QString& description, const QString& field,
                             bool continuous)
{
    if (!current())
        return;
    const QString key = QString::number(m_index) + '/' + field;
    int mergeKey = -1;
    if (continuous) {
        if (field.isEmpty() || key != m_mergeField) {
            m_mergeField = key;
            m_mergeKey = ++m_nextMergeKey;
        }
        mergeKey = m_mergeKey;
    } else {
        m_mergeField.clear(); // a drag or a run of steps ends; the next edit is a step of its own
    }
    sim::ArchetypeSet set = m_state.archetypes();
    set.archetypes[std::size_t(m_index)] = next;
    m_committing = true;
    m_state.editArchetypes(set, description, mergeKey);
    m_committing = false;
}

} // namespace gdbm::ui
