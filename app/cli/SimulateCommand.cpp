#include "CliCommon.h"
#include "Commands.h"
#include "core/Text.h"
#include "sim/ArchetypeJson.h"
#include "sim/SimulationExport.h"
#include "sim/Simulator.h"

#include <QDate>
#include <algorithm>
#include <cstdio>

namespace gdbm::cli {
namespace {

std::chrono::sys_days parseReferenceDate(const QString& text)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid())
        throw UsageError{"--reference-date must be a date YYYY-MM-DD, not '" + text.toStdString() + "'"};
    return std::chrono::sys_days(std::chrono::year(date.year()) / date.month() / date.day());
}

// Users per archetype, with those who fell back to random tracks and the preferences the
// catalog could not answer (skipped for every user of that archetype).
void printSummary(const sim::SimulationResult& result, const sim::ArchetypeSet& archetypes,
                  const sim::CatalogFacts& facts)
{
    const sim::SimulationSummary& s = result.summary;
    std::fprintf(stderr, "%zu user%s, %s interactions, %zu fell back to random tracks, %zu discoverer%s\n",
                 result.users.size(), result.users.size() == 1 ? "" : "s",
                 text::withThousands((long long)s.interactions).c_str(), s.fellBack, s.discoverers,
                 s.discoverers == 1 ? "" : "s");
    for (std::size_t k = 0; k < result.archetypeNames.size(); ++k) {
        char counts[64];
        std::snprintf(counts, sizeof counts, "%6zu %s", s.usersPerArchetype[k],
                      s.usersPerArchetype[k] == 1 ? "user" : "users");
        std::string line = "  " + result.archetypeNames[k];
        line.resize(std::max<std::size_t>(line.size(), 26), ' ');
        line += std::string(" ") + counts;
        if (s.fellBackPerArchetype[k] > 0)
            line += ", " + std::to_string(s.fellBackPerArchetype[k]) + " fell back";
        const std::vector<std::string> skipped =
            sim::inapplicablePreferences(archetypes.archetypes[k], facts);
        if (!skipped.empty())
            line += "; skipped (not in this catalog): " + text::join(skipped, ", ");
        std::fprintf(stderr, "%s\n", line.c_str());
    }
    std::fprintf(stderr, "  ratings:");
    for (std::size_t b = 0; b < sim::kRatingBins; ++b)
        std::fprintf(stderr, " %.1f:%zu", 1.0 + 0.5 * double(b), s.ratingHistogram[b]);
    std::fprintf(stderr, "\n");
}

} // namespace

int runSimulate(const QStringList& args)
{
    QCommandLineParser parser;
    addDataOptions(parser);
    parser.addOption({"archetypes", "An archetype set (JSON); default: the 12 built-in archetypes.", "FILE"});
    const sim::SimulationParams d;
    parser.addOption(optionWithDefault("users", "Number of users", "N", qulonglong(d.users)));
    parser.addOption(optionWithDefault("seed", "Random seed", "S", qulonglong(d.seed)));
    const std::chrono::year_month_day date{d.referenceDate};
    parser.addOption(optionWithDefault(
        "reference-date", "Timestamps go back a year from this date", "YYYY-MM-DD",
        QString::asprintf("%04d-%02u-%02u", int(date.year()), unsigned(date.month()), unsigned(date.day()))));
    parser.addOption({"out", "Folder for interaction_data.csv and user_profiles.csv.", "DIR"});
    parseOrExit(parser, args, "Simulates listeners and writes their histories and profiles.");
    if (!parser.isSet("out"))
        throw UsageError{"simulate needs --out DIR"};

    sim::SimulationParams params;
    params.users = std::size_t(sizeOption(parser, "users", 1, kMaxUsers, kUsersBound));
    params.seed = std::uint64_t(integerOption(parser, "seed", 0, std::numeric_limits<long long>::max()));
    params.referenceDate = parseReferenceDate(parser.value("reference-date"));

    const sim::ArchetypeSet archetypes =
        parser.isSet("archetypes") ? sim::readArchetypeFile(parser.value("archetypes").toStdString())
                                   : sim::defaultArchetypes();
    const std::string out = outputFolder(parser, "out", {sim::kInteractionsFile, sim::kProfilesFile});
    const data::Catalog catalog = loadCatalog(parser);
    params.thresholds = data::GenreThresholds::scaledFor(catalog.size());

    std::size_t planned = 0;
    for (std::size_t n : sim::usersPerArchetype(archetypes, params.users))
        planned += n;
    if (planned != params.users)
        printInfo("note: the archetype shares sum to " + text::formatDouble(archetypes.shareTotal()) +
                  ", so " + std::to_string(planned) + " users are simulated (share x " +
                  std::to_string(params.users) + " each)");

    const sim::SimulationResult result =
        sim::simulate(catalog, archetypes, params, stderrProgress(), &interrupted());
    printSummary(result, archetypes, sim::computeCatalogFacts(catalog, params.thresholds));
    sim::exportSimulation(result, catalog, out);
    printInfo("wrote " + out + "/" + sim::kInteractionsFile + " and " + out + "/" + sim::kProfilesFile);
    return kExitOk;
}

} // namespace gdbm::cli
