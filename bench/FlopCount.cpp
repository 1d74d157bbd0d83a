#include "FlopCount.h"

#include "model/TrainingContext.h"
#include "rec/HybridModel.h"

#include <algorithm>

namespace gdbm::bench {

MacCount countMacs(std::size_t features, const model::TrainingParams& p, std::size_t trainRows,
                   std::size_t monitoredRows, std::size_t validationRows)
{
    MacCount c;
    const double n = double(trainRows);
    std::vector<double> sizes = {double(features)};
    for (std::size_t s : p.layers)
        sizes.push_back(double(s));
    const std::size_t layers = p.layers.size();

    // Pretraining, per layer l with nv visible and nh hidden units, per row: the positive hidden
    // pass, then per CD step a visible and a hidden pass, then the two W statistics; a Gaussian
    // layer adds the z terms' two h W^T products.
    // Each epoch's curve point is the layer's reconstruction of its own input (up and back
    // down through this layer only: the inputs were pushed up through the layers below once),
    // on the monitored and validation rows. After its last epoch a layer pushes the training
    // rows, and for the curves the monitored and validation rows, up to the next one.
    const double monitoredAndValidation = double(monitoredRows + validationRows);
    for (std::size_t l = 0; l < layers; ++l) {
        const double w = sizes[l] * sizes[l + 1];
        const double perRow = w * (1 + 2 * p.cdSteps + 2 + (l == 0 ? 2 : 0));
        c.pretraining += perRow * n * p.pretrainEpochs + w * n;
        c.monitoring += 2 * w * monitoredAndValidation * p.pretrainEpochs + w * monitoredAndValidation;
    }

    // Fine-tuning. S: one pass through every weight matrix; D n1: the bottom one.
    double s = 0;
    for (std::size_t l = 0; l < layers; ++l)
        s += sizes[l] * sizes[l + 1];
    const double bottom = sizes[0] * sizes[1];
    const double sweep = 2 * s - bottom; // bottom-up and top-down inputs of every layer
    const double meanField = s + p.meanFieldIterations * sweep;
    const double dataRow = meanField + s + bottom;                     // + W and z statistics
    const double chainRow = p.gibbsSteps * 2 * s + sweep + s + bottom; // steps, probabilities, statistics
    const double chains = double(std::min(p.batchSize, trainRows));
    const double batches = double((trainRows + p.batchSize - 1) / p.batchSize);
    const double chainRowsPerEpoch = p.chains == model::ChainMode::Persistent ? batches * chains : n;
    c.fineTuning = (dataRow * n + chainRow * chainRowsPerEpoch) * p.finetuneEpochs;
    c.monitoring += (meanField + bottom) * monitoredAndValidation * p.finetuneEpochs;
    // The errors measured once: after pretraining and at fine-tuning's start on the validation
    // rows, and at the end on the training and the validation rows.
    c.monitoring += (meanField + bottom) * (n + 3 * double(validationRows));
    return c;
}

MacCount countHybridMacs(const model::Model& hybrid)
{
    MacCount c;
    const model::TrainingParams p = hybrid.trainedRecipe();
    const double rows = double(hybrid.trainRows) * p.pretrainEpochs;
    const double measured =
        double(std::min(model::kMonitoredRows, hybrid.trainRows) + hybrid.validationRows) * p.pretrainEpochs;
    const model::BlockList& pathways = hybrid.dbm.blocks.at(0);
    for (std::size_t b = 0; b < pathways.size(); ++b) {
        const model::Modality modality = hybrid.modalities.at(b).modality;
        const double w = double(pathways[b].rows * pathways[b].cols);
        const bool gaussian = rec::isGaussian(hybrid, modality);
        double perRow = 1;
        if (gaussian)
            perRow += 6;
        else if (rec::reconstructedByMean(hybrid, modality))
            perRow += 2;
        c.pretraining += perRow * w * rows;
        c.monitoring += (gaussian ? 2 : 1) * w * measured;
    }
    for (std::size_t l = 1; l < hybrid.dbm.weights.size(); ++l) {
        double w = 0;
        const model::BlockList& blocks = model::blocksAt(hybrid.dbm.blocks, l);
        for (const model::WeightBlock& b : blocks)
            w += double(b.rows * b.cols);
        if (blocks.empty())
            w = double(hybrid.dbm.weights[l].size());
        c.pretraining += 5 * w * rows;
        c.monitoring += 2 * w * measured;
    }
    return c;
}

} // namespace gdbm::bench
