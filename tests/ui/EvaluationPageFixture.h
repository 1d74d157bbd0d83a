// What the Evaluation page's tests share: a small catalog, two simulations and two tiny models
// (to change the inputs under an evaluation), a page on a fresh state per test with its table
// model checked by QAbstractItemModelTester, and a run through the Run button.
#pragma once

#include "AppState.h"
#include "data/DemoCatalog.h"
#include "jobs/JobRunner.h"
#include "pages/EvaluationPage.h"
#include "rec/MethodTable.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

namespace gdbm::testing {

class EvaluationPageFixture
{
protected:
    // From the test class's initTestCase(), init() and cleanup().
    void setUpTestCase(const char* application)
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("gdbm-tests"));
        QCoreApplication::setApplicationName(QString::fromLatin1(application));
        QSettings().clear();
        ui::MessageBox::setTestMode(true);
        ui::FileDialog::setTestMode(true);
        QVERIFY(m_dir.isValid());
        m_loaded =
            ui::prepareCatalog(data::generateDemoCatalog({1500, 4}), data::GenreThresholds::scaledFor(1500));
        m_simulation = simulateUsers(*m_loaded.catalog, 1);
        m_otherSimulation = simulateUsers(*m_loaded.catalog, 2);
        m_model = tinyModel(*m_loaded.catalog, 1);
        m_otherModel = tinyModel(*m_loaded.catalog, 2);
    }
    void setUpPage()
    {
        m_state = std::make_unique<ui::AppState>();
        m_state->setCatalog(m_loaded);
        m_page = std::make_unique<ui::EvaluationPage>(*m_state);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_page->tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    void tearDownPage()
    {
        m_tester.reset();
        m_page.reset();
        m_state.reset();
    }

    void setInputs()
    {
        m_state->setSimulation(m_simulation, m_loaded.catalog, m_state->archetypes(), m_state->thresholds());
        m_state->setModel(m_model);
    }
    // Sets K, the seed and the splits, presses Run as a user would, and waits for the evaluation.
    void runAndWait(int k, int seed, int splits = 1)
    {
        m_page->findChild<QSpinBox*>(QStringLiteral("evalK"))->setValue(k);
        m_page->findChild<QSpinBox*>(QStringLiteral("evalSeed"))->setValue(seed);
        m_page->findChild<QSpinBox*>(QStringLiteral("evalSplits"))->setValue(splits);
        QVERIFY(button("evalRun")->isEnabled());
        QTest::mouseClick(button("evalRun"), Qt::LeftButton);
        QVERIFY(m_page->jobs()->isRunning());
        QVERIFY(button("evalCancel")->isEnabled());
        QVERIFY(m_page->jobs()->waitForFinished());
        QVERIFY(m_state->evaluation() != nullptr);
        QVERIFY(!button("evalCancel")->isEnabled());
    }
    const rec::EvaluationResult& warm() const { return *m_state->evaluation()->find(rec::Protocol::Warm); }
    QComboBox* protocolSwitch() const
    {
        return m_page->findChild<QComboBox*>(QStringLiteral("evalProtocol"));
    }
    QLabel* banner() const { return m_page->findChild<QLabel*>(QStringLiteral("evalBanner")); }
    QPushButton* button(const char* name) const
    {
        return m_page->findChild<QPushButton*>(QLatin1String(name));
    }

    QTemporaryDir m_dir;
    ui::LoadedCatalog m_loaded;
    std::shared_ptr<const sim::SimulationResult> m_simulation;
    std::shared_ptr<const sim::SimulationResult> m_otherSimulation;
    std::shared_ptr<const model::Model> m_model;
    std::shared_ptr<const model::Model> m_otherModel;
    std::unique_ptr<ui::AppState> m_state;
    std::unique_ptr<ui::EvaluationPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

private:
    static std::shared_ptr<const sim::SimulationResult> simulateUsers(const data::Catalog& catalog,
                                                                      std::uint64_t seed)
    {
        sim::SimulationParams params;
        params.users = 100;
        params.seed = seed;
        params.thresholds = data::GenreThresholds::scaledFor(catalog.size());
        return std::make_shared<const sim::SimulationResult>(
            sim::simulate(catalog, sim::defaultArchetypes(), params));
    }
    static std::shared_ptr<const model::Model> tinyModel(const data::Catalog& catalog, std::uint64_t seed)
    {
        model::TrainingParams params;
        params.layers = {8, 4};
        params.pretrainEpochs = 2;
        params.finetuneEpochs = 2;
        params.seed = seed;
        return std::make_shared<const model::Model>(model::trainModel(catalog, params).model);
    }
};

} // namespace gdbm::testing
