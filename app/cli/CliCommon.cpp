#include "CliCommon.h"

#include "core/AtomicFile.h"
#include "core/Error.h"
#include "core/Text.h"
#include "data/DatasetLoader.h"
#include "data/DemoCatalog.h"

#include <QTextStream>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace gdbm::cli {
namespace {

CancelFlag g_interrupted{false};

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

} // namespace

CancelFlag& interrupted()
{
    return g_interrupted;
}

void installInterruptHandler()
{
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

std::string jsonString(const std::string& text)
{
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                out += buffer;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

QCommandLineOption optionWithDefault(const QString& name, const QString& help, const QString& valueName,
                                     const QString& value, const QString& note)
{
    const QString ending = note.isEmpty() ? ")." : "; " + note + ").";
    return QCommandLineOption(name, help + " (default " + value + ending, valueName, value);
}

void parseOrExit(QCommandLineParser& parser, const QStringList& args, const QString& description,
                 bool takesArguments)
{
    parser.setApplicationDescription(description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({"h", "help"}, "Show this help.");
    parser.addOption(help);
    if (!parser.parse(args))
        throw UsageError{parser.errorText().toStdString()};
    if (parser.isSet(help)) {
        QTextStream(stdout) << parser.helpText().replace("[options]",
                                                         args.value(0).section(' ', 1) + " [options]");
        std::exit(kExitOk);
    }
    if (!takesArguments && !parser.positionalArguments().isEmpty())
        throw UsageError{"unexpected argument '" + parser.positionalArguments().first().toStdString() + "'"};
}

long long integerOption(const QCommandLineParser& parser, const QString& name, long long min, long long max)
{
    bool ok = false;
    const long long value = parser.value(name).toLongLong(&ok);
    if (!ok || value < min || value > max)
        throw UsageError{"--" + name.toStdString() + " must be a whole number in " + std::to_string(min) +
                         ".." + std::to_string(max) + ", not '" + parser.value(name).toStdString() + "'"};
    return value;
}

double numberOption(const QCommandLineParser& parser, const QString& name, double min, double max)
{
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || !(value >= min && value <= max))
        throw UsageError{"--" + name.toStdString() + " must be a number in " + text::formatDouble(min) +
                         ".." + text::formatDouble(max) + ", not '" + parser.value(name).toStdString() + "'"};
    return value;
}

long long sizeOption(const QCommandLineParser& parser, const QString& name, long long min, long long max,
                     const std::string& bounds)
{
    bool ok = false;
    const long long value = parser.value(name).toLongLong(&ok);
    if (!ok || value < min || value > max)
        throw UsageError{"--" + name.toStdString() + " must be a whole number in " +
                         text::withThousands(min) + ".." + text::withThousands(max) + ", not '" +
                         parser.value(name).toStdString() + "' (the cap of " + text::withThousands(max) +
                         " bounds " + bounds + ")"};
    return value;
}

std::string outputFile(const QCommandLineParser& parser, const QString& name)
{
    const std::string path = parser.value(name).toStdString();
    checkOutputPath(path);
    return path;
}

std::string outputFolder(const QCommandLineParser& parser, const QString& name,
                         const std::vector<std::string>& files)
{
    const std::string folder = parser.value(name).toStdString();
    std::error_code ec;
    const auto status = std::filesystem::status(folder, ec);
    if (std::filesystem::exists(status) && !std::filesystem::is_directory(status))
        throw InputError({folder, 0, 0, {}}, "this is not a folder (--" + name.toStdString() +
                                                 " names the folder to write into)");
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw InputError({folder, 0, 0, {}}, "cannot create the folder: " + ec.message());
    for (const std::string& file : files)
        checkOutputPath((std::filesystem::path(folder) / file).string());
    return folder;
}

ProgressCallback stderrProgress()
{
    // Steps that finish within half a second print nothing: only long steps need to show life,
    // and a failing command then prints exactly one line, its error.
    using Clock = std::chrono::steady_clock;
    struct State
    {
        std::string stage;
        Clock::time_point started;
        int lastDecile = -1;
    };
    auto state = std::make_shared<State>();
    return [state](const JobProgress& p) {
        if (p.stage != state->stage) {
            state->stage = p.stage;
            state->started = Clock::now();
            state->lastDecile = -1;
        }
        if (Clock::now() - state->started < std::chrono::milliseconds(500))
            return;
        const int decile = p.total > 0 ? int(10 * p.done / p.total) : 0;
        if (decile == state->lastDecile)
            return;
        state->lastDecile = decile;
        if (p.total > 0)
            std::fprintf(stderr, "%s: %d%%\n", p.stage.c_str(), decile * 10);
        else
            std::fprintf(stderr, "%s\n", p.stage.c_str());
    };
}

void addDataOptions(QCommandLineParser& parser)
{
    parser.addOption(
        {"data",
         "A dataset CSV (Exportify, snake_case Kaggle or top10s style). Give it twice to merge two "
         "files. Without it: the built-in demo catalog (synthetic).",
         "FILE"});
}

rec::InteractionHistories readHistories(const std::string& path, const data::Catalog& catalog)
{
    rec::InteractionHistories histories = rec::readInteractionHistories(path, catalog);
    if (histories.unknownTracks > 0)
        printInfo("note: " + text::withThousands((long long)histories.unknownTracks) + " of " +
                  text::withThousands((long long)histories.interactions) +
                  " interactions name tracks this catalog does not have; they were skipped");
    return histories;
}

data::Catalog loadCatalog(const QCommandLineParser& parser)
{
    const QStringList files = parser.values("data");
    if (files.size() > 2)
        throw UsageError{"--data takes one or two files (the two halves of a dataset to merge)"};
    if (files.isEmpty()) {
        data::Catalog catalog = data::generateDemoCatalog({}, stderrProgress(), &interrupted());
        printInfo("using the " + catalog.label());
        return catalog;
    }
    std::vector<std::string> paths;
    for (const QString& f : files)
        paths.push_back(f.toStdString());
    data::Catalog catalog = data::loadDataset(paths, stderrProgress(), &interrupted());
    const data::LoadReport& report = catalog.report();
    printInfo("loaded " + catalog.label() + ": " + text::withThousands((long long)report.rowsRead) +
              " rows read, " + text::withThousands((long long)report.rowsKept) + " tracks kept");
    for (const auto& drop : report.dropped)
        printInfo("  dropped " + data::describeDrop(drop));
    for (const std::string& conversion : report.conversions)
        printInfo("  converted " + conversion);
    for (const std::string& note : report.notes)
        printInfo("  note: " + note);
    return catalog;
}

void printError(const std::string& message)
{
    std::fprintf(stderr, "gdbm-cli: error: %s\n", message.c_str());
}

void printInfo(const std::string& message)
{
    std::fprintf(stderr, "%s\n", message.c_str());
}

} // namespace gdbm::cli
