#include "CliCommon.h"
#include "Commands.h"
#include "sim/ArchetypeJson.h"

namespace gdbm::cli {

int runArchetypes(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({"write-defaults", "Write the 12 default archetypes to FILE (JSON).", "FILE"});
    parser.addOption({"check", "Read an archetype set and report whether it is valid.", "FILE"});
    parseOrExit(parser, args, "Writes or checks archetype sets (JSON).");
    if (parser.isSet("write-defaults") == parser.isSet("check"))
        throw UsageError{"archetypes needs exactly one of --write-defaults FILE or --check FILE"};

    if (parser.isSet("write-defaults")) {
        const std::string out = parser.value("write-defaults").toStdString();
        sim::writeArchetypeFile(sim::defaultArchetypes(), out);
        printInfo("wrote the 12 default archetypes to " + out);
        return kExitOk;
    }
    const sim::ArchetypeSet set = sim::readArchetypeFile(parser.value("check").toStdString());
    for (const sim::ArchetypeProblem& problem : set.problems())
        printInfo("warning: " + sim::describeProblem(set, problem));
    printInfo(std::to_string(set.archetypes.size()) + " archetypes, valid");
    return kExitOk;
}

} // namespace gdbm::cli
