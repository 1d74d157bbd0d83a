#pragma once

#include <QWidget>
#include <string>
#include <vector>

class QLineEdit;
class QListWidget;

namespace gdbm::ui {

class AppState;

// The genres of a genre preference: a list (names not in the catalog are greyed out; the
// others tell their track count), a button that removes the selected ones, and an input that
// completes the catalog's genre names and adds one (trimmed, lowercase, once).
// Emits edited() with the whole list after every user edit; setGenres() shows a list without
// emitting anything.
class GenreListEditor : public QWidget
{
    Q_OBJECT

public:
    explicit GenreListEditor(const AppState& state, QWidget* parent = nullptr);

    const std::vector<std::string>& genres() const { return m_genreNames; }
    void setGenres(const std::vector<std::string>& genres);

Q_SIGNALS:
    void edited(const std::vector<std::string>& genres);

private:
    void load();
    void addGenre();
    void removeGenres();

    const AppState& m_state;
    std::vector<std::string> m_genreNames;
    QListWidget* m_genres;
    QLineEdit* m_genreInput;
};

} // namespace gdbm::ui
