// The main window's status bar: the open catalog, and the running job's progress and Cancel.
#include "MainWindow.h"
#include "jobs/JobRunner.h"
#include "util/Format.h"

#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>

namespace gdbm::ui {

void MainWindow::createStatusBar()
{
    m_catalogLabel = new QLabel;
    m_catalogLabel->setObjectName("catalogStatus");
    m_jobLabel = new QLabel;
    m_jobLabel->setObjectName("jobStatus");
    m_jobProgress = new QProgressBar;
    m_jobProgress->setObjectName("jobProgress");
    m_jobProgress->setMaximumWidth(220);
    m_jobProgress->setVisible(false);
    m_jobCancel = new QToolButton;
    m_jobCancel->setObjectName("jobCancel");
    m_jobCancel->setText(tr("Cancel"));
    m_jobCancel->setVisible(false);
    connect(m_jobCancel, &QToolButton::clicked, this, &MainWindow::cancelRunningJob);
    statusBar()->addWidget(m_catalogLabel, 1);
    statusBar()->addPermanentWidget(m_jobLabel);
    statusBar()->addPermanentWidget(m_jobProgress);
    statusBar()->addPermanentWidget(m_jobCancel);
}

// The status bar shows the most recently started job still running, with its progress and a
// Cancel button.
void MainWindow::watchJobs(JobRunner* runner)
{
    connect(runner, &JobRunner::started, this, [this, runner](const QString& title) {
        m_runningJobs.removeAll(runner);
        m_runningJobs.append(runner);
        showJobInStatusBar(runner, title);
    });
    connect(runner, &JobRunner::progress, this,
            [this, runner](const QString& stage, qint64 done, qint64 total) {
                if (m_statusJob != runner)
                    return;
                showStatusStage(stage);
                m_jobProgress->setRange(0, total > 0 ? 1000 : 0);
                if (total > 0)
                    m_jobProgress->setValue(int(1000 * done / total));
            });
    // On the job's end, before its handlers: a message about its failure shows without the job
    // still in the status bar, and a Cancel that can no longer cancel anything.
    connect(runner, &JobRunner::ending, this, [this, runner] {
        m_runningJobs.removeAll(runner);
        if (m_statusJob != runner)
            return;
        // A job that started earlier and still runs (a training, while an embedding ended) takes
        // the status bar back, with its Cancel; its next progress report fills in its stage.
        if (!m_runningJobs.isEmpty()) {
            showJobInStatusBar(m_runningJobs.back(), m_runningJobs.back()->title());
            return;
        }
        m_statusJob = nullptr;
        m_jobProgress->setVisible(false);
        m_jobCancel->setVisible(false);
        m_jobLabel->clear();
    });
    connect(runner, &JobRunner::pausedChanged, this, [this, runner] {
        if (m_statusJob == runner)
            showStatusStage(m_statusStage);
    });
    connect(runner, &JobRunner::cancelled, this, [this, runner] {
        if (!runner->wasSuperseded())
            statusBar()->showMessage(runner->title() + tr(": cancelled"), 5000);
    });
}

void MainWindow::cancelRunningJob()
{
    // The job the status bar shows, or, while that one cannot stop (a model file being written),
    // the latest that can: Ctrl+. still reaches a training.
    if (m_statusJob && m_statusJob->isCancellable()) {
        m_statusJob->cancel();
        return;
    }
    for (auto it = m_runningJobs.crbegin(); it != m_runningJobs.crend(); ++it) {
        if ((*it)->isCancellable()) {
            (*it)->cancel();
            return;
        }
    }
}

void MainWindow::showJobInStatusBar(JobRunner* runner, const QString& text)
{
    m_statusJob = runner;
    showStatusStage(text);
    m_jobProgress->setRange(0, 0);
    m_jobProgress->setVisible(true);
    m_jobCancel->setVisible(runner->isCancellable());
}

void MainWindow::showStatusStage(const QString& stage)
{
    m_statusStage = stage;
    m_jobLabel->setText(m_chainPrefix + (m_statusJob->isPaused() ? tr("Paused: %1").arg(stage) : stage));
}

void MainWindow::updateCatalogStatus()
{
    const auto& catalog = m_state.catalog();
    if (!catalog) {
        m_catalogLabel->clear();
        return;
    }
    m_catalogLabel->setText(tr("%1: %2 tracks, %3 genres, %4 artists")
                                .arg(QString::fromStdString(catalog->label()))
                                .arg(thousands(catalog->size()))
                                .arg(thousands(m_state.genreStats().byCount.size()))
                                .arg(thousands(catalog->artistNames().size())));
    updateTitle();
}

} // namespace gdbm::ui
