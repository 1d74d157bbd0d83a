// Shared setup for the Archetypes page tests (TestArchetypesPage, TestArchetypeEditor): the page
// under test with its state, and helpers to find archetypes, editor rows and buttons.
#pragma once

#include "AppState.h"
#include "core/Text.h"
#include "data/DemoCatalog.h"
#include "models/ArchetypeListModel.h"
#include "pages/ArchetypeEditor.h"
#include "pages/ArchetypesPage.h"
#include "pages/PreferenceRow.h"
#include "sim/ArchetypeMatch.h"
#include "util/FileDialog.h"
#include "util/MessageBox.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QString>
#include <QTest>
#include <memory>
#include <string>
#include <vector>

// Test classes derive from QObject first and from this second; the members keep the names the
// tests use.
class ArchetypesFixture
{
protected:
    // initTestCase: settings of their own for this test program, no dialog ever shown, and the
    // 3,000-track demo catalog every test starts from.
    void setUpTestCase(const QString& applicationName)
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("gdbm-tests"));
        QCoreApplication::setApplicationName(applicationName);
        gdbm::ui::MessageBox::setTestMode(true);
        gdbm::ui::FileDialog::setTestMode(true);
        m_loaded = gdbm::ui::prepareCatalog(gdbm::data::generateDemoCatalog({3000, 1}),
                                            gdbm::data::GenreThresholds::scaledFor(3000));
        QCOMPARE(m_loaded.catalog->size(), std::size_t(3000));
    }

    // init: a fresh state and page, the page's model under QAbstractItemModelTester.
    void setUpPage()
    {
        m_state = std::make_unique<gdbm::ui::AppState>();
        m_state->setCatalog(m_loaded);
        m_page = std::make_unique<gdbm::ui::ArchetypesPage>(*m_state);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m_page->objectName(), QStringLiteral("archetypesPage"));
    }

    // cleanup: in reverse order of creation.
    void tearDownPage()
    {
        m_tester.reset();
        m_page.reset();
        m_state.reset();
    }

    int rowOf(const std::string& name) const
    {
        const auto& list = m_state->archetypes().archetypes;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (list[i].name == name)
                return int(i);
        }
        return -1;
    }

    const gdbm::sim::Archetype& archetype(const std::string& name) const
    {
        const int row = rowOf(name);
        Q_ASSERT(row >= 0);
        return m_state->archetypes().archetypes[std::size_t(row)];
    }

    // The editor's rows, in order (rows being replaced are hidden until they are deleted).
    std::vector<gdbm::ui::PreferenceRow*> rows() const
    {
        std::vector<gdbm::ui::PreferenceRow*> visible;
        for (gdbm::ui::PreferenceRow* row : m_page->editor()->findChildren<gdbm::ui::PreferenceRow*>()) {
            if (!row->isHidden())
                visible.push_back(row);
        }
        return visible;
    }

    QString expectedCount(const gdbm::sim::Archetype& a) const
    {
        const gdbm::sim::MatchRange r = gdbm::sim::countMatches(a, *m_state->catalog(), m_state->facts());
        Q_ASSERT(!r.drawn && r.max > 1);
        return QString::fromStdString(gdbm::text::withThousands(static_cast<long long>(r.max))) +
               QStringLiteral(" catalog tracks match");
    }

    QString matchText() const { return m_page->findChild<QLabel*>(QStringLiteral("matchCount"))->text(); }

    QPushButton* button(const char* name) const
    {
        auto* b = m_page->findChild<QPushButton*>(QString::fromLatin1(name));
        Q_ASSERT(b);
        return b;
    }

    gdbm::ui::LoadedCatalog m_loaded;
    std::unique_ptr<gdbm::ui::AppState> m_state;
    std::unique_ptr<gdbm::ui::ArchetypesPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};
