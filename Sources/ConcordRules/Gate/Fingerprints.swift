import ConcordDiagnostics
import ConcordYAML

/// Stable identities for diagnostics, for baselines and SARIF `partialFingerprints`. Built from
/// the rule, the file and the node's identity in its document — the path of keys from the
/// document root, where a list item is known by its `id` (or, without one, by its content) —
/// never from a line number or a list index, so moving lines or inserting records does not
/// change them.
public enum Fingerprints {
    /// Sets `fingerprint` on every diagnostic. `path` turns a diagnostic's file into the form
    /// that goes into the fingerprint (relative to the project, so that a baseline works from
    /// any folder).
    public static func assign(_ diagnostics: inout [Diagnostic], files: [String: YAMLFile],
                              path: (String) -> String = { $0 }) {
        var occurrences: [String: Int] = [:]
        for i in diagnostics.indices {
            let d = diagnostics[i]
            let identity = files[d.location.file].flatMap { file in
                d.location.range.map { nodeIdentity(in: file, at: $0) }
            } ?? "message:" + d.message
            let base = "v1|\(d.ruleID)|\(path(d.location.file))|\(identity)"
            let n = occurrences[base, default: 0]
            occurrences[base] = n + 1
            diagnostics[i].fingerprint = StableHash.hex(n == 0 ? base : base + "|\(n)")
        }
    }

    /// The path of the innermost node at `range`: `doc1/pledges/id=nl-f16/amount/currency`.
    public static func nodeIdentity(in file: YAMLFile, at range: SourceRange) -> String {
        let offset = range.start.offset
        for document in file.documents {
            guard document.root.byteRange.contains(offset) || document.root.byteRange.lowerBound == offset else { continue }
            var parts = ["doc\(document.index)"]
            var node = document.root
            descend: while true {
                switch node.kind {
                case .scalar:
                    break descend
                case .mapping:
                    guard let pairs = node.mapping,
                          let pair = pairs.first(where: { covers($0.key, offset) || covers($0.value, offset) }) else { break descend }
                    let key = pair.key.scalarText ?? "?"
                    if covers(pair.key, offset) {
                        parts.append("key:" + key)
                        break descend
                    }
                    parts.append(key)
                    node = pair.value
                case .sequence:
                    guard let items = node.sequence, let item = items.first(where: { covers($0, offset) }) else { break descend }
                    parts.append(itemIdentity(item, among: items))
                    node = item
                }
                if node.byteRange == Int(range.start.offset)..<max(Int(range.start.offset), Int(range.end.offset)) { break }
            }
            return parts.joined(separator: "/")
        }
        return "offset-free:" + String(range.end.offset - range.start.offset)
    }

    private static func covers(_ node: YAMLNode, _ offset: Int) -> Bool {
        node.byteRange.contains(offset) || (node.byteRange.isEmpty && node.byteRange.lowerBound == offset)
    }

    /// A list item by its `id`, else by its content (with a count for identical items).
    private static func itemIdentity(_ item: YAMLNode, among items: YAMLSequence) -> String {
        if let id = item["id"]?.scalarText { return "id=" + id }
        let content = JSONRenderer.render(item)
        var n = 0
        for other in items {
            if other == item { break }
            if JSONRenderer.render(other) == content { n += 1 }
        }
        return "item=" + StableHash.hex(content) + (n > 0 ? "#\(n)" : "")
    }
}

/// A stable 128-bit hash (two FNV-1a 64-bit lanes) as 32 hex digits; the same on every
/// platform and run, unlike `Hasher`.
public enum StableHash {
    public static func hex(_ text: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = b &+ (a >> 29)
        }
        func h(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return h(a) + h(b)
    }
}
