#pragma once

#include "core/Progress.h"
#include "data/Catalog.h"

#include <QCommandLineParser>
#include <QStringList>
#include <string>

// Shared plumbing of gdbm-cli's subcommands: exit codes, option parsing, progress on stderr and
// the catalog every data command starts from.
namespace gdbm::cli {

enum ExitCode {
    kExitOk = 0,
    kExitFailure = 1,  // an unexpected internal error
    kExitUsage = 2,    // bad command line
    kExitBadInput = 3, // a dataset, archetype set or model that cannot be used
    kExitDiverged = 4, // training produced non-finite values
    kExitInterrupted = 130,
};

// Thrown for command-line mistakes; main() prints it with the usage hint and exits with 2.
struct UsageError
{
    std::string message;
};

// Parses a subcommand's arguments (args[0] is "gdbm-cli <command>"). Handles --help itself
// (prints and exits 0); unknown options are UsageErrors, and so are positional arguments
// unless takesArguments (the command checks their number itself).
void parseOrExit(QCommandLineParser& parser, const QStringList& args, const QString& description,
                 bool takesArguments = false);

// An option's value as a number within [min, max]; a UsageError naming the option otherwise.
long long integerOption(const QCommandLineParser& parser, const QString& name, long long min, long long max);
double numberOption(const QCommandLineParser& parser, const QString& name, double min, double max);

// Set by Ctrl-C (SIGINT) or SIGTERM; every long step checks it and stops cleanly, leaving no
// half-written file (main() exits with 130).
CancelFlag& interrupted();
void installInterruptHandler();

// A JSON string literal with quotes and control characters escaped.
std::string jsonString(const std::string& text);

// Prints progress to stderr: one line per stage, then the percentage in steps of 10%.
ProgressCallback stderrProgress();

// The catalog of --data FILE (one or two), or the demo catalog when none is given.
void addDataOptions(QCommandLineParser& parser);
data::Catalog loadCatalog(const QCommandLineParser& parser);

// Prints one line to stderr ("gdbm-cli: ...").
void printError(const std::string& message);
void printInfo(const std::string& message);

} // namespace gdbm::cli
