#include "pages/RecommendationsPage.h"

#include "charts/EmbeddingMap.h"
#include "core/Text.h"
#include "jobs/JobRunner.h"
#include "models/CatalogTableModel.h"
#include "models/HistoryTableModel.h"
#include "models/RecommendationTableModel.h"
#include "pages/DataTable.h"
#include "pages/UserDetailsPanel.h"
#include "pages/UserListPane.h"
#include "rec/RecommendationCsv.h"
#include "rec/Recommender.h"
#include "util/FileDialog.h"
#include "util/Format.h"
#include "util/LabelStyle.h"
#include "util/MessageBox.h"
#include "util/RememberedSplitter.h"
#include "util/SavedNotice.h"
#include "util/ShownFocus.h"

#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace gdbm::ui {
namespace {

constexpr const char* kEmbeddingSetting = "recommendations/embedding";
constexpr const char* kTopNSetting = "recommendations/topN";
constexpr int kDefaultTopN = 10;
constexpr std::size_t kReasons = 3;

QString mapCaption(const rec::Projection2d& map)
{
    if (!(map.totalVariance > 0.0))
        return QObject::tr("All tracks have the same embedding");
    return QObject::tr("Horizontal: principal component 1 (%1% of the variance); vertical: component 2 (%2%)")
        .arg(100.0 * map.variance[0] / map.totalVariance, 0, 'f', 0)
        .arg(100.0 * map.variance[1] / map.totalVariance, 0, 'f', 0);
}

QString kindName(rec::EmbeddingKind kind)
{
    switch (kind) {
    case rec::EmbeddingKind::TopLayer:
        return QObject::tr("top-layer");
    case rec::EmbeddingKind::AllLayers:
        return QObject::tr("all-hidden-layers");
    case rec::EmbeddingKind::Reconstruction:
        return QObject::tr("reconstruction");
    }
    return {};
}

} // namespace

RecommendationsPage::RecommendationsPage(AppState& state, QWidget* parent)
    : QWidget(parent), m_state(state), m_jobs(new JobRunner(this)), m_ranker(new JobRunner(this)),
      m_rankingSlow(new QTimer(this)), m_embeddings(new EmbeddingCache(m_jobs, this)),
      m_history(new HistoryTableModel(this)), m_recommendations(new RecommendationTableModel(this)),
      m_historySort(new QSortFilterProxyModel(this)), m_recommendationSort(new QSortFilterProxyModel(this))
{
    setObjectName("recommendationsPage");
    for (QSortFilterProxyModel* sort : {m_historySort, m_recommendationSort})
        sort->setSortRole(kSortRole);
    m_historySort->setSourceModel(m_history);
    m_recommendationSort->setSourceModel(m_recommendations);

    m_status = new QLabel;
    m_status->setObjectName("recommendationsStatus");
    m_status->setWordWrap(true);
    m_status->setMargin(8);
    m_status->setStyleSheet(bannerStyle(BannerKind::Note));

    m_userList = new UserListPane;
    setShownFocus(this, m_userList); // shown with Ctrl+5, arrows step through the listeners
    m_userList->setObjectName("userListPane");
    m_find = new QShortcut(QKeySequence::Find, this);
    m_find->setContext(Qt::WidgetWithChildrenShortcut);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName("recommendationsSplitter");
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_userList);
    splitter->addWidget(buildDetailsPane());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({m_userList->preferredWidth(), 900});
    rememberSplitterSizes(splitter);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);

    connectSignals();
    onSimulationChanged();
}

