#include "model/Multimodal.h"

#include "model/Trainer.h"

#include <algorithm>
#include <utility>

namespace gdbm::model {

std::string_view modalityKey(Modality modality)
{
    switch (modality) {
    case Modality::Audio:
        return "audio";
    case Modality::Tags:
        return "tags";
    case Modality::Listening:
        return "listening";
    }
    return "audio";
}

std::optional<Modality> modalityFromKey(std::string_view key)
{
    for (Modality m : kAllModalities) {
        if (modalityKey(m) == key)
            return m;
    }
    return std::nullopt;
}

const std::vector<std::size_t>& HybridParams::pathwayLayers(Modality modality) const
{
    switch (modality) {
    case Modality::Audio:
        return audioLayers;
    case Modality::Tags:
        return tagLayers;
    case Modality::Listening:
        return listeningLayers;
    }
    return audioLayers;
}

std::vector<std::size_t>& HybridParams::pathwayLayers(Modality modality)
{
    return const_cast<std::vector<std::size_t>&>(std::as_const(*this).pathwayLayers(modality));
}

bool HybridParams::uses(Modality modality) const
{
    return std::find(modalities.begin(), modalities.end(), modality) != modalities.end();
}

std::vector<std::string> validate(const HybridParams& p)
{
    std::vector<std::string> problems;
    if (p.modalities.empty())
        problems.emplace_back("modalities: at least one of audio, tags, listening");
    std::vector<Modality> seen;
    for (Modality m : p.modalities) {
        if (std::find(seen.begin(), seen.end(), m) != seen.end())
            problems.push_back("modalities: " + std::string(modalityKey(m)) + " is listed twice");
        seen.push_back(m);
    }
    const std::size_t depth = p.audioLayers.size();
    if (depth < 1 || depth > 4 || p.tagLayers.size() != depth || p.listeningLayers.size() != depth)
        problems.emplace_back("pathway layers: every modality has the same number of layers, 1 to 4");
    for (Modality m : kAllModalities) {
        for (std::size_t n : p.pathwayLayers(m)) {
            if (n < 1 || n > 4096)
                problems.push_back(std::string(modalityKey(m)) + " layers: each layer has 1..4096 units");
        }
    }
    if (p.jointUnits < 1 || p.jointUnits > 4096)
        problems.emplace_back("joint units: 1..4096");
    if (!(p.pretrainMomentumStart >= 0 && p.pretrainMomentumStart < 1 && p.pretrainMomentum >= 0 &&
          p.pretrainMomentum < 1))
        problems.emplace_back("hybrid momentum: in [0, 1)");
    if (p.finetuneEpochs < 0 || p.finetuneEpochs > 1'000'000)
        problems.emplace_back("hybrid fine-tuning epochs: 0 to 1,000,000");
    if (p.listeningRank > 1024)
        problems.emplace_back("listening rank: 0 (one unit per listener) to 1,024");
    if (!(p.tagRateFactor > 0 && p.tagRateFactor <= 100))
        problems.emplace_back("tag rate factor: above 0, at most 100");
    if (p.minTagTracks < 1)
        problems.emplace_back("min tag tracks: at least 1");
    if (p.embeddingIterations < 0 || p.embeddingIterations > 1000)
        problems.emplace_back("embedding mean-field iterations: 0 to 1,000");
    if (p.maxPretrainUpdates > 1'000'000'000)
        problems.emplace_back("max pretraining updates: 0 (no limit) to 1,000,000,000");
    return problems;
}

bool ListeningFactors::operator==(const ListeningFactors& other) const
{
    return listeners == other.listeners && factors.rows() == other.factors.rows() &&
           factors.cols() == other.factors.cols() && factors == other.factors &&
           offset.size() == other.offset.size() && offset == other.offset;
}

TrainingParams hybridRecipe(const TrainingParams& params, const HybridParams& hybrid, std::size_t songs)
{
    TrainingParams recipe = params;
    const std::size_t trainingSongs = songs - validationCount(songs, params.validationShare);
    if (hybrid.maxPretrainUpdates > 0 && trainingSongs > 0 && params.batchSize > 0) {
        const std::size_t batches = (trainingSongs + params.batchSize - 1) / params.batchSize;
        const std::size_t epochs = (hybrid.maxPretrainUpdates + batches - 1) / batches;
        recipe.pretrainEpochs = int(std::min<std::size_t>(std::size_t(params.pretrainEpochs), epochs));
    }
    recipe.pretrainMomentumStart = hybrid.pretrainMomentumStart;
    recipe.pretrainMomentum = hybrid.pretrainMomentum;
    recipe.weightDoubling = hybrid.weightDoubling;
    recipe.finetuneEpochs = hybrid.finetuneEpochs;
    // The warm-up counts layer 1's pretraining epochs and fine-tuning's: past both, never.
    if (!hybrid.learnVariances)
        recipe.logVarianceWarmupEpochs = std::max(recipe.pretrainEpochs, recipe.finetuneEpochs);
    return recipe;
}

} // namespace gdbm::model
