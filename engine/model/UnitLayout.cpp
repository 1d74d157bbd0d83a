#include "model/UnitLayout.h"

#include <bit>
#include <cstdint>

namespace gdbm::model {

const BlockList& blocksAt(const std::vector<BlockList>& blocks, std::size_t l)
{
    static const BlockList dense;
    return l < blocks.size() ? blocks[l] : dense;
}

const BlockList& Architecture::blocksOf(std::size_t l) const
{
    return blocksAt(blocks, l);
}

Architecture denseArchitecture(std::size_t visible, const std::vector<std::size_t>& layers)
{
    Architecture a;
    a.layers = layers;
    a.gaussianCount = visible;
    return a;
}

void zeroOutsideBlocks(const BlockList& blocks, Matrix& weights)
{
    if (blocks.empty())
        return;
    Matrix kept = Matrix::Zero(weights.rows(), weights.cols());
    for (const WeightBlock& b : blocks) {
        const auto r = Eigen::Index(b.row), c = Eigen::Index(b.col);
        const auto nr = Eigen::Index(b.rows), nc = Eigen::Index(b.cols);
        kept.block(r, c, nr, nc) = weights.block(r, c, nr, nc);
    }
    weights.swap(kept);
}

namespace {

// Sparse inputs: listening units are mostly 0 (a song has a handful of listeners among a
// thousand users), in the data and in the chains' samples alike. Below this share of non-zeros,
// visiting them beats a dense product many times over.
constexpr double kSparseShare = 0.05;
constexpr std::size_t kSparseMinRows = 64;

} // namespace

bool readAsSparse(const Matrix& a, const WeightBlock& b)
{
    if (b.rows < kSparseMinRows)
        return false;
    const auto part = a.middleCols(Eigen::Index(b.row), Eigen::Index(b.rows));
    const auto nonZeros = double((part.array() != Scalar(0)).count());
    return nonZeros < kSparseShare * double(part.size());
}

namespace {

// Calls f(i, x) for every x = row[i] != 0, i in [0, count), in order. Sparse rows are mostly
// zeros: a group of 16 is tested in one vectorized pass and skipped whole when it holds none
// (with 2% non-zeros, three groups in four), instead of a compare and branch per entry.
template <class F>
void forEachNonZero(const Scalar* row, Eigen::Index count, F&& f)
{
    constexpr Eigen::Index kGroup = 16;
    Eigen::Index i = 0;
    for (; i + kGroup <= count; i += kGroup) {
        std::uint32_t any = 0;
        for (Eigen::Index k = 0; k < kGroup; ++k)
            any |= std::bit_cast<std::uint32_t>(row[i + k]) & 0x7FFFFFFFu; // -0 is a zero too
        if (any == 0)
            continue;
        for (Eigen::Index k = i; k < i + kGroup; ++k) {
            if (row[k] != Scalar(0))
                f(k, row[k]);
        }
    }
    for (; i < count; ++i) {
        if (row[i] != Scalar(0))
            f(i, row[i]);
    }
}

} // namespace

void multiplyBlocks(const Matrix& a, const Matrix& w, const BlockList& blocks, Matrix& out)
{
    if (blocks.empty()) {
        out.noalias() = a * w;
        return;
    }
    out.resize(a.rows(), w.cols());
    for (const WeightBlock& b : blocks) {
        const auto col = Eigen::Index(b.col), cols = Eigen::Index(b.cols);
        if (!readAsSparse(a, b)) {
            out.middleCols(col, cols).noalias() =
                a.middleCols(Eigen::Index(b.row), Eigen::Index(b.rows)) *
                w.block(Eigen::Index(b.row), col, Eigen::Index(b.rows), cols);
            continue;
        }
        out.middleCols(col, cols).setZero();
        const auto first = Eigen::Index(b.row);
        for (Eigen::Index n = 0; n < a.rows(); ++n) {
            forEachNonZero(&a(n, first), Eigen::Index(b.rows), [&](Eigen::Index i, Scalar x) {
                out.row(n).segment(col, cols) += x * w.row(first + i).segment(col, cols);
            });
        }
    }
}

void multiplyBlocksTransposed(const Matrix& h, const Matrix& w, const BlockList& blocks, Matrix& out)
{
    if (blocks.empty()) {
        out.noalias() = h * w.transpose();
        return;
    }
    out.resize(h.rows(), w.rows());
    for (const WeightBlock& b : blocks)
        out.middleCols(Eigen::Index(b.row), Eigen::Index(b.rows)).noalias() =
            h.middleCols(Eigen::Index(b.col), Eigen::Index(b.cols)) *
            w.block(Eigen::Index(b.row), Eigen::Index(b.col), Eigen::Index(b.rows), Eigen::Index(b.cols))
                .transpose();
}

void addOuterBlocks(const Matrix& a, const Matrix& h, const BlockList& blocks, Scalar sign, Matrix& out)
{
    if (blocks.empty()) {
        out.noalias() += sign * (a.transpose() * h);
        return;
    }
    for (const WeightBlock& b : blocks) {
        const auto col = Eigen::Index(b.col), cols = Eigen::Index(b.cols);
        if (!readAsSparse(a, b)) {
            out.block(Eigen::Index(b.row), col, Eigen::Index(b.rows), cols).noalias() +=
                sign * (a.middleCols(Eigen::Index(b.row), Eigen::Index(b.rows)).transpose() *
                        h.middleCols(col, cols));
            continue;
        }
        const auto first = Eigen::Index(b.row);
        for (Eigen::Index n = 0; n < a.rows(); ++n) {
            forEachNonZero(&a(n, first), Eigen::Index(b.rows), [&](Eigen::Index i, Scalar x) {
                out.row(first + i).segment(col, cols) += (sign * x) * h.row(n).segment(col, cols);
            });
        }
    }
}

void addOuterTile(const Matrix& a, Eigen::Index first, Eigen::Index count, bool sparse, const Matrix& h,
                  Eigen::Index col, Eigen::Index cols, Scalar sign, Matrix& out)
{
    if (!sparse) {
        out.noalias() += sign * (a.middleCols(first, count).transpose() * h.middleCols(col, cols));
        return;
    }
    for (Eigen::Index n = 0; n < a.rows(); ++n) {
        forEachNonZero(&a(n, first), count, [&](Eigen::Index i, Scalar x) {
            out.row(i) += (sign * x) * h.row(n).segment(col, cols);
        });
    }
}

bool blocksTile(const BlockList& blocks, std::size_t rows, std::size_t cols)
{
    std::size_t rowEnd = 0;
    std::size_t colEnd = 0;
    // Blocks are listed in order down the diagonal, each starting where the last one ended.
    for (const WeightBlock& b : blocks) {
        if (b.row != rowEnd || b.col != colEnd || b.rows == 0 || b.cols == 0)
            return false;
        rowEnd += b.rows;
        colEnd += b.cols;
    }
    return blocks.empty() || (rowEnd == rows && colEnd == cols);
}

void visibleMeanInPlace(Matrix& input, std::size_t gaussianCount)
{
    const auto binary = input.cols() - Eigen::Index(gaussianCount);
    if (binary > 0)
        input.rightCols(binary).array() = input.rightCols(binary).array().logistic();
}

Matrix centredGaussian(const Matrix& v, const Vector& visibleBias, std::size_t gaussianCount)
{
    const auto gaussian = Eigen::Index(gaussianCount);
    return v.leftCols(gaussian).rowwise() - visibleBias.head(gaussian).transpose();
}

Vector visibleBiasTerm(const Matrix& centred, const Matrix& v, const RowVector& precision,
                       std::size_t gaussianCount)
{
    const auto gaussian = Eigen::Index(gaussianCount);
    if (gaussian == v.cols())
        return (centred.array().rowwise() * precision.array()).colwise().sum().matrix().transpose();
    Vector term(v.cols());
    term.head(gaussian) = (centred.leftCols(gaussian).array().rowwise() * precision.head(gaussian).array())
                              .colwise()
                              .sum()
                              .matrix()
                              .transpose();
    term.tail(v.cols() - gaussian) = v.rightCols(v.cols() - gaussian).colwise().sum().transpose();
    return term;
}

Vector varianceTerm(const Matrix& v, const Matrix& centred, const Matrix& h, const Matrix& w,
                    const BlockList& blocks, const RowVector& precision, std::size_t gaussianCount)
{
    const auto gaussian = Eigen::Index(gaussianCount);
    Vector term = Vector::Zero(v.cols());
    if (gaussian == 0)
        return term;
    Matrix topDown;
    if (gaussian == v.cols())
        multiplyBlocksTransposed(h, w, blocks, topDown);
    else
        topDown.noalias() = h * w.topRows(gaussian).transpose();
    const Matrix zTerm = Scalar(0.5) * centred.leftCols(gaussian).array().square() -
                         v.leftCols(gaussian).array() * topDown.array();
    term.head(gaussian) =
        (zTerm.colwise().sum().array() * precision.head(gaussian).array()).matrix().transpose();
    return term;
}

void sampleVisible(Matrix& means, std::size_t gaussianCount, const RowVector& sigma, RowStreams& streams)
{
    const auto gaussian = Eigen::Index(gaussianCount);
    if (gaussian == means.cols()) {
        streams.addGaussianNoise(means, sigma);
        return;
    }
    if (gaussian > 0) {
        Matrix part = means.leftCols(gaussian);
        streams.addGaussianNoise(part, sigma.head(gaussian));
        means.leftCols(gaussian) = part;
    }
    Matrix part = means.rightCols(means.cols() - gaussian);
    streams.sampleBernoulli(part);
    means.rightCols(part.cols()) = part;
}

} // namespace gdbm::model
