#pragma once

#include "AppState.h"
#include "core/Progress.h"
#include "project/Project.h"

#include <QString>
#include <QStringList>

namespace gdbm::ui {

// Between the window's state and a project file. Capturing is cheap (the state's results are
// shared snapshots) and runs on the GUI thread; reading a project and the catalog it names
// runs on a job thread; applying it runs on the GUI thread again.

// What a save writes.
struct ProjectSnapshot
{
    project::Project project;
};
ProjectSnapshot captureProject(const AppState& state);

// Writes the snapshot atomically (job thread).
void writeProject(ProjectSnapshot snapshot, const std::string& path);

struct OpenedProject
{
    project::Project project;
    LoadedCatalog catalog;
    QStringList datasetFiles;
    // The dataset files no longer hold the tracks the simulation was made on: the simulation
    // and the evaluation are not restored (the model is, out of date: other tracks made it).
    bool datasetChanged = false;
};

// Reads the project and its catalog (job thread). Throws InputError naming the file.
OpenedProject readProject(const std::string& path, const ProgressCallback& progress,
                          const CancelFlag& cancel);

// Makes the opened project the window's state, as it was saved; clears the modified flag.
void applyProject(AppState& state, const OpenedProject& opened);

} // namespace gdbm::ui