void RecommendationsPage::connectSignals()
{
    connect(m_recommendationTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RecommendationsPage::showWhy);
    // A new list starts on its first recommendation, so that its reasons show at once.
    connect(m_recommendations, &QAbstractItemModel::modelReset, this, [this] {
        if (m_recommendationSort->rowCount() > 0)
            m_recommendationTable->setCurrentIndex(m_recommendationSort->index(0, 0));
        showWhy();
    });
    connect(m_status, &QLabel::linkActivated, m_embeddings, &EmbeddingCache::retry);
    connect(m_userList, &UserListPane::currentUserChanged, this, [this](quint32 user) {
        if (m_user != user)
            showUser(user);
    });
    connect(m_find, &QShortcut::activated, m_userList, &UserListPane::focusSearch);
    connect(m_topN, &QSpinBox::valueChanged, this, [this](int n) {
        QSettings().setValue(kTopNSetting, n);
        showRecommendations();
    });
    connect(m_embeddingKind, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kEmbeddingSetting, m_embeddingKind->currentData());
        requestEmbeddings();
    });
    connect(m_export, &QPushButton::clicked, this, &RecommendationsPage::exportRecommendations);
    // A request made while a ranking ran starts once that one has stopped.
    connect(m_ranker, &JobRunner::finished, this, &RecommendationsPage::startRanking);
    connect(m_ranker, &JobRunner::failed, this, [this](const QString& message) {
        if (m_pendingRanking)
            return; // a newer request follows
        // Not the last user's list under this one's name.
        m_recommendations->clear();
        m_map->setHighlights({}, {});
        m_tabs->setTabText(0, tr("Recommendations"));
        m_rankingInfo->setText(tr("Could not rank the tracks: %1").arg(message));
    });
    m_rankingSlow->setSingleShot(true);
    m_rankingSlow->setInterval(150);
    connect(m_rankingSlow, &QTimer::timeout, this, [this] {
        if (m_ranker->isRunning() && !m_ranker->wasSuperseded())
            m_rankingInfo->setText(tr("Ranking the tracks for this user..."));
    });
    connect(m_jobs, &JobRunner::progress, this, [this](const QString& stage, qint64 done, qint64 total) {
        m_status->setText(total > 0 ? tr("%1: %2%").arg(stage).arg(100 * done / total) : stage + "...");
    });
    // Rankings from other embeddings go at once rather than linger under the new choice.
    connect(m_embeddings, &EmbeddingCache::changed, this, [this] {
        showRecommendations();
        updateStatus();
    });
    connect(&m_state, &AppState::simulationChanged, this, &RecommendationsPage::onSimulationChanged);
    connect(&m_state, &AppState::modelChanged, this, [this] {
        requestEmbeddings();
        updateStatus();
    });
    // What makes the listeners or the model out of date changes no ranking: the banner says so.
    connect(&m_state, &AppState::simulationOutOfDateChanged, this, &RecommendationsPage::updateStatus);
    connect(&m_state, &AppState::catalogChanged, this, &RecommendationsPage::updateStatus);
}

RecommendationsPage::~RecommendationsPage() = default;

