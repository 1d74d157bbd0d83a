#include "MainWindow.h"

#include "RecentList.h"
#include "core/Text.h"
#include "data/DatasetLoader.h"
#include "data/DemoCatalog.h"
#include "jobs/JobRunner.h"
#include "pages/ArchetypesPage.h"
#include "pages/DataPage.h"
#include "pages/EvaluationPage.h"
#include "pages/RecommendationsPage.h"
#include "pages/SimulationPage.h"
#include "pages/TrainingPage.h"
#include "util/Format.h"
#include "util/MessageBox.h"
#include "util/ShownFocus.h"
#include "util/WheelGuard.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <algorithm>

namespace gdbm::ui {
namespace {

struct PageInfo
{
    const char* key;
    const char* title;
    const char* hint;
};

constexpr PageInfo kPages[] = {
    {"data", "Data", "The song catalog: load a dataset, browse and filter it"},
    {"archetypes", "Archetypes", "The kinds of listeners that make up the simulated users"},
    {"simulation", "Simulation", "Simulate the listeners' histories and ratings"},
    {"training", "Training", "Train the Deep Boltzmann Machine and watch it learn"},
    {"recommendations", "Recommendations", "Each simulated user's history and recommendations"},
    {"evaluation", "Evaluation", "How good the recommendations are, against simple baselines"},
};

// The sidebar's marks: a step whose result matches what is open, and one that no longer does.
const QString kDoneMark = QStringLiteral("  \u2713");
const QString kOutOfDateMark = QStringLiteral("  \u26a0");

bool isProjectFile(const QString& path)
{
    return QFileInfo(path).suffix().compare("gdbmproj", Qt::CaseInsensitive) == 0;
}

} // namespace

MainWindow::MainWindow(const QStringList& initialFiles, QWidget* parent)
    : QMainWindow(parent), m_loader(new JobRunner(this)), m_projectJobs(new JobRunner(this))
{
    setObjectName("mainWindow");
    setAcceptDrops(true);
    qApp->installEventFilter(new WheelGuard(this));
    createPages();
    createActions();
    createStatusBar();
    watchJobs(m_loader);
    watchJobs(m_projectJobs);
    for (JobRunner* jobs : pageJobs())
        watchJobs(jobs);
    connect(&m_state, &AppState::catalogChanged, this, &MainWindow::updateCatalogStatus);
    for (auto signal : {&AppState::catalogChanged, &AppState::simulationChanged, &AppState::modelChanged,
                        &AppState::evaluationChanged})
        connect(&m_state, signal, this, &MainWindow::updateStepMarks);
    connect(&m_state, &AppState::simulationOutOfDateChanged, this, &MainWindow::updateStepMarks);
    connect(m_loader, &JobRunner::failed, this, [this](const QString& message) {
        MessageBox::critical(this, tr("Could not open the dataset"),
                             message + "\n\n" +
                                 (m_state.catalog() ? tr("The catalog that was open is kept.")
                                                    : tr("The demo catalog opens instead.")));
    });
    connect(m_projectJobs, &JobRunner::failed, this, [this](const QString& message) {
        if (m_projectJobIsSave) {
            m_state.setModified(true);
            MessageBox::critical(this, tr("Could not save the project"),
                                 message + "\n\n" + tr("The file that was there is unchanged."));
        } else {
            MessageBox::critical(this, tr("Could not open the project"),
                                 message + "\n\n" + tr("What was open is kept."));
        }
    });
    // A save cancelled from the status bar may or may not have replaced the file (the rename
    // can come before the cancel is seen): its changes count as unsaved, so nothing is lost.
    connect(m_projectJobs, &JobRunner::cancelled, this, [this] {
        if (m_projectJobIsSave)
            m_state.setModified(true);
    });
    connect(&m_state, &AppState::modifiedChanged, this, &QWidget::setWindowModified);
    restoreSettings();
    // The pages put their initial settings into the state: that is where a session starts.
    m_state.setModified(false);
    updateTitle();
    openStartCatalog(initialFiles);
}

// The first start opens the demo catalog; later starts reopen the project open at the last exit
// (as last saved) when its file is still there, or else the dataset when its files are; whatever
// fails to load leaves the demo catalog. A project given on the command line opens instead. None
// of this is a change to save.
void MainWindow::openStartCatalog(const QStringList& initialFiles)
{
    // Checked once the runner is idle: a load replaced by another one the user asked for
    // (which cancels it first) is not one that left the window without a catalog.
    const auto fallBackToDemo = [this](JobRunner* runner) {
        connect(
            runner, &JobRunner::finished, this,
            [this] {
                QTimer::singleShot(0, this, [this] {
                    if (!m_state.catalog() && !m_loader->isRunning() && !m_projectJobs->isRunning())
                        loadDemoCatalog(false);
                });
            },
            Qt::SingleShotConnection);
    };
    // A project named on the command line opens (or says why not); the last one only if it is
    // still there.
    QString project;
    QString goneProject;
    if (initialFiles.size() == 1 && isProjectFile(initialFiles.first()))
        project = initialFiles.first();
    else if (const QString last = QSettings().value("lastProject").toString();
             initialFiles.isEmpty() && !last.isEmpty()) {
        if (QFileInfo::exists(last))
            project = last;
        else
            goneProject = last;
    }
    // Said once the catalog that opens instead has said it opened.
    const auto sayGone = [this, goneProject] {
        if (goneProject.isEmpty())
            return;
        const QString text =
            tr("%1, open at the last exit, is no longer there.").arg(QDir::toNativeSeparators(goneProject));
        if (!m_loader->isRunning()) {
            statusBar()->showMessage(text, 10000);
            return;
        }
        connect(
            m_loader, &JobRunner::finished, this, [this, text] { statusBar()->showMessage(text, 10000); },
            Qt::SingleShotConnection);
    };
    if (!project.isEmpty()) {
        fallBackToDemo(m_projectJobs);
        openProject(project);
        return;
    }
    const QStringList last =
        initialFiles.isEmpty() ? QSettings().value("lastDataset").toStringList() : initialFiles;
    bool present = !last.isEmpty();
    for (const QString& file : last)
        present = present && QFileInfo::exists(file);
    if (!present || !loadDataset(last, false)) {
        loadDemoCatalog(false);
        sayGone();
        return;
    }
    fallBackToDemo(m_loader);
    sayGone();
}

MainWindow::~MainWindow() = default;

void MainWindow::createPages()
{
    m_sidebar = new QListWidget;
    m_sidebar->setObjectName("pageList");
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebar->setSpacing(2);
    m_sidebar->setFrameShape(QFrame::NoFrame);
    // No dotted item outline, but a ring round the whole list while it has the focus: Tab must
    // show where it went.
    m_sidebar->setStyleSheet("QListWidget { background: palette(window); font-size: 11pt; outline: 0; "
                             "border: 2px solid transparent; border-radius: 4px; }"
                             "QListWidget:focus { border-color: palette(highlight); }"
                             "QListWidget::item { padding: 10px 12px; border-radius: 4px; }"
                             "QListWidget::item:selected { background: palette(highlight); color: "
                             "palette(highlighted-text); }");
    m_pages = new QStackedWidget;
    m_dataPage = new DataPage(m_state);
    m_archetypesPage = new ArchetypesPage(m_state);
    m_simulationPage = new SimulationPage(m_state);
    m_trainingPage = new TrainingPage(m_state);
    m_recommendationsPage = new RecommendationsPage(m_state);
    m_evaluationPage = new EvaluationPage(m_state);
    for (QWidget* page :
         {static_cast<QWidget*>(m_dataPage), static_cast<QWidget*>(m_archetypesPage),
          static_cast<QWidget*>(m_simulationPage), static_cast<QWidget*>(m_trainingPage),
          static_cast<QWidget*>(m_recommendationsPage), static_cast<QWidget*>(m_evaluationPage)}) {
        // A page scrolls when the window is smaller than it needs, so that the window fits a
        // 1024 x 640 screen; at larger sizes the page fills the view and no scroll bar shows.
        auto* scroll = new QScrollArea;
        scroll->setObjectName(page->objectName() + "Scroll");
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setFocusPolicy(Qt::NoFocus); // no Tab stop of its own: it follows the focus inside
        scroll->setWidget(page);
        m_pages->addWidget(scroll);
    }
    for (int i = 0; i < pageCount(); ++i) {
        auto* item = new QListWidgetItem(QString("%1   %2").arg(i + 1).arg(tr(kPages[i].title)), m_sidebar);
        item->setToolTip(tr(kPages[i].hint) + QString(" (Ctrl+%1)").arg(i + 1));
    }
    updateStepMarks();
    fitSidebar();
    connect(m_sidebar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_sidebar->setCurrentRow(0);

    auto* central = new QWidget;
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
}

QList<JobRunner*> MainWindow::pageJobs() const
{
    return {m_simulationPage->jobs(), m_trainingPage->jobs(), m_trainingPage->fileJobs(),
            m_recommendationsPage->jobs(), m_evaluationPage->jobs()};
}

MainWindow::StepState MainWindow::stepState(int index) const
{
    const bool simulationStale = m_state.simulation() && m_state.simulationOutOfDate();
    const bool modelStale = m_state.modelOutOfDate();
    switch (index) {
    case SimulationIndex:
        return !m_state.simulation() ? StepState::NotRun
               : simulationStale     ? StepState::OutOfDate
                                     : StepState::Done;
    case TrainingIndex:
        return !m_state.model() ? StepState::NotRun : modelStale ? StepState::OutOfDate : StepState::Done;
    case RecommendationsIndex:
        return !m_state.model() || !m_state.simulation() ? StepState::NotRun
               : simulationStale || modelStale           ? StepState::OutOfDate
                                                         : StepState::Done;
    case EvaluationIndex:
        return !m_state.evaluation()                                            ? StepState::NotRun
               : m_state.evaluationOutOfDate() || simulationStale || modelStale ? StepState::OutOfDate
                                                                                : StepState::Done;
    default:
        return StepState::Inputs; // the catalog and the archetypes are what the steps start from
    }
}

void MainWindow::setCompactSidebar(bool compact)
{
    if (compact == m_compactSidebar)
        return;
    m_compactSidebar = compact;
    updateStepMarks();
    fitSidebar();
}

// As wide as the longest item (with a mark) in the style sheet's font, plus the item's padding.
void MainWindow::fitSidebar()
{
    QFont itemFont = m_sidebar->font();
    itemFont.setPointSize(11);
    const QFontMetrics metrics(itemFont);
    int widest = 0;
    for (int i = 0; i < pageCount(); ++i) {
        const QString text = m_compactSidebar ? QString::number(i + 1)
                                              : QString("%1   %2").arg(i + 1).arg(tr(kPages[i].title));
        widest = std::max(widest, metrics.horizontalAdvance(text + kOutOfDateMark));
    }
    m_sidebar->setFixedWidth(widest + 2 * 12 + 2 * m_sidebar->spacing() + 12);
}

void MainWindow::updateStepMarks()
{
    if (!m_sidebar)
        return;
    for (int i = 0; i < m_sidebar->count() && i < pageCount(); ++i) {
        const StepState state = stepState(i);
        // Compact, only the number stays (the name is in the tooltip).
        QString text = m_compactSidebar ? QString::number(i + 1)
                                        : QString("%1   %2").arg(i + 1).arg(tr(kPages[i].title));
        QString tip = tr(kPages[i].hint) + QString(" (Ctrl+%1)").arg(i + 1);
        if (state == StepState::Done) {
            text += kDoneMark;
            tip += '\n' + tr("Done: its result matches what is open.");
        } else if (state == StepState::OutOfDate) {
            text += kOutOfDateMark;
            tip +=
                '\n' + tr("Out of date: something it depends on changed since it ran. The page says what.");
        }
        m_sidebar->item(i)->setText(text);
        m_sidebar->item(i)->setToolTip(tip);
    }
}

int MainWindow::pageCount() const
{
    return int(std::size(kPages));
}

QWidget* MainWindow::page(int index) const
{
    const auto* scroll = qobject_cast<const QScrollArea*>(m_pages->widget(index));
    return scroll ? scroll->widget() : nullptr;
}

QString MainWindow::pageKey(int index) const
{
    return kPages[index].key;
}

QString MainWindow::pageTitle(int index) const
{
    return tr(kPages[index].title);
}

void MainWindow::showPage(int index)
{
    if (index < 0 || index >= pageCount())
        return;
    m_sidebar->setCurrentRow(index);
    // Keys go to the page shown (Ctrl+5 then Down picks the next listener), not to a widget of the
    // page left behind or to nothing: the list a page is about takes them (setShownFocus).
    if (QWidget* target = page(index) ? shownFocus(page(index)) : nullptr)
        target->setFocus(Qt::ShortcutFocusReason);
}

bool MainWindow::loadDataset(const QStringList& files, bool isChange)
{
    if (files.isEmpty())
        return false;
    if (files.size() > 2) {
        MessageBox::warning(this, tr("Open dataset"),
                            tr("Choose one dataset file, or the two files of a dataset to merge."));
        return false;
    }
    // The newest request wins: a load still running (the start-up catalog, say) is dropped.
    dropPendingCatalogs();
    // Absolute: the project and the settings keep them, and the working folder changes.
    QStringList absolute;
    std::vector<std::string> paths;
    for (const QString& f : files) {
        absolute << QFileInfo(f).absoluteFilePath();
        paths.push_back(absolute.back().toStdString());
    }
    return m_loader->start(
        tr("Opening %1").arg(QFileInfo(files.first()).fileName()),
        [paths](const ProgressCallback& progress, const CancelFlag& cancel) {
            data::Catalog catalog = data::loadDataset(paths, progress, &cancel);
            const auto thresholds = data::GenreThresholds::scaledFor(catalog.size());
            return std::any(std::make_shared<LoadedCatalog>(prepareCatalog(std::move(catalog), thresholds)));
        },
        [this, absolute, isChange](std::any result) {
            auto loaded = std::any_cast<std::shared_ptr<LoadedCatalog>>(result);
            const bool wasModified = m_state.isModified();
            m_state.setCatalogFiles(absolute);
            m_state.setCatalog(std::move(*loaded));
            if (!isChange && !wasModified)
                m_state.setModified(false);
            m_recentFiles->add(absolute);
            statusBar()->showMessage(tr("Opened %1").arg(QString::fromStdString(m_state.catalog()->label())),
                                     5000);
        });
}

bool MainWindow::loadDemoCatalog(bool isChange)
{
    dropPendingCatalogs();
    return m_loader->start(
        tr("Generating the demo catalog"),
        [](const ProgressCallback& progress, const CancelFlag& cancel) {
            data::Catalog catalog = data::generateDemoCatalog({}, progress, &cancel);
            const auto thresholds = data::GenreThresholds::scaledFor(catalog.size());
            return std::any(std::make_shared<LoadedCatalog>(prepareCatalog(std::move(catalog), thresholds)));
        },
        [this, isChange](std::any result) {
            auto loaded = std::any_cast<std::shared_ptr<LoadedCatalog>>(result);
            const bool wasModified = m_state.isModified();
            m_state.setCatalogFiles({});
            m_state.setCatalog(std::move(*loaded));
            if (!isChange && !wasModified)
                m_state.setModified(false);
        });
}

void MainWindow::dropPendingCatalogs()
{
    m_loader->cancelAndWait();
    // A project being opened would bring its own catalog after this one (a save goes on).
    if (!m_projectJobIsSave)
        m_projectJobs->cancelAndWait();
}

void MainWindow::updateTitle()
{
    // The platform adds the application's display name ("GDBM Studio") after this; [*] shows
    // as * while the project has unsaved changes.
    const QString project = m_projectPath.isEmpty() ? tr("Untitled") : QFileInfo(m_projectPath).fileName();
    const auto& catalog = m_state.catalog();
    setWindowTitle(catalog ? QString("%1[*] - %2").arg(project, QString::fromStdString(catalog->label()))
                           : project + "[*]");
    setWindowModified(m_state.isModified());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeStopAndSave(tr("quit"))) {
        event->ignore();
        return;
    }
    // Stop running work first: nothing is left half-written (a save in progress finishes).
    stopAllJobs();
    saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList files;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            files << url.toLocalFile();
    }
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    if (files.size() == 1 && isProjectFile(files.first())) {
        openProjectAsking(files.first());
        return;
    }
    openDataset(files);
}

} // namespace gdbm::ui
