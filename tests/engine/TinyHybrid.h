#pragma once

#include "data/DemoCatalog.h"
#include "model/Multimodal.h"
#include "model/TrainingParams.h"
#include "rec/HybridModel.h"

namespace gdbm::test {

// A hybrid small enough to train in a unit test: 300 demo tracks, 12 listeners of three tracks
// each, one pretraining epoch, pathways of 4 (audio), 3 (tags) and 5 (listening) units, and a
// joint layer of 2. Layer 1's units are then audio [0, 4), tags [4, 7) and listening [7, 12).
struct TinyHybrid
{
    data::Catalog catalog = data::generateDemoCatalog({300, 4});
    rec::TrainingInteractions listening{catalog.size(), {}};
    model::TrainingParams quick;
    model::HybridParams shape;

    TinyHybrid()
    {
        for (std::uint32_t u = 0; u < 12; ++u)
            listening.tracksOfUser.push_back({u, u + 20, 100 + u});
        quick.pretrainEpochs = 1;
        shape.audioLayers = {4};
        shape.tagLayers = {3};
        shape.tagUnitsFollowVocabulary = false;
        shape.listeningLayers = {5};
        shape.jointUnits = 2;
    }

    model::Model train() const { return rec::trainHybrid(catalog, listening, quick, shape).model; }
};

} // namespace gdbm::test
