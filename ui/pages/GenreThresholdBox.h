#pragma once

#include <QGroupBox>

class QLabel;
class QSpinBox;

namespace gdbm::ui {

class AppState;

// The Data page's "Common and niche genres" box: the two genre thresholds, edited live through
// AppState::setThresholds (common stays at or above niche), and how many genres each makes
// common, niche and in between. Follows AppState::genreStatsChanged.
class GenreThresholdBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit GenreThresholdBox(AppState& state, QWidget* parent = nullptr);

private:
    void onGenreStatsChanged();
    void onThresholdEdited();

    AppState& m_state;
    QSpinBox* m_commonSpin;
    QSpinBox* m_nicheSpin;
    QLabel* m_commonLabel;
    QLabel* m_nicheLabel;
    QLabel* m_genreTotalLabel;
};

} // namespace gdbm::ui
