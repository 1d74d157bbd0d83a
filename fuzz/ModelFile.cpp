#include "model/ModelFile.h"

#include "FuzzTargets.h"
#include "ScratchFile.h"
#include "core/Error.h"

#include <cstdint>

namespace gdbm::fuzz {
namespace {

// The model file's frame (ModelFile.h): "GDBMMODL" | u32 version | u64 payload size | payload |
// u64 FNV-1a checksum of the payload, little-endian.
template <typename T>
void append(std::string& bytes, T value)
{
    bytes.append(reinterpret_cast<const char*>(&value), sizeof value);
}

std::string framed(std::string_view payload)
{
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (char c : payload) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull;
    }
    std::string bytes = "GDBMMODL";
    append(bytes, model::kModelFormatVersion);
    append(bytes, std::uint64_t(payload.size()));
    bytes += payload;
    append(bytes, hash);
    return bytes;
}

} // namespace

void modelFile(std::string_view bytes)
{
    if (bytes.empty())
        return;
    try {
        if (bytes.front() == 'R') {
            static ScratchFile file("model.gdbm");
            model::loadModel(file.write(bytes.substr(1)));
        } else {
            model::deserializeModel(framed(bytes.substr(1)), "fuzz.gdbm");
        }
    } catch (const InputError&) {
    }
}

} // namespace gdbm::fuzz
