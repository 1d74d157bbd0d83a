#include "ScratchFile.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace gdbm::fuzz {

ScratchFile::ScratchFile(std::string_view name)
    : m_path((std::filesystem::temp_directory_path() /
              ("gdbm-fuzz-" + std::to_string(::getpid()) + "-" + std::string(name)))
                 .string())
{}

ScratchFile::~ScratchFile()
{
    std::error_code ignored;
    std::filesystem::remove(m_path, ignored);
}

const std::string& ScratchFile::write(std::string_view bytes)
{
    std::ofstream out(m_path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    out.close();
    if (!out)
        throw std::runtime_error("fuzz: cannot write " + m_path); // the harness's fault, not the input's
    return m_path;
}

} // namespace gdbm::fuzz