QWidget* RecommendationsPage::buildDetailsPane()
{
    m_details = new UserDetailsPanel;
    m_details->setObjectName("userDetails");

    m_topN = new QSpinBox;
    m_topN->setObjectName("topN");
    m_topN->setRange(1, 100);
    m_topN->setValue(std::clamp(QSettings().value(kTopNSetting, kDefaultTopN).toInt(), 1, 100));
    m_topN->setToolTip(tr("How many tracks to recommend"));

    m_embeddingKind = new QComboBox;
    m_embeddingKind->setObjectName("embeddingKind");
    m_embeddingKind->addItem(tr("Top layer"),
                             QString::fromLatin1(rec::embeddingKey(rec::EmbeddingKind::TopLayer)));
    m_embeddingKind->addItem(tr("All hidden layers"),
                             QString::fromLatin1(rec::embeddingKey(rec::EmbeddingKind::AllLayers)));
    m_embeddingKind->addItem(tr("Reconstruction"),
                             QString::fromLatin1(rec::embeddingKey(rec::EmbeddingKind::Reconstruction)));
    m_embeddingKind->setToolTip(
        tr("What represents a track: the top hidden layer's activation, every hidden layer's (the "
           "default: it ranks best), or the model's reconstruction of its features"));
    const QString saved =
        QSettings()
            .value(kEmbeddingSetting, QString::fromLatin1(rec::embeddingKey(rec::kDefaultEmbedding)))
            .toString();
    m_embeddingKind->setCurrentIndex(std::max(0, m_embeddingKind->findData(saved)));

    m_export = new QPushButton(tr("Export CSV..."));
    m_export->setObjectName("exportRecommendations");
    m_export->setToolTip(tr("Save the recommendations shown, with their explanations, as a CSV file"));
    m_export->setEnabled(false);

    m_rankingInfo = new QLabel;
    m_rankingInfo->setObjectName("rankingInfo");
    m_rankingInfo->setWordWrap(true);
    makeSecondary(m_rankingInfo);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Top")));
    controls->addWidget(m_topN);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Embedding")));
    controls->addWidget(m_embeddingKind);
    controls->addStretch();
    controls->addWidget(m_export);

    m_recommendationTable = createDataTable("recommendationTable", m_recommendationSort);
    m_historyTable = createDataTable("historyTable", m_historySort);
    // "Because you played", the last column, takes the rest.
    setTypicalColumnWidths(m_recommendationTable,
                           {"100", "Losing Into the Sto", "Helen Myers & T", "hip hop, rap", "0000", "0.0000",
                            "\u2713 yes", "audio -0.000 \u00b7 tags -0.000 \u00b7 listening -0.000"});
    setTypicalColumnWidths(m_historyTable, {"Falling Through the City", "The Red Rivers",
                                            "pop, dance pop, europop", "0000", "0.0"});

    m_map = new EmbeddingMap;
    m_map->setObjectName("embeddingMap");

    m_tabs = new QTabWidget;
    m_tabs->setObjectName("recommendationTabs");
    // Why the current recommendation: the last columns' content, which a window of 1,280 pixels
    // has no room to show beside the user list.
    m_why = new QLabel;
    m_why->setObjectName("recommendationWhy");
    m_why->setWordWrap(true);
    m_why->setTextInteractionFlags(Qt::TextSelectableByMouse);
    makeSecondary(m_why);
    auto* recommendationsTab = new QWidget;
    auto* recommendationsLayout = new QVBoxLayout(recommendationsTab);
    recommendationsLayout->setContentsMargins(0, 0, 0, 0);
    recommendationsLayout->addWidget(m_recommendationTable, 1);
    recommendationsLayout->addWidget(m_why);
    m_tabs->addTab(recommendationsTab, tr("Recommendations"));
    m_tabs->addTab(m_historyTable, tr("History"));
    m_tabs->addTab(m_map, tr("Embedding map"));
    m_tabs->setTabToolTip(2, tr("Each point is a track, placed by its embedding's two principal components: "
                                "tracks close together have similar embeddings. Hover a point to name it."));

    auto* pane = new QWidget;
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_details);
    layout->addLayout(controls);
    layout->addWidget(m_rankingInfo);
    layout->addWidget(m_tabs, 1);
    return pane;
}

QAbstractItemModel* RecommendationsPage::userModel() const
{
    return m_userList->model();
}

QAbstractItemModel* RecommendationsPage::historyModel() const
{
    return m_history;
}

QAbstractItemModel* RecommendationsPage::recommendationModel() const
{
    return m_recommendations;
}

rec::EmbeddingKind RecommendationsPage::embeddingKind() const
{
    return rec::embeddingFromKey(m_embeddingKind->currentData().toString().toStdString())
        .value_or(rec::kDefaultEmbedding);
}

void RecommendationsPage::onSimulationChanged()
{
    const auto simulation = m_state.simulation();
    const auto catalog = m_state.simulationCatalog();
    const std::optional<std::uint32_t> previous = m_user;
    m_user.reset();
    m_userList->setSimulation(simulation && catalog ? simulation : nullptr, catalog ? catalog->size() : 0);
    requestEmbeddings();
    // Keep the same row across runs (a rerun with another seed, say), else the first user.
    const std::size_t users = std::size_t(m_userList->userCount());
    if (users > 0)
        selectUser(previous && *previous < users ? *previous : 0);
    else
        showUser(std::nullopt);
    updateStatus();
}

void RecommendationsPage::requestEmbeddings()
{
    const bool haveUsers = m_state.simulation() && m_state.simulationCatalog();
    m_embeddings->request(m_state.model(), haveUsers ? m_state.simulationCatalog() : nullptr,
                          embeddingKind());
}

