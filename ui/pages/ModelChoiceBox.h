#pragma once

#include "model/Multimodal.h"

#include <QGroupBox>
#include <QStringList>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace gdbm::ui {

// The Training page's choice of model: which modalities the DBM joins (HYBRID.md) and each
// pathway's layers, with the original study's audio-only model one click away. Each modality
// says whether the open dataset provides it. Like TrainingSettingsForm it only edits: edited()
// says the user changed something; params() is what the widgets say.
class ModelChoiceBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit ModelChoiceBox(QWidget* parent = nullptr);

    // Shows `params` without emitting edited(); a widget already showing a value keeps it.
    void setParams(const model::HybridParams& params);
    model::HybridParams params() const;
    // Audio alone: the audio-only model of MODEL.md, which the Hidden layers setting shapes.
    bool audioOnly() const;
    // What stops a run: pathway lists that do not parse, then validate(params()).
    QStringList problems() const;

    // What the open dataset provides: its audio features, its tag units (genres and artists
    // with enough tracks, and decades) and the simulation's listeners (0: none yet).
    // otherCatalog: there is a simulation, but of another catalog (its listeners do not apply).
    void setAvailable(std::size_t features, std::size_t tags, std::size_t listeners,
                      bool otherCatalog = false);

Q_SIGNALS:
    void edited();

private:
    void showAvailability();
    void updateEnabled();
    void nameEmbeddingIterations(); // "1 mean-field iteration", "3 mean-field iterations"
    void showProblems();
    void typed();

    model::HybridParams m_shown;
    QCheckBox* m_modality[3];
    QLineEdit* m_audioLayers;
    QLineEdit* m_tagLayers;
    QLineEdit* m_listeningLayers;
    QSpinBox* m_listeningRank;
    QSpinBox* m_joint;
    QSpinBox* m_maxUpdates;
    QSpinBox* m_embeddingIterations;
    QPushButton* m_original;
    QPushButton* m_hybrid;
    QLabel* m_note;
    QLabel* m_problems;
    std::size_t m_features = 0;
    std::size_t m_tags = 0;
    std::size_t m_listeners = 0;
    bool m_simulationOfOtherCatalog = false;
};

} // namespace gdbm::ui
