// Shared setup for the Recommendations page tests (TestRecommendationsPage, TestUserListPane): a
// catalog, a simulation and a trained model made once, the page under test with its state and its
// models under QAbstractItemModelTester, and helpers to find children and an interesting user.
#pragma once

#include "AppState.h"
#include "data/DemoCatalog.h"
#include "model/Model.h"
#include "pages/RecommendationsPage.h"
#include "sim/SimulationExport.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QString>
#include <QTest>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gdbm::ui::testing {

// Test classes derive from QObject first and from this second; the members keep the names the
// tests use.
class RecommendationsFixture
{
protected:
    static QString qs(const std::string& s) { return QString::fromStdString(s); }

    static std::vector<const sim::Interaction*> interactionsOf(const sim::SimulationResult& s,
                                                               std::uint32_t user)
    {
        std::vector<const sim::Interaction*> out;
        for (const sim::Interaction& i : s.interactions) {
            if (i.user == user)
                out.push_back(&i);
        }
        return out;
    }

    // initTestCase: settings of their own for this test program, no dialog ever shown, and the
    // catalog, simulation and model every test starts from.
    void setUpTestCase(const QString& applicationName)
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("gdbm-tests"));
        QCoreApplication::setApplicationName(applicationName);
        QSettings().clear();
        ui::MessageBox::setTestMode(true);
        ui::FileDialog::setTestMode(true);

        m_loaded =
            ui::prepareCatalog(data::generateDemoCatalog({1500, 4}), data::GenreThresholds::scaledFor(1500));
        sim::SimulationParams params;
        params.users = 100;
        params.seed = 3;
        params.thresholds = m_loaded.facts.genres.thresholds;
        m_simulation = std::make_shared<const sim::SimulationResult>(
            sim::simulate(*m_loaded.catalog, sim::defaultArchetypes(), params));
        QVERIFY(m_simulation->users.size() >= 100);

        model::TrainingParams training;
        training.layers = {8, 4};
        training.pretrainEpochs = 2;
        training.finetuneEpochs = 2;
        m_model = std::make_shared<const model::Model>(model::trainModel(*m_loaded.catalog, training).model);
    }

    // A new state and page, with the simulation and the model or without.
    void setUpState(bool withSimulation, bool withModel)
    {
        m_testers.clear();
        m_page.reset();
        m_state = std::make_unique<ui::AppState>();
        m_state->setCatalog(m_loaded);
        if (withSimulation)
            m_state->setSimulation(m_simulation, m_loaded.catalog, sim::defaultArchetypes(),
                                   m_loaded.facts.genres.thresholds);
        m_page = std::make_unique<RecommendationsPage>(*m_state);
        for (QAbstractItemModel* model :
             {m_page->userModel(), m_page->historyModel(), m_page->recommendationModel()})
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        if (withModel) {
            m_state->setModel(m_model);
            QVERIFY(m_page->waitForIdle());
            QVERIFY(m_page->snapshot() != nullptr);
        }
    }

    // init: the page with everything, from the default settings.
    void setUpPage()
    {
        QSettings().remove("recommendations"); // every test starts from the defaults
        setUpState(true, true);
    }

    // cleanup: in reverse order of creation.
    void tearDownPage()
    {
        m_testers.clear();
        m_page.reset();
        m_state.reset();
    }

    template <typename T>
    T* child(const char* name) const
    {
        auto* w = m_page->findChild<T*>(QString::fromLatin1(name));
        Q_ASSERT(w);
        return w;
    }

    std::uint32_t userWithHistory() const
    {
        // A user with a long history whose preferences matched tracks: the interesting case.
        for (std::uint32_t u = 0; u < m_simulation->users.size(); ++u) {
            if (!m_simulation->users[u].fellBack && interactionsOf(*m_simulation, u).size() >= 40)
                return u;
        }
        return 0;
    }

    ui::LoadedCatalog m_loaded;
    std::shared_ptr<const sim::SimulationResult> m_simulation;
    std::shared_ptr<const model::Model> m_model;
    std::unique_ptr<ui::AppState> m_state;
    std::unique_ptr<RecommendationsPage> m_page;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

} // namespace gdbm::ui::testing
