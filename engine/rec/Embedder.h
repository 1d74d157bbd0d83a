#pragma once

#include "core/Progress.h"
#include "core/Types.h"
#include "model/Dbm.h"

#include <optional>
#include <string_view>

namespace gdbm::rec {

// What represents a song (MODEL.md section 6).
enum class EmbeddingKind {
    TopLayer,       // the top layer's mean-field activation mu_L(v)
    AllLayers,      // every hidden layer's mean-field activation, concatenated
    Reconstruction, // the mean reconstruction b + mu_1 W1^T
};

// What the Recommendations page starts with: every layer ranked better than the top layer alone
// on the demo catalog and on songs_normalize.csv under every training recipe measured
// (MODEL.md section 9), and its wider vectors rarely tie.
inline constexpr EmbeddingKind kDefaultEmbedding = EmbeddingKind::AllLayers;

std::string_view embeddingKey(EmbeddingKind kind); // "top", "all", "reconstruction"
std::optional<EmbeddingKind> embeddingFromKey(std::string_view key);

// Embeds every row of `standardized` (songs x features), in parallel over fixed chunks of
// songs: the result does not depend on the thread count. Throws Cancelled when *cancel is set.
Matrix embed(const model::Dbm& dbm, const Matrix& standardized, EmbeddingKind kind, int meanFieldIterations,
             const CancelFlag* cancel = nullptr);

// The same with some visible columns missing for every row (HYBRID.md section 3): they are
// inferred by mean-field instead of clamped (model::meanFieldWithMissing).
Matrix embed(const model::Dbm& dbm, const Matrix& visible, EmbeddingKind kind, int meanFieldIterations,
             const std::vector<model::ColumnRange>& missing, const CancelFlag* cancel = nullptr);

std::size_t embeddingSize(const model::Dbm& dbm, EmbeddingKind kind);

} // namespace gdbm::rec
