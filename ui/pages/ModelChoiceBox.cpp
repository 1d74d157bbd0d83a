#include "pages/ModelChoiceBox.h"

#include "pages/TrainingSettings.h"
#include "util/LabelStyle.h"
#include "util/SpinBox.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace gdbm::ui {
namespace {

using model::Modality;

QLineEdit* layersEdit(const char* name, const QString& placeholder, const QString& tip)
{
    auto* edit = new QLineEdit;
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(tip);
    return edit;
}

void showLayers(QLineEdit* edit, const std::vector<std::size_t>& layers)
{
    if (parseLayers(edit->text()) != layers)
        edit->setText(formatLayers(layers));
}

} // namespace

ModelChoiceBox::ModelChoiceBox(QWidget* parent) : QGroupBox(tr("Model"), parent)
{
    setObjectName("trainModelChoice");
    const char* names[] = {"trainAudio", "trainTags", "trainListening"};
    const QString tips[] = {
        tr("The songs' audio features (danceability, energy, ...): Gaussian units"),
        QString(), // with the project's genre threshold, in setParams()
        QString(), // with the simulation's state, in showAvailability()
    };
    for (int i = 0; i < 3; ++i) {
        m_modality[i] = new QCheckBox;
        m_modality[i]->setObjectName(names[i]);
        m_modality[i]->setToolTip(tips[i]);
    }
    m_audioLayers = layersEdit("trainAudioLayers", "64", tr("The audio pathway's hidden layers, bottom up"));
    m_tagLayers = layersEdit("trainTagLayers", tr("Automatic"),
                             tr("The tag pathway's hidden layers. Empty: one layer as wide as the tags "
                                "(32 to 256 units), so that each genre has room of its own."));
    m_listeningLayers =
        layersEdit("trainListeningLayers", "256", tr("The listening pathway's hidden layers, bottom up"));
    m_listeningRank = settingSpinBox(
        "trainListeningRank", 0, 1024,
        tr("How listening is shown to the model. One binary unit per listener ranks returning "
           "listeners best. A rank (64, say) codes who heard a song in that many numbers instead, "
           "from a truncated SVD: faster to train and for any number of listeners, but it ranks "
           "returning listeners lower."));
    m_listeningRank->setSpecialValueText(tr("One unit per listener"));
    m_listeningRank->setPrefix(tr("Rank "));
    m_joint =
        settingSpinBox("trainJoint", 1, 4096, tr("Units of the joint layer, which every pathway feeds"));
    m_maxUpdates = settingSpinBox(
        "trainMaxUpdates", 0, 1'000'000'000,
        tr("Each layer's pretraining ends after this many mini-batch updates when its epochs would "
           "make more. A large catalog then trains fewer epochs than Epochs per layer (the demo "
           "catalog's 10,000 songs: 50), which rank about as well in half the time. No limit: every "
           "epoch."));
    m_maxUpdates->setSingleStep(500);
    m_maxUpdates->setSpecialValueText(tr("No limit"));
    m_maxUpdates->setSuffix(tr(" updates per layer"));
    m_embeddingIterations = settingSpinBox(
        "trainEmbeddingIterations", 0, 1000,
        tr("Mean-field iterations when a song's embedding is inferred. The hybrid is composed from "
           "its pretrained layers, and one iteration ranks better than more (docs/MODEL.md section "
           "10); a new song needs at least one for its listening to be inferred. Mean-field "
           "iterations under Fine-tuning serve the fine-tuning."));
    connect(m_embeddingIterations, &QSpinBox::valueChanged, this, &ModelChoiceBox::nameEmbeddingIterations);
    m_original = new QPushButton(tr("&Original study: audio only"));
    m_original->setObjectName("trainOriginal");
    m_original->setToolTip(tr("The original study's model: a DBM over the audio features alone, shaped "
                              "by Hidden layers below"));
    m_hybrid = new QPushButton(tr("H&ybrid: every modality"));
    m_hybrid->setObjectName("trainHybrid");
    m_hybrid->setToolTip(tr("The multimodal DBM of audio, tags and listening, with the default shape"));
    m_note = new QLabel;
    m_note->setObjectName("trainModalityNote");
    m_note->setWordWrap(true);
    m_problems = new QLabel;
    m_problems->setObjectName("trainModelProblems");
    m_problems->setWordWrap(true);
    makeProblemText(m_problems);
    m_problems->setVisible(false);

    auto* modalities = new QVBoxLayout;
    for (QCheckBox* box : m_modality)
        modalities->addWidget(box);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Modalities:"), modalities);
    form->addRow(tr("Audio pathway:"), m_audioLayers);
    form->addRow(tr("Tag pathway:"), m_tagLayers);
    form->addRow(tr("Listening pathway:"), m_listeningLayers);
    form->addRow(tr("Listening coding:"), m_listeningRank);
    form->addRow(tr("Joint layer:"), m_joint);
    form->addRow(tr("Update limit:"), m_maxUpdates);
    form->addRow(tr("Embedding:"), m_embeddingIterations);
    auto* presets = new QHBoxLayout;
    presets->addWidget(m_original);
    presets->addWidget(m_hybrid);
    presets->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(presets);
    layout->addWidget(m_note);
    layout->addWidget(m_problems);

    setParams(model::HybridParams{});
    showAvailability();
    for (QCheckBox* box : m_modality)
        connect(box, &QCheckBox::toggled, this, &ModelChoiceBox::typed);
    for (QLineEdit* edit : {m_audioLayers, m_tagLayers, m_listeningLayers})
        connect(edit, &QLineEdit::textEdited, this, &ModelChoiceBox::typed);
    connect(m_joint, &QSpinBox::valueChanged, this, &ModelChoiceBox::typed);
    connect(m_listeningRank, &QSpinBox::valueChanged, this, &ModelChoiceBox::typed);
    connect(m_maxUpdates, &QSpinBox::valueChanged, this, &ModelChoiceBox::typed);
    connect(m_embeddingIterations, &QSpinBox::valueChanged, this, &ModelChoiceBox::typed);
    connect(m_original, &QPushButton::clicked, this, [this] {
        model::HybridParams p = params();
        p.modalities = {Modality::Audio};
        setParams(p);
        Q_EMIT edited();
    });
    connect(m_hybrid, &QPushButton::clicked, this, [this] {
        setParams(model::HybridParams{});
        Q_EMIT edited();
    });
}

