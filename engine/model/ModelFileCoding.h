#pragma once

// The model file's binary coding, shared by its two halves: ModelFile.cpp (the frame, the
// audio-only model and the training record) and ModelFileHybrid.cpp (a hybrid's modalities,
// blocks, shape and listening). Not for use outside them: the file format is ModelFile.h's.

#include "core/Error.h"
#include "model/Model.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

namespace gdbm::model::file_coding {

inline constexpr std::uint32_t kMaxLayers = 32; // as validate(TrainingParams)
inline constexpr std::uint32_t kMaxUnits = 1u << 16;

class Writer
{
public:
    template <typename T>
    void put(T value)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        m_bytes.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
    void putString(const std::string& s)
    {
        put(std::uint32_t(s.size()));
        m_bytes += s;
    }
    template <typename Dense>
    void putDense(const Dense& m)
    {
        put(std::uint32_t(m.rows()));
        put(std::uint32_t(m.cols()));
        for (Eigen::Index r = 0; r < m.rows(); ++r)
            for (Eigen::Index c = 0; c < m.cols(); ++c)
                put(float(m(r, c)));
    }
    void putDoubles(const std::vector<double>& v)
    {
        put(std::uint32_t(v.size()));
        for (double x : v)
            put(x);
    }
    std::string& bytes() { return m_bytes; }

private:
    std::string m_bytes;
};

class Reader
{
public:
    Reader(const std::string& bytes, std::size_t begin, std::size_t end, const std::string& name)
        : m_bytes(bytes), m_pos(begin), m_end(end), m_name(name)
    {}

    [[noreturn]] void fail(const std::string& reason) const { throw InputError({m_name, 0, 0, {}}, reason); }

    template <typename T>
    T get()
    {
        T value;
        if (m_end - m_pos < sizeof value)
            fail("the model file is truncated");
        std::memcpy(&value, m_bytes.data() + m_pos, sizeof value);
        m_pos += sizeof value;
        return value;
    }
    std::uint32_t count(std::uint32_t max, const char* what)
    {
        const auto n = get<std::uint32_t>();
        if (n > max)
            fail(std::string("the model file is corrupted (") + what + " out of range)");
        return n;
    }
    std::string getString()
    {
        const std::uint32_t n = count(1u << 20, "text length");
        if (m_end - m_pos < n)
            fail("the model file is truncated");
        std::string s = m_bytes.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    template <typename Dense>
    Dense getDense(Eigen::Index rows, Eigen::Index cols)
    {
        if (get<std::uint32_t>() != std::uint32_t(rows) || get<std::uint32_t>() != std::uint32_t(cols))
            fail("the model file is corrupted (a parameter block has the wrong shape)");
        Dense m(rows, cols);
        for (Eigen::Index r = 0; r < rows; ++r)
            for (Eigen::Index c = 0; c < cols; ++c)
                m(r, c) = get<float>();
        return m;
    }
    std::vector<double> getDoubles(std::uint32_t expected)
    {
        if (get<std::uint32_t>() != expected)
            fail("the model file is corrupted (wrong number of standardizer values)");
        std::vector<double> v(expected);
        for (double& x : v)
            x = get<double>();
        return v;
    }
    bool atEnd() const { return m_pos == m_end; }
    // Refuses a count of items that the bytes left cannot hold, before anything is allocated.
    void expect(std::uint64_t items, std::size_t bytesEach)
    {
        if (items > (m_end - m_pos) / bytesEach)
            fail("the model file is corrupted (sizes larger than the file)");
    }

private:
    const std::string& m_bytes;
    std::size_t m_pos;
    std::size_t m_end;
    const std::string& m_name;
};

// Version 3: a hybrid's visible layout, written after the standardizer (the weights' shapes
// follow from it); an audio-only model writes an empty list.
void putModalities(Writer& w, const std::vector<ModalityColumns>& modalities);
std::vector<ModalityColumns> getModalities(Reader& r);

// Version 3's tail of a hybrid, after the training record: the weight blocks, the shape, the
// recipe's own layers, each curve point's per-modality errors and the training listening by
// track identity; version 4 adds the listening rank and the low-rank listening coding, before the
// heard tracks, version 5 whether the joint layer was pretrained as a conditional RBM,
// version 6 whether the audio, tag and low-rank listening reconstructions were means,
// version 7 the tag pathway's rate factor, version 8 the limit on pretraining updates and
// version 9 the mean-field iterations for embedding.
// getHybrid() needs model.dbm, model.curves and model.modalities read already.
void putHybrid(Writer& w, const Model& model);
void getHybrid(Reader& r, Model& model, std::uint32_t version);

} // namespace gdbm::model::file_coding
