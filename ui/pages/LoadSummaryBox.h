#pragma once

#include <QGroupBox>

class QLabel;

namespace gdbm::data {
class Catalog;
}

namespace gdbm::ui {

// The Data page's "Dataset" box: what was loaded (the dataset's name, a badge for a synthetic
// catalog, rows read, kept and dropped with the first lines of each reason, features found and
// missing, columns converted to Spotify's units and why, the loader's notes), or
// how to open a dataset when none is.
class LoadSummaryBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit LoadSummaryBox(QWidget* parent = nullptr);

    // Shows the load report of `catalog`; null when no dataset is loaded.
    void showCatalog(const data::Catalog* catalog);

private:
    QLabel* m_datasetLabel;
    QLabel* m_syntheticBadge;
    QLabel* m_rowsLabel;
    QLabel* m_droppedLabel;
    QLabel* m_featuresLabel;
    QLabel* m_conversionsLabel;
    QLabel* m_notesLabel;
};

} // namespace gdbm::ui
