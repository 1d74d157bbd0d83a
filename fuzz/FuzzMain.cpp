// libFuzzer's entry point for one target of FuzzTargets.h, chosen at build time by
// GDBM_FUZZ_TARGET (a function name in gdbm::fuzz).
#include "FuzzTargets.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    gdbm::fuzz::GDBM_FUZZ_TARGET(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
