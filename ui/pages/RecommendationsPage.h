#pragma once

#include "AppState.h"
#include "jobs/EmbeddingCache.h"
#include "jobs/UserRanking.h"

#include <QWidget>
#include <cstdint>
#include <memory>
#include <optional>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QShortcut;
class QSpinBox;
class QTableView;
class QTabWidget;
class QTimer;

namespace gdbm::ui {

class EmbeddingMap;
class HistoryTableModel;
class JobRunner;
class RecommendationTableModel;
class UserDetailsPanel;
class UserListPane;

// The Recommendations page: each simulated user's profile, history and top-N recommendations
// ("because you played" the history tracks behind each), and a map of the catalog's
// embeddings with the user's tracks on it. A searchable, sortable list of users on the left,
// filterable by archetype; the embedding (top layer, all hidden layers or reconstruction) is
// computed by a job whenever the model, the simulation's catalog or the choice of embedding
// changes. Ranking a user (a matrix-vector product over the catalog, and a hybrid's per-modality
// inference) runs off the GUI thread too: a million tracks take a tenth of a second.
class RecommendationsPage : public QWidget
{
    Q_OBJECT

public:
    explicit RecommendationsPage(AppState& state, QWidget* parent = nullptr);
    ~RecommendationsPage() override;

    JobRunner* jobs() const { return m_jobs; }

    // Shows users[userIndex] (index into the simulation's users, not the id).
    void selectUser(std::uint32_t userIndex);
    std::optional<std::uint32_t> currentUser() const { return m_user; }

    // The user list as the table shows it (filtered and sorted); the history of the current
    // user in the simulation's order; the recommendations in rank order.
    QAbstractItemModel* userModel() const;
    QAbstractItemModel* historyModel() const;
    QAbstractItemModel* recommendationModel() const;
    EmbeddingMap* map() const { return m_map; }
    // The embeddings in use (null until computed for the current model, catalog and kind).
    std::shared_ptr<const EmbeddingSnapshot> snapshot() const { return m_embeddings->current(); }
    rec::EmbeddingKind embeddingKind() const;
    // The text that says what is missing ("Train a model on the Training page"); empty when
    // nothing is.
    QString statusText() const;
    // What the page shows that no longer matches the open data (empty: nothing).
    QString outOfDateText() const;
    // Waits until the embeddings are computed and the current user's recommendations ranked on
    // them and shown (tests, screenshots): no embedding job runs or is about to restart
    // (jobs()->waitForFinished() returns false when inputs changed during a job, because the next
    // job starts at once), and no ranking runs or waits.
    bool waitForIdle(int timeoutMs = 60000);
    // How long ranking the catalog for the current user took (milliseconds).
    double lastRankingMs() const { return m_lastRankingMs; }

public Q_SLOTS:
    void exportRecommendations();
    // Whether exportRecommendations has a list to write (the File menu greys its item otherwise).
    bool canExport() const;

private:
    // The page's parts, built once by the constructor; then every connection in one place.
    QWidget* buildDetailsPane(); // the chosen user: profile, history, recommendations, map
    void connectSignals();
    void onSimulationChanged();
    void requestEmbeddings();
    void showUser(std::optional<std::uint32_t> user);
    void showRecommendations(); // asks for the current user's ranking
    void startRanking();        // the request waiting, unless a ranking runs
    void showRanking(UserRanking ranking);
    void updateMap();
    void showWhy(); // the current recommendation's explanation, under the table
    void updateStatus();

    AppState& m_state;
    JobRunner* m_jobs;
    JobRunner* m_ranker; // not the window's: a ranking is too short to show in the status bar
    QTimer* m_rankingSlow;
    std::optional<RankingRequest> m_pendingRanking;
    EmbeddingCache* m_embeddings;
    HistoryTableModel* m_history;
    RecommendationTableModel* m_recommendations;
    QSortFilterProxyModel* m_historySort;
    QSortFilterProxyModel* m_recommendationSort;

    QLabel* m_status;
    UserListPane* m_userList;
    QShortcut* m_find; // Ctrl+F: the user search
    UserDetailsPanel* m_details;
    QSpinBox* m_topN;
    QComboBox* m_embeddingKind;
    QPushButton* m_export;
    QLabel* m_rankingInfo;
    QTabWidget* m_tabs;
    QTableView* m_historyTable;
    QTableView* m_recommendationTable;
    QLabel* m_why;
    EmbeddingMap* m_map;

    std::optional<std::uint32_t> m_user;
    double m_lastRankingMs = 0.0;
};

} // namespace gdbm::ui
