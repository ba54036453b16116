import ConcordDiagnostics
import Foundation

/// The lines that differ from a git revision, for `--changed-since REF`: what a pull request
/// changed. Added, renamed and untracked files count as changed throughout.
public struct ChangedLines: Sendable {
    public enum Lines: Sendable {
        case all
        case ranges([ClosedRange<Int>])
    }

    /// Absolute path → changed lines.
    public var files: [String: Lines] = [:]

    public init(files: [String: Lines] = [:]) {
        self.files = files
    }

    /// Whether a diagnostic's range touches a changed line of its file.
    public func touches(_ location: SourceLocation, absolutePath: String) -> Bool {
        guard let lines = files[absolutePath] else { return false }
        switch lines {
        case .all:
            return true
        case .ranges(let ranges):
            guard let range = location.range else { return !ranges.isEmpty }
            return ranges.contains { r in (r.lowerBound...r.upperBound).contains { range.touches(line: $0) } }
        }
    }

    public struct GitError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Asks git (in `directory`) what changed since `ref`.
    public static func since(_ ref: String, in directory: String) -> Result<ChangedLines, GitError> {
        let root: String
        switch Git.repositoryRoot(containing: directory, knowing: ref) {
        case .success(let r): root = r
        case .failure(let e): return .failure(GitError(description: e.description))
        }
        var changes = ChangedLines()
        switch git(["diff", "--no-color", "--no-ext-diff", "--unified=0", "-M", ref, "--"], in: root) {
        case .failure(let e): return .failure(e)
        case .success(let diff): changes.addHunks(diff, root: root)
        }
        if case .success(let status) = git(["diff", "--name-status", "-M", ref, "--"], in: root) {
            for line in status.split(separator: "\n") {
                let fields = line.split(separator: "\t").map(String.init)
                guard let kind = fields.first?.first, let path = fields.last else { continue }
                if kind == "A" || kind == "R" || kind == "C" { changes.files[PathNormalizer.canonical(root + "/" + path)] = .all }
            }
        }
        if case .success(let untracked) = git(["ls-files", "--others", "--exclude-standard"], in: root) {
            for path in untracked.split(separator: "\n") { changes.files[PathNormalizer.canonical(root + "/" + path)] = .all }
        }
        return .success(changes)
    }

    /// Reads `+++ b/path` and `@@ -a,b +c,d @@` lines of a zero-context diff.
    mutating func addHunks(_ diff: String, root: String) {
        var current: String? = nil
        for line in diff.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("+++ ") {
                let name = line.dropFirst(4)
                current = name == "/dev/null" ? nil
                    : PathNormalizer.canonical(root + "/" + (name.hasPrefix("b/") ? String(name.dropFirst(2)) : String(name)))
            } else if line.hasPrefix("@@"), let file = current {
                // @@ -12,3 +14,5 @@
                guard let plus = line.split(separator: " ").first(where: { $0.hasPrefix("+") }) else { continue }
                let nums = plus.dropFirst().split(separator: ",")
                guard let start = nums.first.flatMap({ Int($0) }) else { continue }
                let count = nums.count > 1 ? Int(nums[1]) ?? 1 : 1
                // A pure deletion (count 0) touches the line after it.
                let range = count == 0 ? max(start, 1)...max(start, 1) : start...(start + count - 1)
                if case .ranges(let existing)? = files[file] {
                    files[file] = .ranges(existing + [range])
                } else if files[file] == nil {
                    files[file] = .ranges([range])
                }
            }
        }
    }

    static func git(_ arguments: [String], in directory: String) -> Result<String, GitError> {
        Git.run(arguments, in: directory).mapError { GitError(description: $0.description) }
    }
}
