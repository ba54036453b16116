import ConcordDiagnostics
import ConcordSupport
import ConcordYAML

/// Stable identities for diagnostics, for baselines and SARIF `partialFingerprints`. Built from
/// the rule, the file and the node's identity in its document — the path of keys from the
/// document root, where a list item is known by its `id` (or, without one, by its content) —
/// never from a line number or a list index, so moving lines or inserting records does not
/// change them.
public enum Fingerprints {
    /// Sets `fingerprint` on every diagnostic. `path` turns a diagnostic's file into the form
    /// that goes into the fingerprint (relative to the project, so that a baseline works from
    /// any folder). Linear in the diagnostics: each file's documents and containers are indexed
    /// once (`NodeIdentities`), and a node is found by binary search at every level.
    public static func assign(_ diagnostics: inout [Diagnostic], files: [String: YAMLFile],
                              path: (String) -> String = { $0 }) {
        var occurrences = OccurrenceCounter<String>()
        var identities: [String: NodeIdentities] = [:]
        for i in diagnostics.indices {
            let d = diagnostics[i]
            var identity = "message:" + d.message
            if let file = files[d.location.file], let range = d.location.range {
                let index = identities[d.location.file] ?? NodeIdentities(file: file)
                identity = index.identity(at: range)
                identities[d.location.file] = index
            }
            let base = "v1|\(d.ruleID)|\(path(d.location.file))|\(identity)"
            let n = occurrences.next(base)
            diagnostics[i].fingerprint = StableHash.hex(n == 0 ? base : base + "|\(n)")
        }
    }

    /// The path of the innermost node at `range`: `doc1/pledges/id=nl-f16/amount/currency`.
    public static func nodeIdentity(in file: YAMLFile, at range: SourceRange) -> String {
        NodeIdentities(file: file).identity(at: range)
    }
}
