#include "CliCommon.h"
#include "Commands.h"
#include "core/AtomicFile.h"
#include "model/CurveCsv.h"
#include "project/ProjectFile.h"
#include "project/RunJson.h"

#include <cmath>
#include <cstdio>

namespace gdbm::cli {
namespace {

std::string number(double value, int decimals = 4)
{
    if (std::isnan(value))
        return "-";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

} // namespace

int runRuns(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument("PROJECT", "The project file (.gdbmproj).");
    parser.addOption({"json", "Write every run (settings, curves, errors, evaluation) as JSON.", "FILE"});
    parser.addOption({"curves", "Write each run's curves as run-N-curves.csv in this folder.", "FOLDER"});
    parseOrExit(parser, args,
                "Lists the training runs a project keeps: settings, errors, duration and scores. "
                "The current model's run is marked with *.",
                /*takesArguments=*/true);
    if (parser.positionalArguments().size() != 1)
        throw UsageError{"runs needs exactly one PROJECT file"};
    const std::string path = parser.positionalArguments().first().toStdString();
    const std::string jsonPath = parser.isSet("json") ? outputFile(parser, "json") : std::string();
    const project::Project project = project::loadProject(path);

    std::vector<std::string> curveFiles;
    for (const project::TrainingRun& run : project.runs)
        curveFiles.push_back("run-" + std::to_string(run.number) + "-curves.csv");
    const std::string folder =
        parser.isSet("curves") ? outputFolder(parser, "curves", curveFiles) : std::string();

    if (project.runs.empty()) {
        std::printf("%s keeps no training runs\n", path.c_str());
    } else {
        std::printf("%-4s %-17s %-40s %-9s %7s %8s %8s %10s %9s %9s\n", "run", "started", "model", "end",
                    "epochs", "time", "train", "validation", "NDCG ret", "NDCG new");
        for (const project::TrainingRun& run : project.runs) {
            std::string id = run.number == project.currentRun ? "*" : " ";
            id += std::to_string(run.number);
            std::printf("%-4s %-17s %-40s %-9s %7d %7.1fs %8s %10s %9s %9s\n", id.c_str(),
                        run.started.c_str(), run.modelDescription().c_str(),
                        run.finished() ? "finished" : "cancelled", run.epochsDone(), run.seconds,
                        number(run.finalTrainError()).c_str(), number(run.finalValidationError()).c_str(),
                        number(project::runNdcg(run, rec::Protocol::Warm)).c_str(),
                        number(project::runNdcg(run, rec::Protocol::NewTracks)).c_str());
        }
    }
    if (!jsonPath.empty()) {
        project::json runs = project::json::array();
        for (const project::TrainingRun& run : project.runs) {
            project::json one = project::toJson(run, /*withCurves=*/true);
            one["current"] = run.number == project.currentRun;
            runs.push_back(std::move(one));
        }
        writeFileAtomically(jsonPath, [&](std::ostream& out) { out << runs.dump(2) << '\n'; });
        printInfo("wrote " + jsonPath);
    }
    if (!folder.empty()) {
        for (std::size_t i = 0; i < project.runs.size(); ++i)
            model::saveCurvesCsv(project.runs[i].curves, folder + "/" + curveFiles[i]);
        printInfo("wrote " + std::to_string(curveFiles.size()) + " curve files to " + folder);
    }
    return kExitOk;
}

} // namespace gdbm::cli
