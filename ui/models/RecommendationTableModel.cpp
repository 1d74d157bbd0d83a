#include "models/RecommendationTableModel.h"

#include "core/Text.h"
#include "models/CatalogTableModel.h"
#include "models/ColumnAlignment.h"
#include "models/HistoryTableModel.h"
#include "rec/RecommendationCsv.h"
#include "util/Format.h"
#include "util/Theme.h"

#include <QBrush>
#include <QColor>
#include <cmath>

namespace gdbm::ui {
namespace {

bool isNumeric(int column)
{
    return column == RecommendationTableModel::RankColumn || column == RecommendationTableModel::YearColumn ||
           column == RecommendationTableModel::SimilarityColumn;
}

QString modalityName(const rec::ModalityShare& share)
{
    const std::string_view key = model::modalityKey(share.modality);
    return QString::fromLatin1(key.data(), qsizetype(key.size()));
}

// Three decimals, signed; below the last decimal shown, no sign: "-0.000" would read as a loss.
QString contributionText(const rec::ModalityShare& share)
{
    const double contribution = std::abs(share.contribution) < 5e-4 ? 0.0 : share.contribution;
    return contribution == 0.0 ? QStringLiteral("0.000") : QString::asprintf("%+.3f", contribution);
}

// "audio +0.012", "listening inferred": a share as the tooltip and the line under the table say it.
QString shareText(const rec::ModalityShare& share)
{
    return share.inferred
               ? RecommendationTableModel::tr("%1 inferred").arg(modalityName(share))
               : RecommendationTableModel::tr("%1 %2").arg(modalityName(share), contributionText(share));
}

} // namespace

RecommendationTableModel::RecommendationTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void RecommendationTableModel::setRecommendations(std::shared_ptr<const sim::SimulationResult> simulation,
                                                  std::shared_ptr<const data::Catalog> catalog,
                                                  std::uint32_t user,
                                                  std::vector<rec::Recommendation> recommendations)
{
    beginResetModel();
    m_simulation = std::move(simulation);
    m_catalog = std::move(catalog);
    m_user = user;
    m_recommendations = std::move(recommendations);
    m_fits.clear();
    m_new.clear();
    m_shares.clear();
    std::vector<double> scores;
    for (const rec::Recommendation& r : m_recommendations) {
        m_fits.push_back(rec::fitsArchetype(m_simulation->users[user], *m_catalog, r.track));
        scores.push_back(double(r.score));
    }
    // Two different scores never show the same text: the column has the decimals that tell them apart.
    m_decimals = text::distinguishingDecimals(scores);
    endResetModel();
}

void RecommendationTableModel::setHybridNotes(std::vector<bool> isNew,
                                              std::vector<std::vector<rec::ModalityShare>> shares)
{
    m_new = std::move(isNew);
    m_shares = std::move(shares);
    if (!m_recommendations.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void RecommendationTableModel::clear()
{
    if (m_recommendations.empty() && !m_simulation)
        return;
    beginResetModel();
    m_simulation.reset();
    m_catalog.reset();
    m_recommendations.clear();
    m_fits.clear();
    m_new.clear();
    m_shares.clear();
    endResetModel();
}

int RecommendationTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_recommendations.size());
}

int RecommendationTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RecommendationTableModel::text(int row, int column) const
{
    const rec::Recommendation& r = m_recommendations[std::size_t(row)];
    const data::Track& t = m_catalog->track(r.track);
    switch (column) {
    case RankColumn:
        return QString::number(row + 1);
    case TrackColumn:
        return isNew(row) ? tr("%1  [new]").arg(fromStd(t.name)) : fromStd(t.name);
    case ArtistColumn:
        return fromStd(t.artistsText);
    case GenresColumn:
        return genreText(*m_catalog, r.track);
    case YearColumn:
        return t.year > 0 ? QString::number(t.year) : QString();
    case SimilarityColumn:
        return QString::number(double(r.score), 'f', m_decimals);
    case FitsColumn:
        return fits(row) ? tr("\u2713 yes") : tr("no");
    case BecauseColumn: {
        QStringList names;
        for (const rec::Recommendation::Reason& reason : r.because)
            names << fromStd(m_catalog->track(reason.track).name);
        return names.join(QStringLiteral("; "));
    }
    case ModalitiesColumn:
        return modalitiesText(row, false);
    default:
        return {};
    }
}

QString RecommendationTableModel::modalitiesText(int row, bool longForm) const
{
    if (std::size_t(row) >= m_shares.size() || m_shares[std::size_t(row)].empty())
        return longForm ? tr("The audio-only model has one modality: the audio features.") : QString();
    QStringList parts;
    QStringList brief; // the column's: "A +0.001  T +0.120  L new", initials the header explains
    for (const rec::ModalityShare& share : m_shares[std::size_t(row)]) {
        const QString name = modalityName(share);
        const QString initial = name.left(1).toUpper();
        const QString value = contributionText(share);
        parts << shareText(share);
        brief << (share.inferred ? tr("%1 new").arg(initial) : tr("%1 %2").arg(initial, value));
    }
    if (!longForm)
        return brief.join(QStringLiteral("  "));
    return tr("What each modality adds to the similarity: the similarity minus the similarity of the song "
              "inferred without it.\n") +
           parts.join(QLatin1Char('\n')) +
           (isNew(row) ? tr("\nNobody heard this song in the training listening: its listening was inferred "
                            "from its other modalities.")
                       : QString());
}

QString RecommendationTableModel::explanation(int row) const
{
    if (!m_catalog || row < 0 || row >= rowCount())
        return {};
    const rec::Recommendation& r = m_recommendations[std::size_t(row)];
    QStringList reasons;
    for (const rec::Recommendation::Reason& reason : r.because)
        reasons << tr("%1 (%2)")
                       .arg(fromStd(rec::trackLabel(*m_catalog, reason.track)))
                       .arg(double(reason.term), 0, 'f', 3);
    QString text = tr("#%1 %2, similarity %3: because you played %4.")
                       .arg(row + 1)
                       .arg(fromStd(rec::trackLabel(*m_catalog, r.track)))
                       .arg(double(r.score), 0, 'f', m_decimals) // as the Similarity column
                       .arg(reasons.join(QStringLiteral("; ")));
    if (std::size_t(row) < m_shares.size() && !m_shares[std::size_t(row)].empty()) {
        QStringList parts;
        for (const rec::ModalityShare& share : m_shares[std::size_t(row)])
            parts << shareText(share);
        text += " " + tr("Similarity lost without each modality: %1.").arg(parts.join(QStringLiteral(", ")));
    }
    if (isNew(row))
        text += " " + tr("New: nobody heard it in training; its listening was inferred.");
    return text;
}

QString RecommendationTableModel::becauseTooltip(int row) const
{
    const rec::Recommendation& r = m_recommendations[std::size_t(row)];
    // The terms of every history track sum to the similarity; these are the largest ones.
    QStringList lines{
        tr("Similarity %1; the tracks of the history that contribute most:").arg(double(r.score), 0, 'f', 3)};
    for (const rec::Recommendation::Reason& reason : r.because)
        lines << tr("%1: %2")
                     .arg(fromStd(rec::trackLabel(*m_catalog, reason.track)))
                     .arg(double(reason.term), 0, 'f', 3);
    return lines.join(QLatin1Char('\n'));
}

QVariant RecommendationTableModel::data(const QModelIndex& index, int role) const
{
    if (!m_catalog || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    const rec::Recommendation& r = m_recommendations[std::size_t(row)];
    switch (role) {
    case Qt::DisplayRole:
        return text(row, column);
    case Qt::ToolTipRole:
        if (column == BecauseColumn)
            return becauseTooltip(row);
        if (column == ModalitiesColumn)
            return modalitiesText(row, true);
        if (column == TrackColumn && isNew(row))
            return tr("%1\nNew: nobody heard it in the listening the model learned from; its listening "
                      "was inferred from its audio and tags.")
                .arg(fromStd(m_catalog->track(m_recommendations[std::size_t(row)].track).name));
        if (column == FitsColumn)
            return fits(row) ? tr("The track passes every preference this user drew from their archetype")
                             : tr("The track fails at least one of this user's preferences");
        if (column == TrackColumn || column == ArtistColumn || column == GenresColumn)
            return text(row, column);
        return {};
    case Qt::ForegroundRole:
        if (column == FitsColumn)
            return QBrush(themeColor(fits(row) ? ThemeColor::Good : ThemeColor::Muted));
        return {};
    case kSortRole:
        switch (column) {
        case RankColumn:
            return double(row);
        case YearColumn: {
            const int year = m_catalog->track(r.track).year;
            return year > 0 ? QVariant(double(year)) : QVariant();
        }
        case SimilarityColumn:
            return double(r.score);
        case FitsColumn:
            return fits(row) ? 1.0 : 0.0;
        default:
            return text(row, column).toCaseFolded();
        }
    case Qt::TextAlignmentRole:
        return columnAlignment(isNumeric(column));
    default:
        return {};
    }
}

QVariant RecommendationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return columnAlignment(isNumeric(section));
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case SimilarityColumn:
            return tr(
                "The mean cosine similarity between the track's embedding and those of the songs the user "
                "played");
        case FitsColumn:
            return tr("Fits the user's archetype: whether the track passes the preferences the user drew "
                      "from it");
        case BecauseColumn:
            return tr("The three tracks of the user's history that contribute most to the similarity");
        case ModalitiesColumn:
            return tr("Hybrid model: what each modality adds to the similarity, measured by leaving it out "
                      "of the song's inference. A audio, T tags, L listening; 'L new': nobody heard the "
                      "song, its listening is inferred");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RankColumn:
        return tr("#");
    case TrackColumn:
        return tr("Track");
    case ArtistColumn:
        return tr("Artist");
    case GenresColumn:
        return tr("Genres");
    case YearColumn:
        return tr("Year");
    case SimilarityColumn:
        return tr("Similarity");
    case FitsColumn:
        return tr("Fits");
    case BecauseColumn:
        return tr("Because you played");
    case ModalitiesColumn:
        return tr("Modalities");
    default:
        return {};
    }
}

} // namespace gdbm::ui