void ModelChoiceBox::setParams(const model::HybridParams& p)
{
    const QSignalBlocker blockers[] = {QSignalBlocker(m_modality[0]),        QSignalBlocker(m_modality[1]),
                                       QSignalBlocker(m_modality[2]),        QSignalBlocker(m_joint),
                                       QSignalBlocker(m_listeningRank),      QSignalBlocker(m_maxUpdates),
                                       QSignalBlocker(m_embeddingIterations)};
    m_shown = p;
    m_modality[int(Modality::Tags)]->setToolTip(
        tr("Genres and artists with at least %1 songs, and release decades: one binary unit each")
            .arg(p.minTagTracks));
    for (Modality m : model::kAllModalities)
        m_modality[int(m)]->setChecked(p.uses(m));
    showLayers(m_audioLayers, p.audioLayers);
    if (p.tagUnitsFollowVocabulary)
        m_tagLayers->clear();
    else
        showLayers(m_tagLayers, p.tagLayers);
    showLayers(m_listeningLayers, p.listeningLayers);
    if (m_joint->value() != int(p.jointUnits))
        m_joint->setValue(int(p.jointUnits));
    m_listeningRank->setValue(int(p.listeningRank));
    m_maxUpdates->setValue(int(p.maxPretrainUpdates));
    m_embeddingIterations->setValue(p.embeddingIterations);
    nameEmbeddingIterations(); // its signal is blocked here
    updateEnabled();
    showProblems();
}

model::HybridParams ModelChoiceBox::params() const
{
    // Settings without a widget here (momentum, weight doubling, ..) keep what was shown; a
    // pathway list that does not parse keeps the last one that did (problems() says so).
    model::HybridParams p = m_shown;
    p.modalities.clear();
    for (Modality m : model::kAllModalities) {
        if (m_modality[int(m)]->isChecked())
            p.modalities.push_back(m);
    }
    if (const auto layers = parseLayers(m_audioLayers->text()))
        p.audioLayers = *layers;
    if (const auto layers = parseLayers(m_listeningLayers->text()))
        p.listeningLayers = *layers;
    p.tagUnitsFollowVocabulary = m_tagLayers->text().trimmed().isEmpty();
    if (p.tagUnitsFollowVocabulary)
        p.tagLayers = p.audioLayers; // the first one's width follows the tags; the depth matches
    else if (const auto layers = parseLayers(m_tagLayers->text()))
        p.tagLayers = *layers;
    p.jointUnits = std::size_t(m_joint->value());
    p.listeningRank = std::size_t(m_listeningRank->value());
    p.maxPretrainUpdates = std::size_t(m_maxUpdates->value());
    p.embeddingIterations = m_embeddingIterations->value();
    return p;
}

