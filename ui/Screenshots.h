#pragma once

#include <QSize>
#include <QString>

namespace gdbm::ui {

// gdbm-studio --screenshots DIR: opens the main window at `size` (1280x800 by default; below
// 1100 pixels wide with the compact sidebar) offscreen or on screen, loads the demo catalog,
// runs a simulation, trains, evaluates, and saves every page to DIR/<page>.png; then trains the
// audio-only model too and saves the Training page's Runs tab comparing the two runs
// (DIR/training-runs.png, training-runs-settings.png). Returns false (with a message on
// stderr) if something fails.
bool renderScreenshots(const QString& folder, QSize size = QSize(1280, 800));

} // namespace gdbm::ui
