#include "core/Isa.h"

#include <cstdlib>
#include <string>

namespace gdbm {

std::string_view isaName(Isa isa)
{
    switch (isa) {
    case Isa::Baseline:
        return "baseline";
    case Isa::Avx2:
        return "avx2";
    case Isa::Avx512:
        return "avx512";
    }
    return "baseline";
}

std::optional<Isa> isaFromName(std::string_view name)
{
    for (Isa isa : {Isa::Baseline, Isa::Avx2, Isa::Avx512}) {
        if (isaName(isa) == name)
            return isa;
    }
    return std::nullopt;
}

Isa detectedIsa()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    // __builtin_cpu_supports also checks that the operating system saves the wider registers.
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("fma"))
        return Isa::Avx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return Isa::Avx2;
#endif
    return Isa::Baseline;
}

namespace {

struct IsaChoice
{
    Isa active = Isa::Baseline;
    std::string description;
};

const IsaChoice& isaChoice()
{
    static const IsaChoice choice = [] {
        IsaChoice c;
        const Isa detected = detectedIsa();
        c.active = detected;
        std::string note;
        if (const char* requested = std::getenv("GDBM_ISA"); requested && *requested) {
            const std::optional<Isa> isa = isaFromName(requested);
            if (!isa)
                note = ", GDBM_ISA=" + std::string(requested) + " not known";
            else if (*isa > detected)
                note = ", GDBM_ISA=" + std::string(requested) + " not supported here";
            else
                c.active = *isa;
        }
        c.description = "scoring kernels: " + std::string(isaName(c.active)) + " (detected " +
                        std::string(isaName(detected)) + note + ")";
        return c;
    }();
    return choice;
}

} // namespace

Isa activeIsa()
{
    return isaChoice().active;
}

std::string_view isaDescription()
{
    return isaChoice().description;
}

} // namespace gdbm
