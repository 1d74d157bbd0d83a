#pragma once

#include "core/Progress.h"
#include "data/Catalog.h"
#include "rec/InteractionFile.h"

#include <QCommandLineParser>
#include <QStringList>
#include <string>
#include <vector>

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
// An option whose help ends with its default, given once and taken from the engine's parameter
// structs by the caller: "Random seed" with 1 reads "Random seed (default 1).", and with a note
// "Joint units" reads "Joint units (default 16; docs/MODEL.md section 10)."
QCommandLineOption optionWithDefault(const QString& name, const QString& help, const QString& valueName,
                                     const QString& value, const QString& note = {});
template <typename Number>
QCommandLineOption optionWithDefault(const QString& name, const QString& help, const QString& valueName,
                                     Number value, const QString& note = {})
{
    return optionWithDefault(name, help, valueName, QString::number(value), note);
}

void parseOrExit(QCommandLineParser& parser, const QStringList& args, const QString& description,
                 bool takesArguments = false);

// An option's value as a number within [min, max]; a UsageError naming the option otherwise.
long long integerOption(const QCommandLineParser& parser, const QString& name, long long min, long long max);
double numberOption(const QCommandLineParser& parser, const QString& name, double min, double max);

// Caps on the size arguments, so that a typo such as --users 99999999999 is a usage error
// instead of an allocation of many gigabytes. Each cap keeps one run within about a gigabyte.
inline constexpr long long kMaxUsers = 200'000;      // simulated listeners: about 3 KB each
inline constexpr long long kMaxTracks = 1'000'000;   // demo catalog tracks: about 1 KB each
inline constexpr long long kMaxParameters = 1 << 24; // weights and biases: 64 MB per copy
inline constexpr long long kMaxBatch = 65'536;       // songs in a mini-batch
inline constexpr long long kMaxBatchUnits = 1 << 26; // mini-batch size x units in all layers

// What kMaxUsers bounds, for sizeOption's message.
inline constexpr const char* kUsersBound = "the memory a simulation takes";

// A size option within [min, max], where max is one of the caps above; the UsageError names
// the cap and what it bounds (`bounds`, e.g. "the memory a simulation takes").
long long sizeOption(const QCommandLineParser& parser, const QString& name, long long min, long long max,
                     const std::string& bounds);

// Output paths, checked before any long work so that a typo does not throw a long run away.
// outputFile: the option's value, a file that can be written (its folder exists and takes a
// new file; it is not a folder, a device or a FIFO). outputFolder: the option's value, a
// folder, created if needed, in which each of `files` can be written. Both throw InputError
// naming the path.
std::string outputFile(const QCommandLineParser& parser, const QString& name);
std::string outputFolder(const QCommandLineParser& parser, const QString& name,
                         const std::vector<std::string>& files);

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
// interaction_data.csv against the catalog, with a note on stderr when some of its tracks are
// not in the catalog (they are skipped).
rec::InteractionHistories readHistories(const std::string& path, const data::Catalog& catalog);
data::Catalog loadCatalog(const QCommandLineParser& parser);

// Prints one line to stderr ("gdbm-cli: ...").
void printError(const std::string& message);
void printInfo(const std::string& message);

} // namespace gdbm::cli
