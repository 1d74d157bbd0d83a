#pragma once

#include "model/TrainingParams.h"

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace gdbm::ui {

// The Training page's settings: hidden layers, epochs, learning rates (the first layer's and
// the others' in pretraining), early stopping and its patience, batch size, mean-field
// iterations, Gibbs steps, chains, weight doubling, validation share, seed and threads, with the
// problems validate() finds shown under them, and Reset to defaults. It only edits: edited()
// says the user changed something, and the page decides what to do with params().
class TrainingSettingsForm : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingSettingsForm(QWidget* parent = nullptr);

    // Shows `params` without emitting edited(). A widget that already shows the same value is
    // left alone, so that a change coming back from the state never disturbs typing.
    void setParams(const model::TrainingParams& params);
    // What the widgets say; the layers as last typed in a form that parses.
    model::TrainingParams params() const;
    // Whether the layer list as typed parses; while it does not, params() keeps the last list
    // that did, and problems() says what is wrong.
    bool layersParse() const { return m_layersProblem.isEmpty(); }
    // Everything that stops a run: the layer text, then validate(params()). Empty when usable.
    QStringList problems() const;

    // The hidden layers, weight doubling and fine-tuning epochs are the audio-only model's: the
    // hybrid has its pathways (set elsewhere), always doubles and skips fine-tuning.
    void setAudioOnly(bool audioOnly);

    int threads() const;
    void setThreads(int threads);

Q_SIGNALS:
    void edited();
    void threadsEdited(int threads);

private:
    void layersTyped();
    void showProblems();

    model::TrainingParams m_shown; // the last setParams(), for the settings the form does not show
    std::vector<std::size_t> m_layers;
    QString m_layersProblem;
    QLineEdit* m_layersEdit;
    QCheckBox* m_weightDoubling;
    QSpinBox* m_pretrainEpochs;
    QDoubleSpinBox* m_pretrainRate;
    QDoubleSpinBox* m_pretrainHiddenRate;
    QCheckBox* m_earlyStopping;
    QSpinBox* m_patience;
    QSpinBox* m_finetuneEpochs;
    QDoubleSpinBox* m_finetuneRate;
    QSpinBox* m_meanField;
    QSpinBox* m_gibbs;
    QComboBox* m_chains;
    QSpinBox* m_batch;
    QDoubleSpinBox* m_validation;
    QSpinBox* m_seed;
    QSpinBox* m_threads;
    QLabel* m_problems;
    QPushButton* m_reset;
};

} // namespace gdbm::ui
