#include "model/TrainingProgress.h"

namespace gdbm::model {

std::string_view phaseName(Phase phase)
{
    return phase == Phase::Pretraining ? "pretraining" : "fine-tuning";
}

TrainingDiverged::TrainingDiverged(Phase phase, std::size_t layer, int epoch)
    : std::runtime_error("training diverged (a parameter became infinite or NaN) during " +
                         std::string(phaseName(phase)) + ", layer " + std::to_string(layer + 1) + ", epoch " +
                         std::to_string(epoch) + "; try a smaller learning rate"),
      m_phase(phase), m_layer(layer), m_epoch(epoch)
{}

} // namespace gdbm::model
