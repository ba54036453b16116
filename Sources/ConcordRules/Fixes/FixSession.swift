import ConcordDiagnostics
import ConcordYAML

/// `concord check --fix`: checks, applies fixes in rounds (in memory), writes the changed
/// files (atomically, each only if it did not change on disk meanwhile), and checks again, so
/// that the report reflects what remains. With `write: false` (`--diff`) nothing is written
/// and the report is that of the fixed texts.
public enum FixSession {
    public struct Result: Sendable {
        /// The check after fixing: of the files on disk after writing, else of the fixed texts.
        public var check: CheckResult
        /// Each changed file with its text before and after.
        public var changes: [FileChange]
        /// The fixes applied, with their rules.
        public var applied: [(ruleID: String, fix: Fix)]
        public var rounds: Int
        /// Rules whose fixes still applied after the last round.
        public var unconverged: [String]
        /// Files written.
        public var written: [String]
        /// Files not written, with the reason (changed on disk since read, or a write error).
        public var notWritten: [(file: String, reason: String)]
    }

    public struct FileChange: Sendable {
        public var file: String
        public var before: [UInt8]
        public var after: [UInt8]
    }

    public enum Message {
        public static let changedOnDisk = "it changed on disk while Concord was fixing it"
        public static func unconverged(_ rules: [String], rounds: Int) -> String {
            "fixes did not converge after \(rounds) rounds; rules still fixing: \(rules.joined(separator: ", "))"
        }
    }

    public static func run(_ request: CheckRequest, applicability: FixApplicability, write: Bool,
                           maxRounds: Int = 10) -> Result {
        let first = CheckSession.run(request)
        guard !first.configurationFailed else {
            return Result(check: first, changes: [], applied: [], rounds: 0, unconverged: [], written: [], notWritten: [])
        }
        var originals: [String: [UInt8]] = [:]
        for file in first.loadedFiles { originals[file.path] = file.bytes }
        var reused: CheckResult? = first
        var lastCheck: CheckResult? = nil
        let outcome = FixRounds(applicability: applicability, maxRounds: maxRounds).run(originals) { texts in
            if let result = reused {
                reused = nil
                lastCheck = result
                return result.report.diagnostics
            }
            var overlaid = request
            overlaid.contents = texts.filter { originals[$0.key] != $0.value }
            let result = CheckSession.run(overlaid)
            lastCheck = result
            return result.report.diagnostics
        }
        let changes = outcome.changedFiles.compactMap { file -> FileChange? in
            guard let before = originals[file], let after = outcome.texts[file] else { return nil }
            return FileChange(file: file, before: before, after: after)
        }
        var written: [String] = [], notWritten: [(String, String)] = []
        var check = lastCheck ?? first
        if write {
            for change in changes {
                switch AtomicWrite.replace(change.file, expecting: change.before, with: change.after) {
                case .success: written.append(change.file)
                case .failure(let problem): notWritten.append((change.file, problem.reason))
                }
            }
            if !changes.isEmpty { check = CheckSession.run(request) }
        }
        return Result(check: check, changes: changes, applied: outcome.applied, rounds: outcome.rounds,
                      unconverged: outcome.unconverged, written: written, notWritten: notWritten)
    }
}
