#include "pages/LoadSummaryBox.h"

#include "core/Text.h"
#include "data/Catalog.h"
#include "util/Format.h"
#include "util/LabelStyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace gdbm::ui {
namespace {

using data::Feature;

constexpr int kNotesShown = 3;

} // namespace

LoadSummaryBox::LoadSummaryBox(QWidget* parent) : QGroupBox(tr("Dataset"), parent)
{
    setObjectName("datasetBox");
    m_datasetLabel = new QLabel;
    m_datasetLabel->setObjectName("datasetLabel");
    m_datasetLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_datasetLabel->font();
    bold.setBold(true);
    m_datasetLabel->setFont(bold);
    m_syntheticBadge = new QLabel(tr("SYNTHETIC"));
    m_syntheticBadge->setObjectName("syntheticBadge");
    m_syntheticBadge->setToolTip(tr("Generated tracks, not real songs: good for trying the app out"));
    m_syntheticBadge->setStyleSheet("QLabel { background: #c77d12; color: white; font-weight: bold;"
                                    " border-radius: 3px; padding: 1px 6px; }");
    m_rowsLabel = new QLabel;
    m_rowsLabel->setObjectName("rowsLabel");
    m_droppedLabel = new QLabel;
    m_droppedLabel->setObjectName("droppedLabel");
    m_droppedLabel->setWordWrap(true);
    m_droppedLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_featuresLabel = new QLabel;
    m_featuresLabel->setObjectName("featuresLabel");
    m_featuresLabel->setWordWrap(true);
    m_conversionsLabel = new QLabel;
    m_conversionsLabel->setObjectName("conversionsLabel");
    m_conversionsLabel->setWordWrap(true);
    m_conversionsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notesLabel = new QLabel;
    m_notesLabel->setObjectName("notesLabel");
    m_notesLabel->setWordWrap(true);
    makeSecondary(m_notesLabel);

    auto* title = new QHBoxLayout;
    title->addWidget(m_datasetLabel);
    title->addWidget(m_syntheticBadge);
    title->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(3);
    layout->addLayout(title);
    layout->addWidget(m_rowsLabel);
    layout->addWidget(m_droppedLabel);
    layout->addWidget(m_featuresLabel);
    layout->addWidget(m_conversionsLabel);
    layout->addWidget(m_notesLabel);
    layout->addStretch(1);
}

void LoadSummaryBox::showCatalog(const data::Catalog* catalog)
{
    m_syntheticBadge->setVisible(catalog && catalog->isSynthetic());
    if (!catalog) {
        m_datasetLabel->setText(tr("No dataset loaded"));
        m_rowsLabel->setText(tr("Open a CSV file (File > Open dataset...) or the demo catalog."));
        for (QLabel* label : {m_droppedLabel, m_featuresLabel, m_conversionsLabel, m_notesLabel})
            label->clear();
        return;
    }
    const data::LoadReport& report = catalog->report();
    m_datasetLabel->setText(fromStd(catalog->label()));
    QString rows = tr("%1 rows read").arg(thousands(report.rowsRead));
    if (report.files.size() > 1)
        rows += tr(" · %1 after merging %2 files").arg(thousands(report.rowsMerged)).arg(report.files.size());
    rows += tr(" · %1 kept · %2 dropped").arg(thousands(report.rowsKept), thousands(report.droppedTotal()));
    m_rowsLabel->setText(rows);

    // One line per reason, with the first lines dropped for it, so the user can look them up.
    QStringList drops;
    for (const auto& drop : report.dropped)
        drops << fromStd(data::describeDrop(drop));
    m_droppedLabel->setText(drops.isEmpty() ? tr("No rows dropped.")
                                            : tr("Dropped %1").arg(drops.join(tr("\nDropped "))));

    // Which columns were rescaled and why; a file of 0-100 columns has seven, so the first few
    // show and the tooltip has them all.
    QStringList conversions;
    for (const std::string& conversion : report.conversions)
        conversions << fromStd(conversion);
    QStringList shownConversions = conversions.mid(0, kNotesShown - 1);
    if (conversions.size() > shownConversions.size())
        shownConversions
            << tr("and %1 more (hover for all)").arg(conversions.size() - shownConversions.size());
    m_conversionsLabel->setText(
        conversions.isEmpty() ? QString()
                              : tr("Converted to Spotify's units: %1").arg(shownConversions.join(tr("; "))));
    m_conversionsLabel->setToolTip(conversions.join('\n'));
    m_conversionsLabel->setVisible(!conversions.isEmpty());

    QStringList missing;
    for (Feature f : data::kAllFeatures) {
        if (!catalog->availableFeatures().contains(f))
            missing << fromStd(data::featureName(f));
    }
    const QString found =
        tr("%1 of %2 audio features found").arg(catalog->availableFeatures().size()).arg(data::kFeatureCount);
    m_featuresLabel->setText(
        missing.isEmpty() ? found + tr(" (all)")
                          : found + tr("; missing %1: %2").arg(missing.size()).arg(missing.join(", ")));

    QStringList notes;
    for (const std::string& note : report.notes)
        notes << fromStd(note);
    QStringList shown = notes.mid(0, kNotesShown);
    if (notes.size() > kNotesShown)
        shown << tr("and %1 more").arg(notes.size() - kNotesShown);
    m_notesLabel->setText(shown.join(QStringLiteral(" · ")));
    m_notesLabel->setToolTip(notes.join('\n'));
    m_notesLabel->setVisible(!notes.isEmpty());
}

} // namespace gdbm::ui