void RecommendationsPage::selectUser(std::uint32_t userIndex)
{
    if (int(userIndex) >= m_userList->userCount())
        return;
    m_userList->setCurrentUser(userIndex);
    // A user the filter hides is still shown; so is the current row chosen again.
    if (m_user != userIndex)
        showUser(userIndex);
}

void RecommendationsPage::showUser(std::optional<std::uint32_t> user)
{
    const auto simulation = m_userList->simulation();
    const auto catalog = m_state.simulationCatalog();
    m_user = simulation && catalog ? user : std::nullopt;
    m_history->setUser(simulation, catalog, m_user);
    if (m_user)
        m_details->showUser(*simulation, *catalog, *m_user);
    else
        m_details->showHint(simulation ? tr("Choose a user in the list.")
                                       : tr("Run the simulation first: its users appear here."));
    // One row per play; the map and the details count tracks: say both when a track was replayed.
    const std::size_t plays = std::size_t(m_history->rowCount());
    const std::size_t tracks = m_history->distinctTracks().size();
    m_tabs->setTabText(1,
                       !m_user ? tr("History")
                       : plays == tracks
                           ? tr("History (%1)").arg(thousands(plays))
                           : tr("History (%1 plays of %2 tracks)").arg(thousands(plays), thousands(tracks)));
    showRecommendations();
}

void RecommendationsPage::updateMap()
{
    const std::shared_ptr<const EmbeddingSnapshot> snapshot = m_embeddings->current();
    if (!snapshot) {
        m_map->clear(statusText());
        return;
    }
    // The map shares the snapshot's points (the aliasing pointer keeps the snapshot alive, so
    // comparing addresses is safe): a new projection only for a new snapshot.
    if (m_map->points().get() != &snapshot->map.points)
        m_map->setProjection(std::shared_ptr<const Matrix>(snapshot, &snapshot->map.points),
                             snapshot->catalog, mapCaption(snapshot->map));
}

void RecommendationsPage::showRecommendations()
{
    updateMap();
    const std::shared_ptr<const EmbeddingSnapshot> snapshot = m_embeddings->current();
    if (!m_user || !snapshot) {
        m_pendingRanking.reset();
        m_ranker->supersede();
        m_rankingSlow->stop();
        m_recommendations->clear();
        m_export->setEnabled(false);
        m_tabs->setTabText(0, tr("Recommendations"));
        m_rankingInfo->clear(); // the banner says why
        return;
    }
    // The list shown stays until the new one is ranked (a few milliseconds on most catalogs, so
    // nothing flickers), but it cannot be exported as the new user's.
    m_export->setEnabled(false);
    m_pendingRanking =
        RankingRequest{snapshot, m_userList->simulation(), *m_user, std::size_t(m_topN->value())};
    startRanking();
}

void RecommendationsPage::startRanking()
{
    if (!m_pendingRanking)
        return;
    // One ranking at a time: a newer request waits for the running one to stop (its result is
    // dropped), then starts from finished().
    if (m_ranker->isRunning()) {
        m_ranker->supersede();
        return;
    }
    const RankingRequest request = *std::exchange(m_pendingRanking, std::nullopt);
    m_ranker->start(
        tr("Ranking"),
        [request](const ProgressCallback&, const CancelFlag& cancel) {
            return std::any(rankUser(request, kReasons, &cancel));
        },
        [this](std::any result) { showRanking(std::any_cast<UserRanking&&>(std::move(result))); });
    // Only a ranking that takes long says so: a quick one would flash the line.
    m_rankingSlow->start();
}

