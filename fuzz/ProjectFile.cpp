#include "project/ProjectFile.h"

#include "FuzzTargets.h"
#include "ScratchFile.h"
#include "core/Error.h"

namespace gdbm::fuzz {

void projectFile(std::string_view bytes)
{
    static ScratchFile file("project.gdbmproj");
    try {
        project::loadProject(file.write(bytes));
    } catch (const InputError&) {
    }
}

} // namespace gdbm::fuzz
