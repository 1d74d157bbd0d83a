#include "pages/GenreThresholdBox.h"

#include "AppState.h"
#include "core/Text.h"
#include "util/Format.h"
#include "util/LabelStyle.h"

#include <QGridLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

namespace gdbm::ui {
namespace {

QString tracks(std::size_t n)
{
    return countOf(n, GenreThresholdBox::tr("track"), GenreThresholdBox::tr("tracks"));
}

void setTrackSuffix(QSpinBox* spin)
{
    spin->setSuffix(spin->value() == 1 ? GenreThresholdBox::tr(" track") : GenreThresholdBox::tr(" tracks"));
}

} // namespace

GenreThresholdBox::GenreThresholdBox(AppState& state, QWidget* parent)
    : QGroupBox(tr("Common and niche genres"), parent), m_state(state)
{
    setObjectName("thresholdBox");
    const auto spin = [](const char* name, const QString& tip) {
        auto* s = new QSpinBox;
        s->setObjectName(name);
        s->setRange(0, 1000000);
        s->setGroupSeparatorShown(true);
        s->setToolTip(tip);
        connect(s, &QSpinBox::valueChanged, s, [s] { setTrackSuffix(s); });
        setTrackSuffix(s);
        return s;
    };
    m_commonSpin = spin("commonThreshold", tr("A genre is common when more than this many tracks carry it"));
    m_nicheSpin = spin("nicheThreshold", tr("A genre is niche when at most this many tracks carry it"));
    m_commonLabel = new QLabel;
    m_commonLabel->setObjectName("commonCount");
    m_nicheLabel = new QLabel;
    m_nicheLabel->setObjectName("nicheCount");
    m_genreTotalLabel = new QLabel;
    m_genreTotalLabel->setObjectName("genreTotal");
    m_genreTotalLabel->setWordWrap(true);
    makeSecondary(m_genreTotalLabel);

    auto* grid = new QGridLayout(this);
    grid->setVerticalSpacing(4);
    grid->addWidget(new QLabel(tr("Common: more than")), 0, 0);
    grid->addWidget(m_commonSpin, 0, 1);
    grid->addWidget(m_commonLabel, 0, 2);
    grid->addWidget(new QLabel(tr("Niche: at most")), 1, 0);
    grid->addWidget(m_nicheSpin, 1, 1);
    grid->addWidget(m_nicheLabel, 1, 2);
    grid->addWidget(m_genreTotalLabel, 2, 0, 1, 3);
    grid->setColumnStretch(2, 1);
    grid->setRowStretch(3, 1);

    for (QSpinBox* edited : {m_commonSpin, m_nicheSpin}) {
        connect(edited, &QSpinBox::valueChanged, this, [this, edited] {
            // Common stays at or above niche: the other value moves along.
            if (m_nicheSpin->value() > m_commonSpin->value()) {
                QSpinBox* other = edited == m_commonSpin ? m_nicheSpin : m_commonSpin;
                const QSignalBlocker blocker(other);
                other->setValue(edited->value());
                setTrackSuffix(other);
            }
            onThresholdEdited();
        });
    }
    connect(&m_state, &AppState::genreStatsChanged, this, &GenreThresholdBox::onGenreStatsChanged);
    onGenreStatsChanged();
}

void GenreThresholdBox::onGenreStatsChanged()
{
    const data::GenreStats& stats = m_state.genreStats();
    {
        const QSignalBlocker blockCommon(m_commonSpin);
        const QSignalBlocker blockNiche(m_nicheSpin);
        m_commonSpin->setValue(int(stats.thresholds.commonAbove));
        m_nicheSpin->setValue(int(stats.thresholds.nicheAtMost));
    }
    setTrackSuffix(m_commonSpin);
    setTrackSuffix(m_nicheSpin);
    const std::size_t common = stats.common.size();
    const std::size_t niche = stats.niche.size();
    const std::size_t all = stats.byCount.size();
    m_commonLabel->setText(tr("%1 common %2 (more than %3)")
                               .arg(thousands(common), common == 1 ? tr("genre") : tr("genres"),
                                    tracks(stats.thresholds.commonAbove)));
    m_nicheLabel->setText(tr("%1 niche %2 (%3 or fewer)")
                              .arg(thousands(niche), niche == 1 ? tr("genre") : tr("genres"),
                                   tracks(stats.thresholds.nicheAtMost)));
    if (!m_state.catalog())
        m_genreTotalLabel->setText(tr("No dataset loaded."));
    else if (all == 0)
        m_genreTotalLabel->setText(tr("The catalog has no genres."));
    else
        m_genreTotalLabel->setText(
            tr("%1 genres in all; %2 in between. Archetypes that ask for a common or a "
               "niche genre draw from these sets.")
                .arg(thousands(all), thousands(all - common - niche)));
}

void GenreThresholdBox::onThresholdEdited()
{
    data::GenreThresholds thresholds;
    thresholds.commonAbove = std::size_t(m_commonSpin->value());
    thresholds.nicheAtMost = std::size_t(m_nicheSpin->value());
    m_state.setThresholds(thresholds);
}

} // namespace gdbm::ui
