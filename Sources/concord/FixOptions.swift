import ArgumentParser
import ConcordDiagnostics
import ConcordReporters
import ConcordRules
import Foundation

/// `--fix`, `--unsafe-fixes` and `--diff` of `concord check`: options translated into a
/// `FixSession` (the library applies and writes the fixes).
extension CheckCommand {
    func validateFixOptions() throws {
        if unsafeFixes, !fix, !diff {
            throw ValidationError("--unsafe-fixes applies fixes: use it with --fix or --diff")
        }
        if fix || diff, writeBaseline != nil {
            throw ValidationError("--fix and --diff cannot be used with --write-baseline")
        }
    }

    /// Applies (or, with `--diff`, prints) the fixes; returns the check of what remains. With
    /// `--diff` the diff is the output and the command ends here.
    func runFixes(_ request: CheckRequest, configuration: Configuration) throws -> CheckResult {
        let session = FixSession.run(request, applicability: unsafeFixes ? .unsafe : .safe, write: !diff)
        if session.check.configurationFailed { return session.check }
        for (file, reason) in session.notWritten {
            Output.error("warning: \(file) not written: \(reason)\n")
        }
        if !session.unconverged.isEmpty {
            Output.error("warning: " + FixSession.Message.unconverged(session.unconverged, rounds: session.rounds) + "\n")
        }
        let fixedCount = session.applied.count
        let fileCount = session.changes.count
        if diff {
            let text = session.changes.map {
                UnifiedDiff.render(file: $0.file, before: $0.before, after: $0.after)
            }.joined()
            try Output.write(text, to: output)
            if !quiet {
                Output.error("would fix \(FixCounts.problems(fixedCount)) in \(FixCounts.files(fileCount)); "
                             + "\(ReportSummary.line(session.check.report))\n")
            }
            let threshold = failOn ?? configuration.failOn ?? .error
            let remaining = session.check.exitCode(failOn: threshold.severity)
            Foundation.exit(fileCount > 0 ? max(ExitStatus.violations, remaining) : remaining)
        }
        if !quiet, fixedCount > 0 {
            Output.error("fixed \(FixCounts.problems(fixedCount)) in \(FixCounts.files(session.written.count))\n")
        }
        return session.check
    }
}

enum FixCounts {
    static func problems(_ n: Int) -> String { n == 1 ? "1 problem" : "\(n) problems" }
    static func files(_ n: Int) -> String { n == 1 ? "1 file" : "\(n) files" }
}
