#include "pages/SimulationPage.h"

#include "charts/BarChart.h"
#include "core/Text.h"
#include "jobs/JobProgressBar.h"
#include "jobs/JobRunner.h"
#include "sim/SimulationExport.h"
#include "util/FileDialog.h"
#include "util/Format.h"
#include "util/LabelStyle.h"
#include "util/MessageBox.h"
#include "util/SavedNotice.h"

#include <QDateEdit>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

namespace gdbm::ui {
namespace {

std::chrono::sys_days toSysDays(const QDate& date)
{
    return std::chrono::sys_days(std::chrono::year(date.year()) / date.month() / date.day());
}

} // namespace

SimulationPage::SimulationPage(AppState& state, QWidget* parent)
    : QWidget(parent), m_state(state), m_jobs(new JobRunner(this))
{
    setObjectName("simulationPage");
    buildCharts();
    auto* grid = new QGridLayout(this);
    grid->addWidget(buildSettingsBox(), 0, 0);
    grid->addWidget(buildResultBox(), 1, 0);
    grid->addWidget(m_perArchetype, 0, 1, 2, 1);
    grid->addWidget(m_ratings, 2, 0);
    grid->addWidget(m_historySizes, 2, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(1, 1);
    grid->setRowStretch(2, 2);

    // The settings belong to the project: the widgets edit AppState's copy and follow it when a
    // project is opened.
    pushSettings();
    connectSignals();
    updateBanner();
    showResult();
}

QWidget* SimulationPage::buildSettingsBox()
{
    const QSettings settings;

    m_users = new QSpinBox;
    m_users->setObjectName("simUsers");
    m_users->setRange(1, 1'000'000);
    m_users->setGroupSeparatorShown(true);
    m_users->setValue(settings.value("simulation/users", 1000).toInt());
    m_seed = new QSpinBox;
    m_seed->setObjectName("simSeed");
    m_seed->setRange(0, 2'000'000'000);
    m_seed->setValue(settings.value("simulation/seed", 1).toInt());
    m_referenceDate = new QDateEdit(settings.value("simulation/referenceDate", QDate(2024, 1, 1)).toDate());
    m_referenceDate->setObjectName("simReferenceDate");
    m_referenceDate->setDisplayFormat("yyyy-MM-dd");
    m_referenceDate->setCalendarPopup(true);
    m_referenceDate->setToolTip(tr("Listening timestamps go back up to a year from this date."));

    m_run = new QPushButton(tr("Run simulation"));
    m_run->setObjectName("simRun");
    m_run->setDefault(true);
    m_run->setToolTip(tr("Simulate the listeners (Ctrl+R)"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName("simCancel");
    m_cancel->setEnabled(false);
    m_export = new QPushButton(tr("Export CSV files..."));
    m_export->setObjectName("simExport");
    m_export->setEnabled(false);
    m_progress = new QProgressBar;
    m_progress->setObjectName("simProgress");
    m_progress->setTextVisible(true);
    m_progress->setVisible(false);

    auto* settingsBox = new QGroupBox(tr("Simulation"));
    auto* form = new QFormLayout;
    form->addRow(tr("Users:"), m_users);
    form->addRow(tr("Seed:"), m_seed);
    form->addRow(tr("Reference date:"), m_referenceDate);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    buttons->addWidget(m_export);
    auto* settingsLayout = new QVBoxLayout(settingsBox);
    settingsLayout->addLayout(form);
    settingsLayout->addLayout(buttons);
    settingsLayout->addWidget(m_progress);
    return settingsBox;
}

QWidget* SimulationPage::buildResultBox()
{
    m_banner = new QLabel;
    m_banner->setObjectName("simOutOfDate");
    m_banner->setWordWrap(true);
    m_banner->setMargin(8);
    m_summary = new QLabel;
    m_summary->setObjectName("simSummary");
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* resultBox = new QGroupBox(tr("Result"));
    auto* resultLayout = new QVBoxLayout(resultBox);
    resultLayout->addWidget(m_banner);
    resultLayout->addWidget(m_summary);
    resultLayout->addStretch();
    return resultBox;
}

void SimulationPage::buildCharts()
{
    m_perArchetype = new BarChart(tr("Users per archetype"));
    m_perArchetype->setObjectName("simUsersChart");
    m_perArchetype->setHorizontal(true);
    m_ratings = new BarChart(tr("Ratings"));
    m_ratings->setObjectName("simRatingsChart");
    m_ratings->setColor(QColor(0xd0, 0x8a, 0x2e));
    m_historySizes = new BarChart(tr("Interactions per user"));
    m_historySizes->setObjectName("simHistoryChart");
    m_historySizes->setColor(QColor(0x4f, 0x9a, 0x6b));
}

void SimulationPage::connectSignals()
{
    connect(m_run, &QPushButton::clicked, this, &SimulationPage::run);
    connect(m_cancel, &QPushButton::clicked, this, &SimulationPage::cancel);
    connect(m_export, &QPushButton::clicked, this, &SimulationPage::exportCsv);
    showProgressOf(*m_jobs, *m_progress);
    connect(m_jobs, &JobRunner::finished, this, [this] {
        setRunning(false);
        m_exporting = false;
    });
    connect(m_jobs, &JobRunner::failed, this, [this](const QString& message) {
        MessageBox::critical(this, m_exporting ? tr("Export failed") : tr("Simulation failed"), message);
    });
    connect(&m_state, &AppState::simulationChanged, this, &SimulationPage::showResult);
    connect(&m_state, &AppState::simulationOutOfDateChanged, this, &SimulationPage::updateBanner);
    connect(&m_state, &AppState::archetypesChanged, this, &SimulationPage::updateBanner);
    connect(&m_state, &AppState::catalogChanged, this, &SimulationPage::updateBanner);
    connect(m_users, &QSpinBox::valueChanged, this, &SimulationPage::updateBanner);
    connect(m_users, &QSpinBox::valueChanged, this, &SimulationPage::pushSettings);
    connect(m_seed, &QSpinBox::valueChanged, this, &SimulationPage::pushSettings);
    connect(m_referenceDate, &QDateEdit::dateChanged, this, &SimulationPage::pushSettings);
    connect(&m_state, &AppState::simulationSettingsChanged, this, &SimulationPage::pullSettings);
}

void SimulationPage::pushSettings()
{
    sim::SimulationParams settings;
    settings.users = std::size_t(m_users->value());
    settings.seed = std::uint64_t(m_seed->value());
    settings.referenceDate = toSysDays(m_referenceDate->date());
    m_state.setSimulationSettings(settings);
}

void SimulationPage::pullSettings()
{
    // A copy: each setValue below pushes the widgets back into the state before the next is set.
    const sim::SimulationParams settings = m_state.simulationSettings();
    m_users->setValue(int(settings.users));
    m_seed->setValue(int(settings.seed));
    const std::chrono::year_month_day day(settings.referenceDate);
    m_referenceDate->setDate(QDate(int(day.year()), int(unsigned(day.month())), int(unsigned(day.day()))));
}

void SimulationPage::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_export->setEnabled(!running && m_state.simulation() != nullptr);
    m_progress->setVisible(running);
    if (running) {
        m_progress->setRange(0, 0);
        m_progress->setFormat(tr("Starting..."));
    }
}

void SimulationPage::run()
{
    if (m_jobs->isRunning() || !m_state.catalog())
        return;
    QSettings settings;
    settings.setValue("simulation/users", m_users->value());
    settings.setValue("simulation/seed", m_seed->value());
    settings.setValue("simulation/referenceDate", m_referenceDate->date());

    sim::SimulationParams params = m_state.simulationSettings();
    params.thresholds = m_state.thresholds();
    std::shared_ptr<const data::Catalog> catalog = m_state.catalog();
    const sim::ArchetypeSet archetypes = m_state.archetypes();
    // Said before anything starts: the simulation would refuse the set anyway.
    if (const std::string problems = sim::describeBlockingProblems(archetypes); !problems.empty()) {
        MessageBox::warning(this, tr("Run simulation"),
                            tr("The archetypes need fixing first (Archetypes page, Ctrl+2):\n%1")
                                .arg(QString::fromStdString(problems)));
        return;
    }

    setRunning(true);
    m_jobs->start(
        tr("Simulating listeners"),
        [catalog, archetypes, params](const ProgressCallback& progress, const CancelFlag& cancel) {
            return std::any(std::make_shared<const sim::SimulationResult>(
                sim::simulate(*catalog, archetypes, params, progress, &cancel)));
        },
        [this, catalog, archetypes, thresholds = params.thresholds](std::any result) {
            m_state.setSimulation(std::any_cast<std::shared_ptr<const sim::SimulationResult>>(result),
                                  catalog, archetypes, thresholds);
        });
}

void SimulationPage::cancel()
{
    m_jobs->cancel();
}

void SimulationPage::exportCsv()
{
    const auto result = m_state.simulation();
    const auto catalog = m_state.simulationCatalog();
    if (!result || !catalog || m_jobs->isRunning())
        return;
    const QString folder =
        FileDialog::folder(this, "simulation", tr("Export interaction_data.csv and user_profiles.csv to"));
    if (folder.isEmpty())
        return;
    QStringList existing;
    for (const char* name : {sim::kInteractionsFile, sim::kProfilesFile}) {
        if (QFileInfo::exists(QDir(folder).filePath(name)))
            existing << name;
    }
    if (!existing.isEmpty() &&
        MessageBox::question(this, tr("Export simulation"),
                             tr("%1 already has %2. Do you want to replace %3?")
                                 .arg(QDir::toNativeSeparators(folder), existing.join(tr(" and ")),
                                      existing.size() == 1 ? tr("it") : tr("them")),
                             QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return;
    setRunning(true);
    m_exporting = true;
    m_jobs->start(
        tr("Exporting the simulation"),
        [result, catalog, folder](const ProgressCallback& progress, const CancelFlag& cancel) {
            progress({"Writing CSV files", 0, 0});
            // Cancelled before the files replace the old ones, the old ones stay.
            sim::exportSimulation(*result, *catalog, folder.toStdString(), &cancel);
            return std::any();
        },
        // The job has finished when this runs: the notice never shows beside a spinning bar.
        [this, folder](std::any) { announceSaved(this, folder); });
}

void SimulationPage::updateBanner()
{
    QString text;
    QString style;
    if (!m_state.simulation()) {
        text = tr("No simulation yet: choose the number of users and press Run.");
        style = bannerStyle(BannerKind::Note);
    } else if (m_state.simulationOutOfDate()) {
        text = tr("Out of date: the catalog, the genre thresholds or the archetypes changed since this run. "
                  "Run again to update it.");
        style = bannerStyle(BannerKind::OutOfDate);
    }
    const double total = m_state.archetypes().shareTotal();
    if (std::abs(total - 1.0) > 1e-6) {
        std::size_t planned = 0;
        for (std::size_t n : sim::usersPerArchetype(m_state.archetypes(), std::size_t(m_users->value())))
            planned += n;
        // After a run that is still current the users exist: say so, not "will be".
        const bool done = m_state.simulation() && !m_state.simulationOutOfDate() &&
                          m_state.simulation()->users.size() == planned;
        text += (text.isEmpty() ? "" : "\n") +
                (done ? tr("The archetype shares sum to %1%, so this simulation has %2 users (share x users "
                           "each); normalise the shares on the Archetypes page for exactly %3.")
                      : tr("The archetype shares sum to %1%, so %2 users will be simulated (share x users "
                           "each); normalise the shares on the Archetypes page for exactly %3."))
                    .arg(total * 100, 0, 'f', 1)
                    .arg(thousands(planned), thousands(std::size_t(m_users->value())));
        if (style.isEmpty())
            style = bannerStyle(BannerKind::Note);
    }
    const QString skipped = skippedPreferencesText();
    if (!skipped.isEmpty()) {
        text += (text.isEmpty() ? "" : "\n") + skipped;
        if (style.isEmpty())
            style = bannerStyle(BannerKind::Note);
    }
    m_banner->setText(text);
    m_banner->setStyleSheet(style);
    m_banner->setVisible(!text.isEmpty());
}

QString SimulationPage::skippedPreferencesText() const
{
    if (!m_state.catalog())
        return {};
    QStringList lines;
    for (const sim::Archetype& archetype : m_state.archetypes().archetypes) {
        const std::vector<std::string> skipped = sim::inapplicablePreferences(archetype, m_state.facts());
        if (skipped.empty())
            continue;
        QStringList names;
        for (const std::string& name : skipped)
            names << QString::fromStdString(name);
        const QString last = names.takeLast();
        const QString joined = names.isEmpty() ? last : tr("%1 and %2").arg(names.join(", "), last);
        lines << (names.isEmpty() ? tr("%1 ignores its %2 preference") : tr("%1 ignores its %2 preferences"))
                     .arg(QString::fromStdString(archetype.name), joined);
    }
    if (lines.isEmpty())
        return {};
    return tr("This catalog has no column for some preferences, so they are skipped (the users keep "
              "their other preferences): %1.")
        .arg(lines.join("; "));
}

void SimulationPage::showResult()
{
    updateBanner();
    const auto result = m_state.simulation();
    m_export->setEnabled(result != nullptr && !m_jobs->isRunning());
    if (!result) {
        m_summary->setText(tr("Run the simulation to see who listens to what."));
        m_perArchetype->setBars({}, {});
        m_ratings->setBars({}, {});
        m_historySizes->setBars({}, {});
        return;
    }
    const sim::SimulationSummary& s = result->summary;
    // Who fell back, by archetype: a whole archetype falling back says its preferences do not
    // fit this catalog (no classical genre, no track with popularity under 10).
    QStringList fellBackBy;
    for (std::size_t k = 0; k < s.fellBackPerArchetype.size() && k < result->archetypeNames.size(); ++k) {
        if (s.fellBackPerArchetype[k] > 0)
            fellBackBy << tr("%1 of %2 %3")
                              .arg(thousands(s.fellBackPerArchetype[k]), thousands(s.usersPerArchetype[k]),
                                   QString::fromStdString(result->archetypeNames[k]).toHtmlEscaped());
    }
    m_summary->setText(
        tr("<b>%1 users</b>, %2 interactions<br>%3 fell back to random tracks (their "
           "preferences matched nothing, even drawn again)%4<br>%5 also got 5 random tracks (discovery)<br>"
           "seed %6, reference date %7")
            .arg(thousands(result->users.size()), thousands(s.interactions),
                 s.fellBack == 1 ? tr("1 user") : tr("%1 users").arg(thousands(s.fellBack)),
                 fellBackBy.isEmpty() ? QString() : tr(": %1").arg(fellBackBy.join(", ")),
                 s.discoverers == 1 ? tr("1 user") : tr("%1 users").arg(thousands(s.discoverers)))
            .arg(result->seed)
            .arg(QString::fromStdString(sim::formatDay(result->referenceDate))));

    QStringList names;
    QList<qreal> counts;
    // Bottom-up in a horizontal chart: list the first archetype last so it reads top-down.
    for (std::size_t k = result->archetypeNames.size(); k-- > 0;) {
        names << QString::fromStdString(result->archetypeNames[k]);
        counts << qreal(s.usersPerArchetype[k]);
    }
    m_perArchetype->setBars(names, counts);

    QStringList ratingLabels;
    QList<qreal> ratingCounts;
    for (std::size_t b = 0; b < sim::kRatingBins; ++b) {
        ratingLabels << QString::number(1.0 + 0.5 * double(b), 'f', 1);
        ratingCounts << qreal(s.ratingHistogram[b]);
    }
    m_ratings->setBars(ratingLabels, ratingCounts);
    m_ratings->setValueAxisTitle(tr("interactions"));

    std::vector<double> perUser(result->users.size(), 0.0);
    for (const sim::Interaction& i : result->interactions)
        perUser[i.user] += 1;
    const auto [fewest, most] = std::minmax_element(perUser.begin(), perUser.end());
    // Up to 12 bins of a whole number of interactions, from the shortest history to the longest.
    const double lo = perUser.empty() ? 0 : *fewest;
    const double width = std::max(1.0, std::ceil((perUser.empty() ? 1 : *most + 1 - lo) / 12));
    const int bins = perUser.empty() ? 1 : int(std::ceil((*most + 1 - lo) / width));
    const Histogram h = makeHistogram(perUser, bins, lo, lo + bins * width);
    m_historySizes->setBars(h.labels, h.counts);
    m_historySizes->setValueAxisTitle(tr("users"));
}

} // namespace gdbm::ui
