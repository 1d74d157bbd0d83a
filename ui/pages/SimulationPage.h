#pragma once

#include "AppState.h"

#include <QWidget>

class QDateEdit;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace gdbm::ui {

class BarChart;
class JobRunner;

// Simulated listeners: users, seed and reference date; Run (a job, with progress and Cancel);
// the result as users per archetype, rating and interactions-per-user histograms and the
// fallback count; export of interaction_data.csv and user_profiles.csv. A banner says when the
// catalog or the archetypes changed since the last run.
class SimulationPage : public QWidget
{
    Q_OBJECT

public:
    explicit SimulationPage(AppState& state, QWidget* parent = nullptr);

    JobRunner* jobs() const { return m_jobs; }

public Q_SLOTS:
    void run();
    void cancel();
    void exportCsv();

private:
    // The page's parts, built once by the constructor; then every connection in one place.
    QWidget* buildSettingsBox(); // users, seed, date; run, cancel, export; progress
    QWidget* buildResultBox();   // the banner and the summary
    void buildCharts();
    void connectSignals();
    void pushSettings();
    void pullSettings();
    void showResult();
    void updateBanner();
    // "Audiophile ignores its instrumentalness preference; ...": preferences the catalog has no
    // column for; empty when there are none.
    QString skippedPreferencesText() const;
    void setRunning(bool running);

    AppState& m_state;
    JobRunner* m_jobs;
    bool m_exporting = false; // the running job writes the CSV files (its failure is an export's)
    QSpinBox* m_users;
    QSpinBox* m_seed;
    QDateEdit* m_referenceDate;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_export;
    QProgressBar* m_progress;
    QLabel* m_banner;
    QLabel* m_summary;
    BarChart* m_perArchetype;
    BarChart* m_ratings;
    BarChart* m_historySizes;
};

} // namespace gdbm::ui
