#pragma once

#include "rec/Embedder.h"
#include "rec/HybridModel.h"

#include <QCommandLineParser>

// The hybrid DBM's options (--modalities ... --hybrid-embedding), shared by evaluate and train.
namespace gdbm::cli {

void addHybridOptions(QCommandLineParser& parser);
rec::HybridParams hybridParams(const QCommandLineParser& parser);
rec::EmbeddingKind hybridEmbedding(const QCommandLineParser& parser);

} // namespace gdbm::cli
