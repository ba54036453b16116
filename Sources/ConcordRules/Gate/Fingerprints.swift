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
    /// once per core (`NodeIdentities`), and a node is found by binary search at every level.
    /// The identities and the hashes are computed on every core, in chunks of the diagnostics;
    /// only the count of equal identities runs in order, so the result does not depend on the
    /// number of cores.
    public static func assign(_ diagnostics: inout [Diagnostic], files: [String: YAMLFile],
                              path: (String) -> String = { $0 }) {
        var projected: [String: String] = [:]
        for d in diagnostics where projected[d.location.file] == nil {
            projected[d.location.file] = path(d.location.file)
        }
        let all = diagnostics, paths = projected
        let chunks = ChunkedWork.chunkRanges(all.count, perCore: 1)
        let bases: [String] = ChunkedWork.concurrently(chunks.map { range in {
            var identities: [String: NodeIdentities] = [:]
            return range.map { i in
                let d = all[i]
                var identity = "message:" + d.message
                if let file = files[d.location.file], let range = d.location.range {
                    let index = identities[d.location.file] ?? NodeIdentities(file: file)
                    identity = index.identity(at: range)
                    identities[d.location.file] = index
                }
                return "v1|\(d.ruleID)|\(paths[d.location.file] ?? d.location.file)|\(identity)"
            }
        } }).flatMap { $0 }
        var occurrences = OccurrenceCounter<String>()
        let keys = bases.map { base in
            let n = occurrences.next(base)
            return n == 0 ? base : base + "|\(n)"
        }
        let hashes = ChunkedWork.concurrently(chunks.map { range in { range.map { StableHash.hex(keys[$0]) } } })
        for (range, chunk) in zip(chunks, hashes) {
            for (i, hash) in zip(range, chunk) { diagnostics[i].fingerprint = hash }
        }
    }

    /// The path of the innermost node at `range`: `doc1/pledges/id=nl-f16/amount/currency`.
    public static func nodeIdentity(in file: YAMLFile, at range: SourceRange) -> String {
        NodeIdentities(file: file).identity(at: range)
    }
}
