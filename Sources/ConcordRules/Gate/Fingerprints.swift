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
        let chunks = ChunkedWork.chunkRanges(diagnostics.count, perCore: 4)
        // Read from the list in a function of their own, so that nothing else holds it when
        // the fingerprints are stored (in place, without a copy of the list).
        let hashes = fingerprints(of: diagnostics, chunks: chunks, files: files, path: path)
        for (range, chunk) in zip(chunks, hashes) {
            for (i, hash) in zip(range, chunk) { diagnostics[i].fingerprint = hash }
        }
    }

    /// Each chunk's fingerprints, in order.
    private static func fingerprints(of all: [Diagnostic], chunks: [Range<Int>], files: [String: YAMLFile],
                                     path: (String) -> String) -> [[String]] {
        var projected: [String: String] = [:]
        for d in all where projected[d.location.file] == nil {
            projected[d.location.file] = path(d.location.file)
        }
        let paths = projected
        // The hash of each diagnostic's key `v1|rule|file|identity`, fed piece by piece.
        let keys: [StableHash.Lanes] = ChunkedWork.concurrently(chunks.map { range in {
            var identities: [String: NodeIdentities] = [:]
            return range.map { i in
                let d = all[i]
                var lanes = StableHash.Lanes()
                lanes.add("v1|")
                lanes.add(d.ruleID)
                lanes.add("|")
                lanes.add(paths[d.location.file] ?? d.location.file)
                lanes.add("|")
                if let file = files[d.location.file], let range = d.location.range {
                    let index = identities[d.location.file] ?? NodeIdentities(file: file)
                    identities[d.location.file] = index
                    lanes.add(index.identity(at: range))
                } else {
                    lanes.add("message:")
                    lanes.add(d.message)
                }
                return lanes
            }
        } }).flatMap { $0 }
        // The second and later of equal keys get `|n` appended (counted by the keys' hashes:
        // 128 bits, so equal hashes are equal keys).
        var occurrences = OccurrenceCounter<StableHash.Lanes>(capacity: keys.count)
        let counts = keys.map { occurrences.next($0) }
        return ChunkedWork.concurrently(chunks.map { range in {
            range.map { i in
                var lanes = keys[i]
                if counts[i] > 0 { lanes.add("|" + String(counts[i])) }
                return lanes.hex
            }
        } })
    }

    /// The path of the innermost node at `range`: `doc1/pledges/id=nl-f16/amount/currency`.
    public static func nodeIdentity(in file: YAMLFile, at range: SourceRange) -> String {
        NodeIdentities(file: file).identity(at: range)
    }
}
