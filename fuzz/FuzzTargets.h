// The fuzz targets: each feeds arbitrary bytes to one reader of files a user gives the app, the
// way the app reads them. A target returns normally when the reader accepts the bytes or rejects
// them with gdbm::InputError (the one error every reader documents for bad input); anything else
// escapes to the caller: another exception, a crash, a sanitizer report. libFuzzer drives them
// (FuzzMain.cpp, built with GDBM_FUZZ); TestFuzzRegressions replays every saved crash input.
#pragma once

#include <array>
#include <string_view>

namespace gdbm::fuzz {

// CSV bytes: data::parseCsv, then data::loadDocuments on the document.
void csvDataset(std::string_view bytes);
// An archetype set's JSON: sim::archetypesFromJson.
void archetypeJson(std::string_view bytes);
// A model file. The first byte chooses how the rest is read: 'R' as it is (the header and the
// checksum are checked first); anything else as a payload, framed with a valid header, size and
// checksum so that the mutations reach the payload's reader (model::deserializeModel).
void modelFile(std::string_view bytes);
// A project file: the bytes written to a temporary file, then project::loadProject.
void projectFile(std::string_view bytes);
// The two files of an exported simulation, interaction_data.csv and user_profiles.csv, joined
// by a line holding kFileSeparator; each written to a temporary file, then imported with
// sim::importSimulation against the demo catalog of kSimulationCatalogTracks tracks (seed 1).
void simulationImport(std::string_view bytes);
inline constexpr std::string_view kFileSeparator = "\n--8<--\n";
inline constexpr std::size_t kSimulationCatalogTracks = 2000;

using Target = void (*)(std::string_view bytes);

struct TargetInfo
{
    std::string_view key; // the harness's name: fuzz-<key>, fuzz/corpus/<key>/, fuzz-regressions/<key>/
    Target run;
};

inline constexpr std::array<TargetInfo, 5> kTargets = {{
    {"csv-dataset", csvDataset},
    {"archetype-json", archetypeJson},
    {"model-file", modelFile},
    {"project-file", projectFile},
    {"simulation-import", simulationImport},
}};

} // namespace gdbm::fuzz
