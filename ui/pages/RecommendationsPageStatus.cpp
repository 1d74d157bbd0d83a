// The Recommendations page's banner: what is missing before it can recommend, and what is out
// of date in what it shows.
#include "jobs/EmbeddingCache.h"
#include "pages/RecommendationsPage.h"
#include "util/Format.h"
#include "util/LabelStyle.h"

#include <QLabel>

namespace gdbm::ui {
namespace {

// The link in the status banner that computes cancelled embeddings again.
constexpr const char* kRetryLink = "#retry";

} // namespace

QString RecommendationsPage::statusText() const
{
    QStringList missing;
    if (!m_state.simulation() || !m_state.simulationCatalog())
        missing << tr("Run the simulation first (Simulation page): recommendations are for its users.");
    if (!m_state.model())
        missing << tr(
            "Train a model on the Training page (or open a project with one) to see recommendations "
            "and the embedding map.");
    if (!missing.isEmpty())
        return missing.join(QLatin1Char('\n'));
    if (!m_embeddings->error().isEmpty())
        return tr("The catalog could not be embedded with this model: %1").arg(m_embeddings->error());
    const std::size_t tracks = m_state.simulationCatalog() ? m_state.simulationCatalog()->size() : 0;
    if (m_embeddings->wasCancelled())
        return tr("Computing the embeddings of %1 tracks was cancelled.").arg(thousands(tracks));
    if (!m_embeddings->current())
        return tr("Computing the embeddings of %1 tracks...").arg(thousands(tracks));
    return {};
}

QString RecommendationsPage::outOfDateText() const
{
    QStringList stale;
    if (m_state.simulation() && m_state.simulationOutOfDate())
        stale << tr("the catalog, the genre thresholds or the archetypes changed since the simulation, so "
                    "these are the last run's listeners and tracks: run it again (Ctrl+R)");
    if (const QString reason = m_state.modelOutOfDateReason(); !reason.isEmpty())
        stale << tr("the model no longer fits (%1): train again (Ctrl+T)").arg(reason);
    return stale.isEmpty() ? QString() : tr("Out of date: ") + stale.join(tr("; ")) + '.';
}

void RecommendationsPage::updateStatus()
{
    QString text = statusText();
    const QString stale = outOfDateText();
    if (!stale.isEmpty())
        text = text.isEmpty() ? stale : stale + '\n' + text;
    m_status->setStyleSheet(bannerStyle(stale.isEmpty() ? BannerKind::Note : BannerKind::OutOfDate));
    if (m_embeddings->wasCancelled() && m_embeddings->hasInputs())
        m_status->setText(text.toHtmlEscaped().replace('\n', "<br>") +
                          QStringLiteral(" <a href=\"%1\">%2</a>").arg(kRetryLink, tr("Compute them now")));
    else
        m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    updateMap();
}

} // namespace gdbm::ui
