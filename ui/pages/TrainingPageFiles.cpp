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

namespace gdbm::ui {
namespace {

const char* const kModelFilter = QT_TRANSLATE_NOOP("TrainingPage", "GDBM models (*.gdbm);;All files (*)");

} // namespace

void TrainingPage::saveModel()
{
    const auto model = m_state.model();
    if (!model)
        return;
    const QString path =
        FileDialog::saveFile(this, "model", tr("Save model"), tr(kModelFilter), "model.gdbm");
    if (path.isEmpty())
        return;
    try {
        model::saveModel(*model, path.toStdString());
        announceSaved(this, path);
    } catch (const std::exception& e) {
        MessageBox::critical(this, tr("Cannot save the model"), QString::fromStdString(e.what()));
    }
}

void TrainingPage::loadModel()
{
    if (m_jobs->isRunning())
        return;
    const QString path = FileDialog::openFile(this, "model", tr("Load model"), tr(kModelFilter));
    if (path.isEmpty())
        return;
    // A model file is small (parameters and curves): reading it takes milliseconds.
    std::shared_ptr<const model::Model> loaded;
    try {
        loaded = std::make_shared<const model::Model>(model::loadModel(path.toStdString()));
    } catch (const std::exception& e) {
        MessageBox::critical(this, tr("Cannot load the model"),
                             tr("%1 is not a model GDBM Studio can use.\n\n%2")
                                 .arg(QDir::toNativeSeparators(path), QString::fromStdString(e.what())));
        return;
    }
    QStringList missing;
    if (const auto& catalog = m_state.catalog()) {
        for (data::Feature f : loaded->features) {
            if (!catalog->availableFeatures().contains(f))
                missing << QString::fromStdString(std::string(data::featureName(f)));
        }
    }
    m_state.setModel(loaded);
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
