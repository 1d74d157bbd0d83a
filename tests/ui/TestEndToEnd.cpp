#include "MainWindow.h"
#include "charts/LossChart.h"
#include "jobs/JobRunner.h"
#include "models/HistoryTableModel.h"
#include "models/RecommendationTableModel.h"
#include "pages/EvaluationPage.h"
#include "pages/RecommendationsPage.h"
#include "pages/SimulationPage.h"
#include "pages/TrainingPage.h"
#include "rec/MethodTable.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"

#include <QAbstractItemModel>
#include <QLabel>
#include <QSet>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace gdbm;
using namespace gdbm::ui;

// The whole product through the real window, as a user goes through it: the demo catalog,
// a simulation, a tiny training run of the hybrid DBM, a user's recommendations (new songs
// marked, each modality's share), the evaluation of both protocols, then the project saved,
// reopened in a new window, and everything shown as it was.
class TestEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fromDemoCatalogToReopenedProject();

private:
    template <typename T>
    static T* page(MainWindow& window)
    {
        return window.findChild<T*>();
    }
    static QStringList rows(const QAbstractItemModel* model);
    // "track | artist" of every row (names alone may repeat across artists).
    static QSet<QString> tracks(const QAbstractItemModel* model, int trackColumn, int artistColumn);

    QTemporaryDir m_dir;
};

void TestEndToEnd::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath("settings"));
    MessageBox::setTestMode(true);
    FileDialog::setTestMode(true);
}

QStringList TestEndToEnd::rows(const QAbstractItemModel* model)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < model->columnCount(); ++c)
            cells << model->index(r, c).data().toString();
        out << cells.join(" | ");
    }
    return out;
}

QSet<QString> TestEndToEnd::tracks(const QAbstractItemModel* model, int trackColumn, int artistColumn)
{
    QSet<QString> out;
    for (int r = 0; r < model->rowCount(); ++r)
        out.insert(model->index(r, trackColumn).data().toString() + " | " +
                   model->index(r, artistColumn).data().toString());
    return out;
}

