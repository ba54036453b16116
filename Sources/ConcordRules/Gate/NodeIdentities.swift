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
    /// Each document's index and root, in file order.
    private let documents: [(index: Int, root: Int32)]
    /// Container node index → its children's ranges in order (a mapping's keys and values
    /// interleaved), and whether they are ordered and disjoint (aliases and merged pairs can
    /// break the order; then the children are scanned in order). Only containers of more than
    /// `scannedSlots` children are indexed; smaller ones are scanned.
    private var children: [Int32: (ranges: [Range<Int>], ordered: Bool)] = [:]
    /// Sequence node index → the identity of each item without an `id`.
    private var contentIdentities: [Int32: [String]] = [:]
    private static let scannedSlots = 32
    private static let idKey = KeyName("id")

    init(file: YAMLFile) {
        self.file = file
        self.documents = file.documents.map { ($0.index, $0.root.index) }
    }

    func identity(at range: SourceRange) -> String {
        let offset = range.start.offset
        guard let document = document(at: offset) else {
            return "offset-free:" + String(range.end.offset - range.start.offset)
        }
        let target = Int(range.start.offset)..<max(Int(range.start.offset), Int(range.end.offset))
        var identity = "doc" + String(document.index)
        identity.reserveCapacity(64)
        var node = document.root
        descend: while true {
            switch file.kind(of: node) {
            case .scalar:
                break descend
            case .mapping:
                guard let i = firstCovering(node, offset), let pair = file.pair(i / 2, ofMapping: node) else { break descend }
                let key = file.scalarText(of: pair.key) ?? "?"
                if Self.covers(file.byteRange(of: pair.key), offset) {
                    identity += "/key:"
                    identity += key
                    break descend
                }
                identity += "/"
                identity += key
                node = pair.value
            case .sequence:
                guard let i = firstCovering(node, offset), let item = file.item(i, ofSequence: node) else { break descend }
                identity += "/"
                identity += itemIdentity(item, i, of: node)
                node = item
            }
            if file.byteRange(of: node) == target { break }
        }
        return identity
    }

    /// The first document whose root covers `offset` (documents are in file order and disjoint).
    private func document(at offset: Int) -> (index: Int, root: Int32)? {
        var low = 0, high = documents.count
        while low < high {
            let mid = (low + high) / 2
            if file.byteRange(of: documents[mid].root).lowerBound <= offset { low = mid + 1 } else { high = mid }
        }
        // `low - 1` is the last document starting at or before `offset`; empty documents at the
        // same offset come just before it.
        var i = low - 1
        while i > 0, file.byteRange(of: documents[i - 1].root).lowerBound == offset { i -= 1 }
        while i >= 0, i < low {
            let r = file.byteRange(of: documents[i].root)
            if r.contains(offset) || r.lowerBound == offset { return documents[i] }
            i += 1
        }
        return nil
    }

    /// The index of the first child of `node` whose range covers `offset` (a mapping's keys
    /// and values counted in turn).
    private func firstCovering(_ node: Int32, _ offset: Int) -> Int? {
        let isMapping = file.kind(of: node) == .mapping
        let count = file.count(of: node) * (isMapping ? 2 : 1)
        if count <= Self.scannedSlots {
            for i in 0..<count where Self.covers(file.byteRange(of: child(i, of: node, isMapping: isMapping)), offset) {
                return i
            }
            return nil
        }
        let entry = children[node] ?? childRanges(of: node, count: count, isMapping: isMapping)
        children[node] = entry
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

    /// Child `i` of a container: a sequence's item, or a mapping's key (even) or value (odd).
    private func child(_ i: Int, of node: Int32, isMapping: Bool) -> Int32 {
        guard isMapping else { return file.item(i, ofSequence: node) ?? node }
        guard let pair = file.pair(i / 2, ofMapping: node) else { return node }
        return i % 2 == 0 ? pair.key : pair.value
    }

    private func childRanges(of node: Int32, count: Int, isMapping: Bool) -> (ranges: [Range<Int>], ordered: Bool) {
        let ranges = (0..<count).map { file.byteRange(of: child($0, of: node, isMapping: isMapping)) }
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
    private func itemIdentity(_ item: Int32, _ i: Int, of node: Int32) -> String {
        if let idNode = file.value(forKey: Self.idKey, inMapping: item), let id = file.scalarText(of: idNode) {
            return "id=" + id
        }
        if let known = contentIdentities[node] { return known[i] }
        guard let items = file.node(at: node)?.sequence else { return "item" }
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
        contentIdentities[node] = identities
        return identities[i]
    }
}
