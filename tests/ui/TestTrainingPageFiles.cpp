// The Training page's files, used as a user would: the curves exported as CSV and the chart
// as PNG, and model files saved and loaded (a dataset without some of the model's features, a
// file that is not a model).
#include "TrainingPageFixture.h"
#include "jobs/JobRunner.h"
#include "util/MessageBox.h"

#include <QFile>
#include <QImage>
#include <QPushButton>
#include <QSignalSpy>

using namespace gdbm;
using namespace gdbm::testing;

class TestTrainingPageFiles : public QObject, public TrainingPageFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestCase("TestTrainingPageFiles"); }
    void init() { setUpPage(); }
    void cleanup() { tearDownPage(); }

    void exportsCurvesAndChart();
    void savesAndLoadsModels();
};

void TestTrainingPageFiles::exportsCurvesAndChart()
{
    QVERIFY(!child<QPushButton>("trainExportCsv")->isEnabled());
    QVERIFY(train(tinyParams()));
    const QString csv = m_dir.filePath("curves.csv");
    ui::FileDialog::setNextFileName(csv);
    child<QPushButton>("trainExportCsv")->click();
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 7);
    QCOMPARE(lines[0], QString("phase,layer,epoch,mse_train,mse_validation,samples_per_second,elapsed_s"));
    const std::vector<model::EpochStats>& curves = m_state->model()->curves;
    const char* expected[] = {"pretraining,1,1,", "pretraining,1,2,", "pretraining,2,1,",
                              "pretraining,2,2,", "fine-tuning,2,1,", "fine-tuning,2,2,"};
    for (int i = 0; i < 6; ++i) {
        QVERIFY2(lines[i + 1].startsWith(expected[i]), qPrintable(lines[i + 1]));
        const QStringList fields = lines[i + 1].split(',');
        QCOMPARE(fields.size(), 7);
        // Numbers read back exactly.
        QCOMPARE(fields[3].toDouble(), curves[std::size_t(i)].mseTrain);
        QCOMPARE(fields[4].toDouble(), curves[std::size_t(i)].mseValidation);
        QVERIFY(fields[5].toDouble() > 0);
    }

    // A name typed without its extension is the file with it: replacing that one is asked first.
    file.close();
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("mine\n");
    file.close();
    const int shown = ui::MessageBox::shownCount();
    ui::FileDialog::setNextFileName(m_dir.filePath("curves"));
    child<QPushButton>("trainExportCsv")->click(); // the default answer: No
    QCOMPARE(ui::MessageBox::shownCount(), shown + 1);
    QVERIFY2(ui::MessageBox::lastText().contains("curves.csv already exists"),
             qPrintable(ui::MessageBox::lastText()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("mine\n"));
    file.close();
    ui::MessageBox::setNextAnswer(QMessageBox::Yes);
    ui::FileDialog::setNextFileName(m_dir.filePath("curves"));
    child<QPushButton>("trainExportCsv")->click();
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().startsWith("phase,layer"));
    file.close();

    const QString png = m_dir.filePath("chart.png");
    ui::FileDialog::setNextFileName(png);
    child<QPushButton>("trainExportPng")->click();
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 100 && image.height() > 100);
}

void TestTrainingPageFiles::savesAndLoadsModels()
{
    QVERIFY(train(tinyParams()));
    const auto trained = m_state->model();
    const QString path = m_dir.filePath("tiny.gdbm");
    ui::FileDialog::setNextFileName(path);
    m_page->saveModel();
    // Written off the window's thread, without a Cancel (it replaces the file whole or not at
    // all); Save and Load wait for it.
    ui::JobRunner* files = m_page->fileJobs();
    QVERIFY(files->isRunning());
    QVERIFY(!files->isCancellable());
    QVERIFY(!m_page->findChild<QPushButton*>("trainSaveModel")->isEnabled());
    QVERIFY(!m_page->findChild<QPushButton*>("trainLoadModel")->isEnabled());
    files->cancel(); // the status bar offers none; if called anyway, it changes nothing
    QSignalSpy saved(files, &ui::JobRunner::succeeded);
    QVERIFY(files->waitForFinished());
    QCOMPARE(saved.count(), 1);
    QVERIFY(QFile::exists(path));
    QVERIFY(m_page->findChild<QPushButton*>("trainSaveModel")->isEnabled());
    QVERIFY(m_page->findChild<QPushButton*>("trainLoadModel")->isEnabled());

    m_state->setModel(nullptr);
    QCOMPARE(m_page->chart()->pointCount(), 0);
    ui::FileDialog::setNextFileName(path);
    m_page->loadModel();
    QVERIFY(files->isRunning());
    QVERIFY(files->isCancellable());
    QVERIFY(!m_state->model()); // the model in use changes when the file is read
    QVERIFY(files->waitForFinished());
    QVERIFY(m_state->model());
    QVERIFY(*m_state->model() == *trained);
    QCOMPARE(m_page->chart()->pointCount(), 6);

    // A dataset without some of the model's features: the model loads, with a warning naming them.
    const QString small = m_dir.filePath("two-features.csv");
    QFile csv(small);
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("track_name,artist_name,energy,danceability\nA,X,0.5,0.4\nB,Y,0.7,0.6\nC,Z,0.2,0.9\n");
    csv.close();
    m_state->setCatalog(
        ui::prepareCatalog(data::loadDataset({small.toStdString()}), data::GenreThresholds{}));
    m_state->setModel(nullptr);
    int shown = ui::MessageBox::shownCount();
    ui::FileDialog::setNextFileName(path);
    m_page->loadModel();
    QVERIFY(files->waitForFinished());
    QVERIFY(m_state->model());
    QCOMPARE(ui::MessageBox::shownCount(), shown + 1);
    QVERIFY2(ui::MessageBox::lastText().contains("Loudness"), qPrintable(ui::MessageBox::lastText()));

    // A file that is not a model: a message naming it, and the model in use stays.
    const auto before = m_state->model();
    const QString broken = m_dir.filePath("broken.gdbm");
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a model at all");
    f.close();
    shown = ui::MessageBox::shownCount();
    ui::FileDialog::setNextFileName(broken);
    m_page->loadModel();
    QVERIFY(files->waitForFinished());
    QCOMPARE(ui::MessageBox::shownCount(), shown + 1);
    QVERIFY2(ui::MessageBox::lastText().contains("broken.gdbm"), qPrintable(ui::MessageBox::lastText()));
    QCOMPARE(m_state->model(), before);

    // Another model became current while the file was read: it stays, and the page says so.
    m_state->setModel(nullptr);
    ui::FileDialog::setNextFileName(path);
    m_page->loadModel();
    m_state->setModel(before);
    shown = ui::MessageBox::shownCount();
    QVERIFY(files->waitForFinished());
    QCOMPARE(m_state->model(), before);
    QCOMPARE(ui::MessageBox::shownCount(), shown + 1);
    QCOMPARE(ui::MessageBox::lastTitle(), QString("The model was not loaded"));
}

QTEST_MAIN(TestTrainingPageFiles)
#include "TestTrainingPageFiles.moc"
