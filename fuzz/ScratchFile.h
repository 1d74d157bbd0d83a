#pragma once

#include <string>
#include <string_view>

namespace gdbm::fuzz {

// A file in the temporary directory ($TMPDIR) that a fuzz target rewrites for every input and
// that is removed when the process ends normally. Its name holds the process id, so that
// harnesses running side by side (libFuzzer -jobs, -fork) do not share it.
class ScratchFile
{
public:
    explicit ScratchFile(std::string_view name);
    ~ScratchFile();
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;

    // Replaces the file's contents with `bytes`; returns its path.
    const std::string& write(std::string_view bytes);
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

} // namespace gdbm::fuzz
