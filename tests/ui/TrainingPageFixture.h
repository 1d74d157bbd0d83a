// What the Training page's tests share: the small catalog, quick and long training settings,
// a page on a fresh state per test, and starting a run through the Start button.
#pragma once

#include "AppState.h"
#include "charts/LossChart.h"
#include "data/DatasetLoader.h"
#include "data/DemoCatalog.h"
#include "jobs/JobRunner.h"
#include "pages/TrainingPage.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <memory>
#include <optional>

namespace gdbm::testing {

#ifdef GDBM_SANITIZED
// Under a sanitizer (scripts/sanitize.sh) every memory access is checked: training and drawing
// run several times slower, so waits are longer and the stall limit does not apply.
inline constexpr int kSlowdown = 5;
#else
inline constexpr int kSlowdown = 1;
#endif

// Trains in a blink: the tests that check results rather than timing use it.
inline model::TrainingParams tinyParams()
{
    model::TrainingParams p;
    p.layers = {8, 4};
    p.pretrainEpochs = 2;
    p.finetuneEpochs = 2;
    return p;
}

// Lasts long enough (most of a second on the small catalog, where the page sees the first
// epoch after at most 50 ms) to press Pause or Cancel mid-run, even on a much faster machine.
inline model::TrainingParams longParams()
{
    model::TrainingParams p = tinyParams();
    p.layers = {32, 16};
    p.batchSize = 16;
    p.pretrainEpochs = 100;
    p.finetuneEpochs = 100;
    return p;
}

// The longest the GUI thread may go without serving its event loop while a model trains: well
// under what a user notices (~100 ms), with room for a loaded CI machine.
inline constexpr qint64 kMaxStallMs = 50;
// How often the responsiveness probe's timer asks to run.
inline constexpr int kProbeIntervalMs = 5;

inline int plannedEpochs(const model::TrainingParams& p)
{
    return int(p.layers.size()) * p.pretrainEpochs + p.finetuneEpochs;
}

class TrainingPageFixture
{
protected:
    // From the test class's initTestCase(), init() and cleanup().
    void setUpTestCase(const char* application)
    {
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath("settings"));
        QCoreApplication::setOrganizationName("gdbm-tests");
        QCoreApplication::setApplicationName(application);
        ui::MessageBox::setTestMode(true);
        ui::FileDialog::setTestMode(true);
        m_small =
            ui::prepareCatalog(data::generateDemoCatalog({1500, 4}), data::GenreThresholds::scaledFor(1500));
    }
    void setUpPage()
    {
        QSettings().clear(); // every test starts from the default settings
        m_state = std::make_unique<ui::AppState>();
        m_state->setCatalog(m_small);
        // The audio-only model, whose runs these tests compare with the engine's; the hybrid's
        // tests choose it on the page.
        model::HybridParams audioOnly;
        audioOnly.modalities = {model::Modality::Audio};
        m_state->setHybridParams(audioOnly);
        m_page = std::make_unique<ui::TrainingPage>(*m_state);
        m_page->resize(1100, 750);
    }
    void tearDownPage()
    {
        m_page.reset();
        m_state.reset();
    }

    template <typename T>
    T* child(const char* name) const
    {
        T* found = m_page->findChild<T*>(name);
        if (!found)
            qWarning("no child %s", name);
        return found;
    }
    // Starts through the button, as a user would, and waits for the run to end.
    bool train(const model::TrainingParams& params)
    {
        m_state->setTrainingParams(params);
        auto* start = child<QPushButton>("trainStart");
        if (!start->isEnabled())
            return false;
        start->click();
        return m_page->jobs()->waitForFinished(60000 * kSlowdown);
    }
    // Shows the page, starts a run with the state's settings and serves the event loop until it
    // ends, timing how long the GUI thread went without running a 5 ms timer: the longest stall
    // (ms), or none when the run did not finish with a model.
    std::optional<qint64> trainAndMeasureStall()
    {
        m_page->show();
        if (!QTest::qWaitForWindowExposed(m_page.get()))
            return std::nullopt;
        QElapsedTimer clock;
        qint64 last = -1;
        qint64 longestGap = 0;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(kProbeIntervalMs);
        QObject::connect(&probe, &QTimer::timeout, [&] {
            const qint64 now = clock.elapsed();
            if (last >= 0)
                longestGap = std::max(longestGap, now - last);
            last = now;
        });
        clock.start();
        probe.start();
        QTimer::singleShot(20, m_page.get(), &ui::TrainingPage::start);
        QDeadlineTimer started(5000);
        while (!m_page->jobs()->isRunning() && !started.hasExpired())
            QTest::qWait(5);
        if (!m_page->jobs()->waitForFinished(120000 * kSlowdown))
            return std::nullopt;
        QTest::qWait(100); // the model arriving and the chart redrawn
        probe.stop();
        if (!m_state->model())
            return std::nullopt;
        const qint64 stall = longestGap - kProbeIntervalMs;
        qInfo("training ran %lld ms; longest GUI stall %lld ms (limit %lld ms)", clock.elapsed(), stall,
              kMaxStallMs);
        return stall;
    }

    model::Model direct(const model::TrainingParams& params) const
    {
        return model::trainModel(*m_small.catalog, params).model;
    }

    QTemporaryDir m_dir;
    ui::LoadedCatalog m_small;
    std::unique_ptr<ui::AppState> m_state;
    std::unique_ptr<ui::TrainingPage> m_page;
};

} // namespace gdbm::testing