void TestEndToEnd::fromDemoCatalogToReopenedProject()
{
    const QString projectPath = m_dir.filePath("session.gdbmproj");
    QStringList recommendations;
    QStringList evaluation;
    int curvePoints = 0;
    std::shared_ptr<const model::Model> trained;
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(window.catalogJobs()->waitForFinished(60000));
        QVERIFY(window.state().catalog() && window.state().catalog()->isSynthetic());

        // Simulate 200 listeners.
        window.findChild<QSpinBox*>("simUsers")->setValue(200);
        auto* simulation = page<SimulationPage>(window);
        simulation->run();
        QVERIFY(simulation->jobs()->waitForFinished(60000));
        QVERIFY(window.state().simulation());

        // Train a tiny hybrid of every modality (the default): 2 epochs for the pathways' layer
        // and the joint one.
        QVERIFY(window.state().hybridParams() == model::HybridParams{});
        // The recipe's audio-only settings shape the audio-only model the evaluation trains
        // beside it: small too.
        model::TrainingParams params;
        params.layers = {16, 8};
        params.pretrainEpochs = 2;
        params.finetuneEpochs = 2;
        window.state().setTrainingParams(params);
        auto* training = page<TrainingPage>(window);
        training->start();
        QVERIFY(training->jobs()->waitForFinished(60000));
        QVERIFY(window.state().model());
        trained = window.state().model();
        QVERIFY(trained->isHybrid());
        QCOMPARE(trained->modalities.size(), std::size_t(3));
        curvePoints = training->chart()->pointCount();
        QCOMPARE(curvePoints, 4);

        // A user's recommendations exclude what they heard.
        auto* browser = page<RecommendationsPage>(window);
        QVERIFY(browser->waitForIdle());
        browser->selectUser(0);
        QVERIFY(browser->waitForIdle());
        const QAbstractItemModel* recs = browser->recommendationModel();
        QCOMPARE(recs->rowCount(), 10);
        const QSet<QString> heard =
            tracks(browser->historyModel(), HistoryTableModel::TrackColumn, HistoryTableModel::ArtistColumn);
        QVERIFY(!heard.isEmpty());
        const QSet<QString> recommended =
            tracks(recs, RecommendationTableModel::TrackColumn, RecommendationTableModel::ArtistColumn);
        QCOMPARE(recommended.size(), 10);
        QVERIFY(!recommended.intersects(heard));
        // The first recommendation's reasons show at once, with what each modality adds.
        const QString firstWhy = window.findChild<QLabel*>("recommendationWhy")->text();
        QVERIFY2(firstWhy.startsWith("#1 ") &&
                     firstWhy.contains("Similarity lost without each modality: audio "),
                 qPrintable(firstWhy));
        // Deeper in the lists, songs nobody of the 210 listeners heard: marked new, their
        // listening inferred; every row says what each modality adds.
        auto* topN = window.findChild<QSpinBox*>("topN");
        topN->setValue(100);
        QVERIFY(browser->waitForIdle());
        int marked = 0;
        for (int user = 0; user < 20 && marked == 0; ++user) {
            browser->selectUser(user);
            QVERIFY(browser->waitForIdle());
            for (int r = 0; r < recs->rowCount(); ++r) {
                const QString track = recs->index(r, RecommendationTableModel::TrackColumn).data().toString();
                const QString shares =
                    recs->index(r, RecommendationTableModel::ModalitiesColumn).data().toString();
                QVERIFY2(shares.startsWith("A ") && shares.contains("  T ") && shares.contains("  L "),
                         qPrintable(shares));
                if (track.endsWith("[new]") && marked++ == 0) {
                    QVERIFY2(shares.contains("L new"), qPrintable(shares));
                    // Under the table, the current row's reasons in full, new or not.
                    auto* table = window.findChild<QTableView*>("recommendationTable");
                    table->setCurrentIndex(table->model()->index(r, 0));
                    const QString why = window.findChild<QLabel*>("recommendationWhy")->text();
                    QVERIFY2(why.startsWith(QString("#%1 ").arg(r + 1)) &&
                                 why.contains("because you played") &&
                                 why.contains("Similarity lost without each modality: audio ") &&
                                 why.contains("listening inferred") && why.contains("New: nobody heard it"),
                             qPrintable(why));
                }
            }
        }
        QVERIFY(marked > 0);
        topN->setValue(10);
        QVERIFY(browser->waitForIdle());
        browser->selectUser(0);
        QVERIFY(browser->waitForIdle());
        recommendations = rows(recs);

        // The evaluation's table.
        auto* evaluationPage = page<EvaluationPage>(window);
        evaluationPage->run();
        QVERIFY(evaluationPage->jobs()->waitForFinished(120000));
        QCOMPARE(evaluationPage->tableModel()->rowCount(), int(rec::methodTable().size()));
        evaluation = rows(evaluationPage->tableModel());

        // Save the project.
        QVERIFY(window.state().isModified());
        FileDialog::setNextFileName(projectPath);
        QVERIFY(window.saveProject());
        QVERIFY(window.projectJobs()->waitForFinished(60000));
        QVERIFY(!window.state().isModified());
        QCOMPARE(window.projectPath(), projectPath);
        QVERIFY(window.close());
    }

    // Reopen it in a new window: the same model, curves, recommendations and evaluation.
    MainWindow window({projectPath});
    window.resize(1280, 800);
    window.show();
    QVERIFY(window.catalogJobs()->waitForFinished(60000));
    QVERIFY(window.projectJobs()->waitForFinished(60000));
    QCOMPARE(window.projectPath(), projectPath);
    QVERIFY(!window.state().isModified());
    QVERIFY(window.state().model());
    QVERIFY(*window.state().model() == *trained);
    QCOMPARE(window.state().simulation()->users.size(), std::size_t(210)); // 200 asked, shares sum to 1.05
    QCOMPARE(page<TrainingPage>(window)->chart()->pointCount(), curvePoints);
    auto* browser = page<RecommendationsPage>(window);
    QVERIFY(browser->waitForIdle());
    browser->selectUser(0);
    QVERIFY(browser->waitForIdle());
    QCOMPARE(rows(browser->recommendationModel()), recommendations);
    QCOMPARE(rows(page<EvaluationPage>(window)->tableModel()), evaluation);
}

QTEST_MAIN(TestEndToEnd)
#include "TestEndToEnd.moc"
