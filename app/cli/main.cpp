#include "CliCommon.h"
#include "Commands.h"
#include "core/Error.h"
#include "core/Isa.h"
#include "model/TrainingProgress.h"

#include <QCoreApplication>
#include <QTextStream>
#include <csignal>
#include <cstdio>
#include <map>
#include <pthread.h>

namespace {

using Command = int (*)(const QStringList&);

const std::map<QString, std::pair<Command, const char*>>& commands()
{
    static const std::map<QString, std::pair<Command, const char*>> table = {
        {"archetypes", {gdbm::cli::runArchetypes, "write the default archetype set, or check one (JSON)"}},
        {"catalog", {gdbm::cli::runCatalog, "write the demo catalog as an Exportify CSV"}},
        {"embed", {gdbm::cli::runEmbed, "embed every song of a dataset with a trained model"}},
        {"evaluate", {gdbm::cli::runEvaluate, "compare the DBM's recommendations with baselines"}},
        {"recommend", {gdbm::cli::runRecommend, "recommend tracks to one simulated user"}},
        {"runs", {gdbm::cli::runRuns, "list or export the training runs a project keeps"}},
        {"run", {gdbm::cli::runPipeline, "the whole pipeline on the demo catalog or a dataset"}},
        {"model-info", {gdbm::cli::runModelInfo, "describe a model file"}},
        {"simulate", {gdbm::cli::runSimulate, "simulate listeners: interaction_data.csv, user_profiles.csv"}},
        {"train", {gdbm::cli::runTrain, "train the GDBM on the songs' audio features"}},
    };
    return table;
}

void printUsage(FILE* to)
{
    std::fprintf(to, "Usage: gdbm-cli <command> [options]\n\nCommands:\n");
    for (const auto& [name, entry] : commands())
        std::fprintf(to, "  %-12s %s\n", qPrintable(name), entry.second);
    std::fprintf(to, "\nRun 'gdbm-cli <command> --help' for a command's options; 'gdbm-cli --version'.\n");
}

} // namespace

int main(int argc, char** argv)
{
    gdbm::relaunchForRequestedIsa(argv); // GDBM_ISA: before any work starts
    // A parent may start us with SIGINT and SIGTERM blocked (the mask is inherited across exec);
    // training must still stop cleanly on Ctrl-C, so unblock them before any thread starts.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_UNBLOCK, &stopSignals, nullptr);

    QCoreApplication app(argc, argv);
    gdbm::cli::installInterruptHandler();
    QCoreApplication::setApplicationName("gdbm-cli");
    QCoreApplication::setApplicationVersion(GDBM_VERSION);
    const QStringList args = QCoreApplication::arguments();

    if (args.size() < 2) {
        printUsage(stderr);
        return gdbm::cli::kExitUsage;
    }
    const QString first = args.at(1);
    if (first == "--version" || first == "-v") {
        std::printf("gdbm-cli %s\n%.*s\n", GDBM_VERSION, int(gdbm::isaDescription().size()),
                    gdbm::isaDescription().data());
        return gdbm::cli::kExitOk;
    }
    if (first == "--help" || first == "-h" || first == "help") {
        printUsage(stdout);
        return gdbm::cli::kExitOk;
    }
    const auto it = commands().find(first);
    if (it == commands().end()) {
        gdbm::cli::printError("unknown command '" + first.toStdString() + "'");
        printUsage(stderr);
        return gdbm::cli::kExitUsage;
    }

    QStringList rest = args.mid(2);
    rest.prepend("gdbm-cli " + first);
    try {
        return it->second.first(rest);
    } catch (const gdbm::cli::UsageError& e) {
        // One line, the hint included: scripts read the first line of stderr as the error.
        gdbm::cli::printError(e.message + " (see 'gdbm-cli " + first.toStdString() + " --help')");
        return gdbm::cli::kExitUsage;
    } catch (const gdbm::InputError& e) {
        gdbm::cli::printError(e.what());
        return gdbm::cli::kExitBadInput;
    } catch (const gdbm::model::TrainingDiverged& e) {
        // Every command that trains (train, evaluate, run) reports a divergence the same way.
        gdbm::cli::printError(e.what());
        return gdbm::cli::kExitDiverged;
    } catch (const gdbm::Cancelled&) {
        gdbm::cli::printError("interrupted");
        return gdbm::cli::kExitInterrupted;
    } catch (const std::exception& e) {
        gdbm::cli::printError(std::string("internal error: ") + e.what());
        return gdbm::cli::kExitFailure;
    }
}
