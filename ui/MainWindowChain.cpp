// Run everything out of date: the steps of catalog -> simulation -> model -> evaluation run
// again in order, each by its page, as the page's own action would run it.
#include "MainWindow.h"
#include "jobs/JobRunner.h"
#include "pages/EvaluationPage.h"
#include "pages/SimulationPage.h"
#include "pages/TrainingPage.h"

#include <QStatusBar>
#include <QTimer>
#include <array>

namespace gdbm::ui {
namespace {

// The pages that run a step, in chain order (the Recommendations page follows the model and the
// simulation by itself).
constexpr std::array kChainPages = {int(MainWindow::SimulationIndex), int(MainWindow::TrainingIndex),
                                    int(MainWindow::EvaluationIndex)};

// An evaluation runs again only when one ran before (it is long); the other steps also when they
// never ran.
bool needsRunning(int page, MainWindow::StepState state)
{
    return state == MainWindow::StepState::OutOfDate ||
           (page != MainWindow::EvaluationIndex && state == MainWindow::StepState::NotRun);
}

} // namespace

bool MainWindow::runEverythingOutOfDate()
{
    if (chainRunning())
        return true;
    bool any = false;
    for (int page : kChainPages)
        any = any || needsRunning(page, stepState(page));
    if (!any)
        return false;
    m_chainStepsRun = 0;
    runChainFrom(0);
    return true;
}

// Whether a step needs running is decided when the chain reaches it: a new simulation makes a
// hybrid model (which learned its listeners) out of date, and a new model the evaluation.
void MainWindow::runChainFrom(int position)
{
    for (; position < int(kChainPages.size()); ++position) {
        const int page = kChainPages[std::size_t(position)];
        if (needsRunning(page, stepState(page)))
            break;
    }
    if (position >= int(kChainPages.size())) {
        m_chainStep = -1;
        m_chainPrefix.clear();
        statusBar()->showMessage(tr("Everything is up to date."), 4000);
        return;
    }
    const int page = kChainPages[std::size_t(position)];
    JobRunner* jobs = page == SimulationIndex ? m_simulationPage->jobs()
                      : page == TrainingIndex ? m_trainingPage->jobs()
                                              : m_evaluationPage->jobs();
    // Counted over the steps that run, as far as they are known now: a step that runs can put
    // a later one out of date (a new simulation, a hybrid model), and the count grows by it.
    int stepsLeft = 0;
    for (std::size_t later = std::size_t(position); later < kChainPages.size(); ++later)
        stepsLeft += needsRunning(kChainPages[later], stepState(kChainPages[later])) ? 1 : 0;
    ++m_chainStepsRun;
    m_chainStep = page;
    m_chainPrefix = tr("Out of date, step %1 of %2 (%3): ")
                        .arg(m_chainStepsRun)
                        .arg(m_chainStepsRun - 1 + stepsLeft)
                        .arg(pageTitle(page));
    showPage(page);
    if (page == SimulationIndex)
        m_simulationPage->run();
    else if (page == TrainingIndex)
        m_trainingPage->start();
    else
        m_evaluationPage->run();
    if (!jobs->isRunning()) {
        // The page refused (settings with a problem, nothing to run on): it says why.
        m_chainStep = -1;
        m_chainPrefix.clear();
        statusBar()->showMessage(
            tr("Stopped at %1: it could not start; the page says why.").arg(pageTitle(page)), 8000);
        return;
    }
    connect(
        jobs, &JobRunner::finished, this,
        [this, page, position] {
            // After the page has taken the result (its own finished handlers run first).
            QTimer::singleShot(0, this, [this, page, position] {
                if (stepState(page) != StepState::Done) {
                    m_chainStep = -1;
                    m_chainPrefix.clear();
                    statusBar()->showMessage(tr("Stopped at %1: it did not finish.").arg(pageTitle(page)),
                                             8000);
                    return;
                }
                runChainFrom(position + 1);
            });
        },
        Qt::SingleShotConnection);
}

} // namespace gdbm::ui