void RecommendationsPage::showRanking(UserRanking ranking)
{
    const RankingRequest& request = ranking.request;
    if (m_pendingRanking || request.snapshot != m_embeddings->current() || request.user != m_user)
        return; // a newer request follows
    m_rankingSlow->stop();
    const EmbeddingSnapshot& s = *request.snapshot;
    m_lastRankingMs = ranking.milliseconds;
    std::vector<std::uint32_t> recommended;
    for (const rec::Recommendation& r : ranking.top)
        recommended.push_back(r.track);
    m_recommendations->setRecommendations(request.simulation, s.catalog, request.user,
                                          std::move(ranking.top));
    m_recommendations->setHybridNotes(std::move(ranking.isNew), std::move(ranking.shares));
    showWhy(); // with the notes, which come after the rows
    const int modalities = RecommendationTableModel::ModalitiesColumn;
    if (m_recommendationTable->isColumnHidden(modalities) == s.model->isHybrid()) {
        m_recommendationTable->setColumnHidden(modalities, !s.model->isHybrid());
        // A section shown again comes back at its default width: fit it to what it says.
        if (s.model->isHybrid())
            m_recommendationTable->resizeColumnToContents(modalities);
    }
    m_map->setHighlights(ranking.history.tracks, recommended);
    m_export->setEnabled(m_recommendations->rowCount() > 0);
    m_tabs->setTabText(0, tr("Recommendations (%1)").arg(m_recommendations->rowCount()));
    const std::size_t unheard = s.catalog->size() - ranking.history.tracks.size();
    m_rankingInfo->setText(
        tr("Ranked %1 unheard tracks by their mean cosine similarity with the user's songs (%2 embedding, "
           "%3 dimensions) in %4 ms.")
            .arg(thousands(unheard), kindName(s.kind))
            .arg(s.embeddings.cols())
            .arg(m_lastRankingMs, 0, 'f', 1) +
        (!s.model->isHybrid() ? QString()
         : s.anyNewTrack
             ? tr(" Hybrid model: songs marked [new] had nobody listening in training; their listening is "
                  "inferred.")
             : tr(" Hybrid model: every song had a listener in training, so none is new.")) +
        (!ranking.flat ? QString()
         : s.kind == rec::EmbeddingKind::TopLayer
             ? tr(" The scores barely differ: this embedding hardly varies between songs with this model. "
                  "All hidden layers or Reconstruction rank better (see the Evaluation page).")
             : tr(" The scores barely differ: this embedding hardly varies between songs with this model. "
                  "The Evaluation page shows which embedding ranks best.")));
}

bool RecommendationsPage::waitForIdle(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    const auto remaining = [&] { return int(std::max<qint64>(1, deadline.remainingTime())); };
    const auto ranking = [this] { return m_ranker->isRunning() || m_pendingRanking.has_value(); };
    // New embeddings ask for a ranking; a ranking never asks for embeddings.
    while ((m_jobs->isRunning() || ranking()) && !deadline.hasExpired()) {
        if (!m_embeddings->waitForIdle(remaining()))
            break;
        if (m_pendingRanking && !m_ranker->isRunning())
            startRanking();
        if (m_ranker->isRunning())
            m_ranker->waitForFinished(remaining());
    }
    return !m_jobs->isRunning() && !ranking();
}

void RecommendationsPage::showWhy()
{
    const QModelIndex current = m_recommendationSort->mapToSource(m_recommendationTable->currentIndex());
    if (current.isValid())
        m_why->setText(m_recommendations->explanation(current.row()));
    else if (m_recommendations->rowCount() > 0)
        m_why->setText(tr("Select a recommendation to see why it was chosen."));
    else
        m_why->clear();
}

bool RecommendationsPage::canExport() const
{
    return m_export->isEnabled();
}

void RecommendationsPage::exportRecommendations()
{
    const auto simulation = m_userList->simulation();
    const auto catalog = m_state.simulationCatalog();
    // Enabled only while the list shown is the current user's (not while a new one is ranked).
    if (!canExport() || !simulation || !catalog)
        return;
    const std::uint32_t user = m_recommendations->user();
    const QString suggested = QStringLiteral("recommendations_user_%1.csv").arg(simulation->users[user].id);
    const QString path = FileDialog::saveFile(this, "recommendations", tr("Export recommendations"),
                                              tr("CSV files (*.csv)"), suggested);
    if (path.isEmpty())
        return;
    try {
        rec::saveRecommendationsCsv(*simulation, *catalog, user, m_recommendations->recommendations(),
                                    path.toStdString());
    } catch (const std::exception& e) {
        MessageBox::critical(this, tr("Export failed"), QString::fromStdString(e.what()));
        return;
    }
    announceSaved(this, path);
}

} // namespace gdbm::ui
