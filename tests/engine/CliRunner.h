// Runs the real gdbm-cli binary (GDBM_CLI_PATH) for the CLI tests: exit code and both streams.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStringList>

namespace gdbm::testing {

struct CliResult
{
    int code = -1; // -1: it crashed or ran past two minutes
    QByteArray out;
    QByteArray err;
};

inline CliResult runCli(const QStringList& args)
{
    QProcess p;
    p.start(GDBM_CLI_PATH, args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace gdbm::testing
