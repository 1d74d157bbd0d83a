#pragma once

#include <QString>

namespace gdbm::ui {

// gdbm-studio --screenshots DIR: opens the main window at 1280x800 offscreen or on screen,
// loads the demo catalog, runs a simulation, and saves every page to DIR/<page>.png.
// Returns false (with a message on stderr) if something fails.
bool renderScreenshots(const QString& folder);

} // namespace gdbm::ui
