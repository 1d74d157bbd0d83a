// The Training page's files: model files (save, load) and exports of the curves (CSV, PNG).
#include "charts/LossChart.h"
#include "jobs/JobRunner.h"
#include "model/CurveCsv.h"
#include "model/ModelFile.h"
#include "pages/TrainingPage.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"
#include "util/SavedNotice.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPixmap>
#include <QSaveFile>
#include <any>

namespace gdbm::ui {
namespace {

const char* const kModelFilter = QT_TRANSLATE_NOOP("TrainingPage", "GDBM models (*.gdbm);;All files (*)");

} // namespace

void TrainingPage::saveModel()
{
    if (!m_state.model() || m_files->isRunning())
        return;
    const QString path =
        FileDialog::saveFile(this, "model", tr("Save model"), tr(kModelFilter), "model.gdbm");
    // The model current once the dialogs are answered: a training may have ended meanwhile.
    const auto model = m_state.model();
    if (path.isEmpty() || !model || m_files->isRunning())
        return;
    // The file is written whole or not at all (writeFileAtomically), so there is no Cancel:
    // closing the window while it is written waits for it.
    m_files->setCancellable(false);
    m_fileFailed = [this](const QString& message) {
        MessageBox::critical(this, tr("Cannot save the model"), message);
    };
    m_files->start(
        tr("Saving %1").arg(QFileInfo(path).fileName()),
        [model, file = path.toStdString()](const ProgressCallback&, const CancelFlag&) {
            model::saveModel(*model, file);
            return std::any();
        },
        [this, path](std::any) { announceSaved(this, path); });
    updateButtons();
}

void TrainingPage::loadModel()
{
    if (m_jobs->isRunning() || m_files->isRunning())
        return;
    const QString path = FileDialog::openFile(this, "model", tr("Load model"), tr(kModelFilter));
    if (path.isEmpty())
        return;
    m_files->setCancellable(true); // a cancelled load changes nothing
    m_modelBeforeLoad = m_state.model();
    m_fileFailed = [this, path](const QString& message) {
        MessageBox::critical(
            this, tr("Cannot load the model"),
            tr("%1 is not a model GDBM Studio can use.\n\n%2").arg(QDir::toNativeSeparators(path), message));
    };
    m_files->start(
        tr("Loading %1").arg(QFileInfo(path).fileName()),
        [file = path.toStdString()](const ProgressCallback&, const CancelFlag&) {
            return std::any(std::make_shared<const model::Model>(model::loadModel(file)));
        },
        [this, path](std::any result) {
            useLoadedModel(std::any_cast<std::shared_ptr<const model::Model>>(std::move(result)), path);
        });
    updateButtons();
}

void TrainingPage::useLoadedModel(std::shared_ptr<const model::Model> loaded, const QString& path)
{
    // A training started, or a run made current, while the file was read: the file's model
    // would replace that one (or be replaced by it) unasked.
    if (m_jobs->isRunning() || m_modelBeforeLoad.lock() != m_state.model()) {
        MessageBox::information(this, tr("The model was not loaded"),
                                tr("%1 was not loaded: another model became current, or a training "
                                   "started, while it was read. Load it again to use it.")
                                    .arg(QFileInfo(path).fileName()));
        return;
    }
    QStringList missing;
    if (const auto& catalog = m_state.catalog()) {
        for (data::Feature f : loaded->features) {
            if (!catalog->availableFeatures().contains(f))
                missing << QString::fromStdString(std::string(data::featureName(f)));
        }
    }
    m_state.setModel(std::move(loaded));
    m_status->setText(tr("Loaded the model from %1.").arg(QDir::toNativeSeparators(path)));
    if (!missing.isEmpty())
        MessageBox::warning(this, tr("The model does not fit the dataset"),
                            tr("%1 was trained on features the open dataset lacks: %2. It can recommend "
                               "only for a dataset that has them.")
                                .arg(QFileInfo(path).fileName(), missing.join(", ")));
}

void TrainingPage::exportCurves()
{
    if (m_chart->pointCount() == 0)
        return;
    const QString path = FileDialog::saveFile(this, "curves", tr("Export the learning curves"),
                                              tr("CSV files (*.csv);;All files (*)"), "training_curves.csv");
    if (path.isEmpty())
        return;
    try {
        model::saveCurvesCsv(m_chart->curves(), path.toStdString());
        announceSaved(this, path);
    } catch (const std::exception& e) {
        MessageBox::critical(this, tr("Cannot export the curves"), QString::fromStdString(e.what()));
    }
}

void TrainingPage::exportChartImage()
{
    if (m_chart->pointCount() == 0)
        return;
    const QString path = FileDialog::saveFile(this, "curves", tr("Export the charts"),
                                              tr("PNG images (*.png);;All files (*)"), "training_curves.png");
    if (path.isEmpty())
        return;
    // QSaveFile: a file that was there stays whole unless the new image is complete.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !m_chart->image().save(&file, "PNG") || !file.commit())
        MessageBox::critical(
            this, tr("Cannot export the charts"),
            tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    else
        announceSaved(this, path);
}

} // namespace gdbm::ui
