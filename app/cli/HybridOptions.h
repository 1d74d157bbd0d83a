#pragma once

#include "rec/Embedder.h"
#include "rec/HybridModel.h"

#include <QCommandLineParser>

// The hybrid DBM's options (--modalities ... --hybrid-embedding), shared by evaluate and train.
namespace gdbm::cli {

enum class HybridUse {
    Evaluated, // evaluate: the shape of the hybrid trained afresh per protocol, and its embedding
    Trained,   // train: the model written (--modalities audio: the original study's model)
};

void addHybridOptions(QCommandLineParser& parser, HybridUse use);
model::HybridParams hybridParams(const QCommandLineParser& parser);
rec::EmbeddingKind hybridEmbedding(const QCommandLineParser& parser);

} // namespace gdbm::cli
