#pragma once

#include "data/Catalog.h"
#include "sim/Simulator.h"

#include <QWidget>
#include <optional>

class QLabel;

namespace gdbm::ui {

// Who the selected user is, in words: id and archetype, the preferences they drew from it
// ("Popularity between 50 and 89", "Genre: dance pop", "Released 1980–1989"), and how much they
// listened. Shows a hint instead when no user is selected.
class UserDetailsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit UserDetailsPanel(QWidget* parent = nullptr);

    // Requires: the catalog is the one the simulation refers to; `user` indexes its users.
    void showUser(const sim::SimulationResult& simulation, const data::Catalog& catalog, std::uint32_t user);
    void showHint(const QString& hint);

    QString heading() const;
    QString preferencesText() const;

private:
    QLabel* m_heading;
    QLabel* m_preferences;
    QLabel* m_listening;
};

// A user's preference as a phrase; a genre list longer than `maxGenres` names the first few
// and says how many more there are.
QString describePreferenceInWords(const sim::UserPreference& preference, const data::Catalog& catalog,
                                  int maxGenres = 3);

} // namespace gdbm::ui
