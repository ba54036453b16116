import ConcordDiagnostics
import ConcordSupport
import ConcordYAML

/// The identity of the node at a position of one file, for fingerprints: the path of keys from
/// the document root, a list item known by its `id` or else by its content (with a count for
/// identical items). The file's documents and each container's child ranges are indexed the
/// first time they are visited, so a node is found by binary search at every level and a
/// whole run costs time linear in the file and the diagnostics. A class so that one index
/// serves every diagnostic of its file.
final class NodeIdentities {
    private let file: YAMLFile
    private let documents: [YAMLDocument]
    /// Container node index → its children's ranges in order (a mapping's keys and values
    /// interleaved), and whether they are ordered and disjoint (aliases and merged pairs can
    /// break the order; then the children are scanned in order).
    private var children: [Int32: (ranges: [Range<Int>], ordered: Bool)] = [:]
    /// Sequence node index → the identity of each item without an `id`.
    private var contentIdentities: [Int32: [String]] = [:]

    init(file: YAMLFile) {
        self.file = file
        self.documents = file.documents
    }

    func identity(at range: SourceRange) -> String {
        let offset = range.start.offset
        guard let document = document(at: offset) else {
            return "offset-free:" + String(range.end.offset - range.start.offset)
        }
        var parts = ["doc\(document.index)"]
        var node = document.root
        descend: while true {
            switch node.kind {
            case .scalar:
                break descend
            case .mapping:
                guard let pairs = node.mapping, let i = firstCovering(node, offset) else { break descend }
                let pair = pairs[i / 2]
                let key = pair.key.scalarText ?? "?"
                if Self.covers(pair.key.byteRange, offset) {
                    parts.append("key:" + key)
                    break descend
                }
                parts.append(key)
                node = pair.value
            case .sequence:
                guard let items = node.sequence, let i = firstCovering(node, offset) else { break descend }
                parts.append(itemIdentity(items, i, of: node))
                node = items[i]
            }
            if node.byteRange == Int(range.start.offset)..<max(Int(range.start.offset), Int(range.end.offset)) { break }
        }
        return parts.joined(separator: "/")
    }

    /// The first document whose root covers `offset` (documents are in file order and disjoint).
    private func document(at offset: Int) -> YAMLDocument? {
        var low = 0, high = documents.count
        while low < high {
            let mid = (low + high) / 2
            if documents[mid].root.byteRange.lowerBound <= offset { low = mid + 1 } else { high = mid }
        }
        // `low - 1` is the last document starting at or before `offset`; empty documents at the
        // same offset come just before it.
        var i = low - 1
        while i > 0, documents[i - 1].root.byteRange.lowerBound == offset { i -= 1 }
        while i >= 0, i < low {
            let r = documents[i].root.byteRange
            if r.contains(offset) || r.lowerBound == offset { return documents[i] }
            i += 1
        }
        return nil
    }

    /// The index of the first child of `node` whose range covers `offset`.
    private func firstCovering(_ node: YAMLNode, _ offset: Int) -> Int? {
        let entry = children[node.index] ?? Self.childRanges(of: node)
        children[node.index] = entry
        let ranges = entry.ranges
        guard entry.ordered else { return ranges.firstIndex { Self.covers($0, offset) } }
        // Ordered and disjoint: upper bounds grow, so binary search the first that reaches
        // `offset`, then step over the (few) empty or ending ranges there.
        var low = 0, high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound < offset { low = mid + 1 } else { high = mid }
        }
        var i = low
        while i < ranges.count, ranges[i].lowerBound <= offset {
            if Self.covers(ranges[i], offset) { return i }
            i += 1
        }
        return nil
    }

    private static func childRanges(of node: YAMLNode) -> (ranges: [Range<Int>], ordered: Bool) {
        var ranges: [Range<Int>] = []
        if let pairs = node.mapping {
            ranges.reserveCapacity(pairs.count * 2)
            for pair in pairs {
                ranges.append(pair.key.byteRange)
                ranges.append(pair.value.byteRange)
            }
        } else if let items = node.sequence {
            ranges.reserveCapacity(items.count)
            for item in items { ranges.append(item.byteRange) }
        }
        var ordered = true
        for i in ranges.indices.dropFirst() where ranges[i].lowerBound < ranges[i - 1].upperBound {
            ordered = false
            break
        }
        return (ranges, ordered)
    }

    private static func covers(_ range: Range<Int>, _ offset: Int) -> Bool {
        range.contains(offset) || (range.isEmpty && range.lowerBound == offset)
    }

    /// A list item by its `id`, else by its content (with a count of the identical items
    /// before the item's first occurrence).
    private func itemIdentity(_ items: YAMLSequence, _ i: Int, of node: YAMLNode) -> String {
        if let id = items[i]["id"]?.scalarText { return "id=" + id }
        if let known = contentIdentities[node.index] { return known[i] }
        var counts: [String: Int] = [:]
        var firstIdentity: [Int32: String] = [:]
        var identities: [String] = []
        identities.reserveCapacity(items.count)
        for item in items {
            let content = JSONRenderer.render(item)
            let n = counts[content, default: 0]
            counts[content] = n + 1
            let identity = firstIdentity[item.index] ?? "item=" + StableHash.hex(content) + (n > 0 ? "#\(n)" : "")
            firstIdentity[item.index] = identity
            identities.append(identity)
        }
        contentIdentities[node.index] = identities
        return identities[i]
    }
}
