// Runs one of the scripts in tests/interop/fixtures with Debian's python3, which writes the
// peer's fixtures (or checks what we wrote) at test time; its stderr shows in the test's output.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace cs::test {

// "" when `script` ran with `args` and exited 0 within `timeout_ms`; otherwise what went wrong.
// Use as QVERIFY2(failed.isEmpty(), qPrintable(failed)).
inline QString run_fixture_script(const QString& script, const QStringList& args,
                                  int timeout_ms = 120000) {
    QProcess python;
    python.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    python.start(CS_PYTHON,
                 QStringList{QStringLiteral(CS_TESTS_DIR "/interop/fixtures/") + script} + args);
    if (!python.waitForFinished(timeout_ms)) {
        python.kill();
        python.waitForFinished();
        return script + ": did not finish in time";
    }
    if (python.exitStatus() != QProcess::NormalExit) return script + ": crashed";
    if (python.exitCode() != 0) return script + ": exit code " + QString::number(python.exitCode());
    return {};
}

}  // namespace cs::test
