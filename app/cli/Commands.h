#pragma once

#include <QStringList>

// One function per gdbm-cli subcommand. Each takes the arguments after the program name with
// args[0] = "gdbm-cli <command>", returns the exit code, and throws UsageError, InputError or
// Cancelled for main() to report.
namespace gdbm::cli {

int runCatalog(const QStringList& args);
int runSimulate(const QStringList& args);
int runArchetypes(const QStringList& args);
int runTrain(const QStringList& args);
int runEmbed(const QStringList& args);
int runModelInfo(const QStringList& args);
int runRecommend(const QStringList& args);
int runEvaluate(const QStringList& args);
int runPipeline(const QStringList& args);
int runRuns(const QStringList& args);

} // namespace gdbm::cli
