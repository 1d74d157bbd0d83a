#pragma once

#include "model/TrainingParams.h"
#include "model/TrainingProgress.h"

#include <QCommandLineParser>
#include <memory>
#include <tbb/global_control.h>

// The training options shared by train, evaluate and run (--layers ... --threads).
namespace gdbm::cli {

void addTrainingOptions(QCommandLineParser& parser);
model::TrainingParams trainingParams(const QCommandLineParser& parser);
// A oneTBB limit while it lives when --threads is given.
std::unique_ptr<tbb::global_control> threadLimit(const QCommandLineParser& parser);
std::size_t activeThreads();
// Per-epoch progress lines on stderr.
model::EpochObserver stderrEpochObserver();

} // namespace gdbm::cli
