#include "core/Isa.h"

#include <cstdlib>
#include <string>
#include <unistd.h>

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

Isa engineIsa()
{
#if defined(__AVX512F__) && defined(__AVX512VL__) && defined(__AVX512BW__) && defined(__AVX512DQ__)
    return Isa::Avx512;
#elif defined(__AVX2__) && defined(__FMA__)
    return Isa::Avx2;
#else
    return Isa::Baseline;
#endif
}

void relaunchForRequestedIsa(char** argv)
{
    const char* requested = std::getenv("GDBM_ISA");
    const std::optional<Isa> isa = requested ? isaFromName(requested) : std::nullopt;
    if (!isa || engineIsa() <= *isa || std::getenv("GDBM_ISA_RELAUNCHED"))
        return; // nothing asked, or already as narrow, or relaunched once (never loop)
    std::string tunables;
    if (const char* existing = std::getenv("GLIBC_TUNABLES"); existing && *existing)
        tunables = std::string(existing) + ":";
    tunables += *isa == Isa::Baseline ? "glibc.cpu.hwcaps=-AVX2,-AVX512F" : "glibc.cpu.hwcaps=-AVX512F";
    setenv("GLIBC_TUNABLES", tunables.c_str(), 1);
    setenv("GDBM_ISA_RELAUNCHED", "1", 1);
    execv("/proc/self/exe", argv);
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
        c.description = "kernels: engine " + std::string(isaName(engineIsa())) + ", scoring " +
                        std::string(isaName(c.active)) + " (processor: " + std::string(isaName(detected)) +
                        note + ")";
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