bool ModelChoiceBox::audioOnly() const
{
    return params().modalities == std::vector{Modality::Audio};
}

QStringList ModelChoiceBox::problems() const
{
    QStringList list;
    if (audioOnly())
        return list;
    const std::pair<QLineEdit*, QString> edits[] = {{m_audioLayers, tr("audio pathway")},
                                                    {m_listeningLayers, tr("listening pathway")},
                                                    {m_tagLayers, tr("tag pathway")}};
    for (const auto& [edit, name] : edits) {
        QString problem;
        if (edit->isEnabled() && !(edit == m_tagLayers && edit->text().trimmed().isEmpty()) &&
            !parseLayers(edit->text(), &problem))
            list << name + ": " + problem.section(": ", 1);
    }
    for (const std::string& problem : model::validate(params()))
        list << QString::fromStdString(problem);
    return list;
}

void ModelChoiceBox::setAvailable(std::size_t features, std::size_t tags, std::size_t listeners,
                                  bool otherCatalog)
{
    m_features = features;
    m_tags = tags;
    m_listeners = listeners;
    m_simulationOfOtherCatalog = otherCatalog;
    showAvailability();
}

void ModelChoiceBox::showAvailability()
{
    m_modality[int(Modality::Audio)]->setText(m_features > 0 ? tr("&Audio features (%L1)").arg(m_features)
                                                             : tr("&Audio features (none in this dataset)"));
    m_modality[int(Modality::Tags)]->setText(m_tags > 0
                                                 ? tr("&Tags: genres, decades, artists (%L1)").arg(m_tags)
                                                 : tr("&Tags (none in this dataset)"));
    m_modality[int(Modality::Listening)]->setText(
        m_listeners > 0 ? tr("&Listening (%L1 simulated listeners)").arg(m_listeners)
        // Short: a longer label widened the form under the charts beside it.
        : m_simulationOfOtherCatalog ? tr("&Listening (simulate this catalog first)")
                                     : tr("&Listening (run a simulation first)"));
    const QString listeningTip =
        tr("Who heard each song in the simulation, coded as Listening coding says. A song nobody "
           "heard has its listening inferred from its other modalities.");
    m_modality[int(Modality::Listening)]->setToolTip(
        m_simulationOfOtherCatalog && m_listeners == 0
            ? listeningTip + "\n" +
                  tr("The simulation was made on another catalog: run it again on this one (Ctrl+R).")
            : listeningTip);
    QStringList provided, missing;
    const std::pair<std::size_t, QString> kinds[] = {
        {m_features, tr("audio")}, {m_tags, tr("tags")}, {m_listeners, tr("listening")}};
    for (const auto& [count, name] : kinds)
        (count > 0 ? provided : missing) << name;
    QString note = provided.isEmpty() ? tr("This dataset provides no modality yet.")
                                      : tr("This dataset provides %1.").arg(provided.join(", "));
    if (!missing.isEmpty())
        note += " " + tr("A chosen modality it lacks is left out of the model.");
    m_note->setText(note);
}

void ModelChoiceBox::nameEmbeddingIterations()
{
    m_embeddingIterations->setSuffix(m_embeddingIterations->value() == 1 ? tr(" mean-field iteration")
                                                                         : tr(" mean-field iterations"));
}

void ModelChoiceBox::updateEnabled()
{
    const bool hybrid = !audioOnly();
    m_audioLayers->setEnabled(hybrid && m_modality[int(Modality::Audio)]->isChecked());
    m_tagLayers->setEnabled(hybrid && m_modality[int(Modality::Tags)]->isChecked());
    m_listeningLayers->setEnabled(hybrid && m_modality[int(Modality::Listening)]->isChecked());
    m_listeningRank->setEnabled(m_listeningLayers->isEnabled());
    m_joint->setEnabled(hybrid);
    m_maxUpdates->setEnabled(hybrid);
    m_embeddingIterations->setEnabled(hybrid);
    m_original->setEnabled(hybrid);
    m_hybrid->setEnabled(!(params() == model::HybridParams{}));
}

void ModelChoiceBox::showProblems()
{
    const QStringList list = problems();
    m_problems->setText(list.join('\n'));
    m_problems->setVisible(!list.isEmpty());
}

void ModelChoiceBox::typed()
{
    updateEnabled();
    showProblems();
    Q_EMIT edited();
}

} // namespace gdbm::ui
