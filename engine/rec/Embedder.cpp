#include "rec/Embedder.h"

#include "core/Error.h"
#include "model/BatchPlan.h"

namespace gdbm::rec {
namespace {

constexpr std::size_t kSongsPerChunk = 1024;

} // namespace

std::string_view embeddingKey(EmbeddingKind kind)
{
    switch (kind) {
    case EmbeddingKind::TopLayer:
        return "top";
    case EmbeddingKind::AllLayers:
        return "all";
    case EmbeddingKind::Reconstruction:
        return "reconstruction";
    }
    return "top";
}

std::optional<EmbeddingKind> embeddingFromKey(std::string_view key)
{
    for (EmbeddingKind k :
         {EmbeddingKind::TopLayer, EmbeddingKind::AllLayers, EmbeddingKind::Reconstruction}) {
        if (embeddingKey(k) == key)
            return k;
    }
    return std::nullopt;
}

std::size_t embeddingSize(const model::Dbm& dbm, EmbeddingKind kind)
{
    switch (kind) {
    case EmbeddingKind::TopLayer:
        return dbm.layerSize(dbm.layerCount() - 1);
    case EmbeddingKind::AllLayers: {
        std::size_t n = 0;
        for (std::size_t s : dbm.layerSizes())
            n += s;
        return n;
    }
    case EmbeddingKind::Reconstruction:
        return dbm.visibleCount();
    }
    return 0;
}

Matrix embed(const model::Dbm& dbm, const Matrix& standardized, EmbeddingKind kind, int meanFieldIterations,
             const CancelFlag* cancel)
{
    return embed(dbm, standardized, kind, meanFieldIterations, {}, cancel);
}

Matrix embed(const model::Dbm& dbm, const Matrix& standardized, EmbeddingKind kind, int meanFieldIterations,
             const std::vector<model::ColumnRange>& missing, const CancelFlag* cancel)
{
    const auto rows = std::size_t(standardized.rows());
    Matrix out(standardized.rows(), Eigen::Index(embeddingSize(dbm, kind)));
    const std::size_t chunks = (rows + kSongsPerChunk - 1) / kSongsPerChunk;
    model::forEachTask(chunks, [&](std::size_t c) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return;
        const auto first = Eigen::Index(c * kSongsPerChunk);
        const auto count = Eigen::Index(std::min(kSongsPerChunk, rows - c * kSongsPerChunk));
        const std::vector<Matrix> mu = model::meanFieldWithMissing(dbm, standardized.middleRows(first, count),
                                                                   meanFieldIterations, missing);
        switch (kind) {
        case EmbeddingKind::TopLayer:
            out.middleRows(first, count) = mu.back();
            break;
        case EmbeddingKind::AllLayers: {
            Eigen::Index col = 0;
            for (const Matrix& layer : mu) {
                out.block(first, col, count, layer.cols()) = layer;
                col += layer.cols();
            }
            break;
        }
        case EmbeddingKind::Reconstruction:
            out.middleRows(first, count) = model::reconstruct(dbm, mu.front());
            break;
        }
    });
    if (cancel && cancel->load(std::memory_order_relaxed))
        throw Cancelled();
    return out;
}

} // namespace gdbm::rec
