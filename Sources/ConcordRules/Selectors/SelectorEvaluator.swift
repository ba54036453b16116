import ConcordYAML

/// One match of a selector: the node (or, for a whole top-level list or map merged from several
/// files, the first part of it), and its key in its parent (`selfKey`).
struct SelectorMatch: Sendable {
    let node: YAMLNode
    /// Set when the match is a merged top-level entry rather than a single node.
    let merged: MergedEntry?
    /// Where the match sits in its parent (unknown for a node found otherwise, as a transition
    /// rule's record).
    var key: MatchKey = .unknown
}

/// The key of a match in its parent: a map key (its node), a list index, or the name of a
/// top-level entry.
enum MatchKey: Sendable {
    case index(Int)
    case mapKey(YAMLNode)
    case name(String)
    case unknown
}

extension Selector {
    /// Every match of the selector in the merged dataset, in dataset order.
    func matches(in dataset: Dataset) -> [SelectorMatch] {
        guard case .key(let rootKey)? = steps.first, let merged = dataset.merged(rootKey) else { return [] }
        let entry = merged.entry
        var rest = steps.dropFirst()
        var current: [(YAMLNode, MatchKey)] = []
        // The first step after the root works on the merged entry.
        guard let step = rest.first else {
            switch entry {
            case .list(let parts), .map(let parts):
                guard let first = parts.first else { return [] }
                // One sequence is the list itself; several parts, or one record, are a merged view.
                let isMerged = parts.count > 1 || (entry.isList && first.kind != .sequence)
                return [SelectorMatch(node: first, merged: isMerged ? merged : nil, key: .name(rootKey))]
            case .scalar(let node):
                return [SelectorMatch(node: node, merged: nil, key: .name(rootKey))]
            }
        }
        rest = rest.dropFirst()
        switch (entry, step) {
        case (.list(let parts), .allItems), (.list(let parts), .allValues):
            current.reserveCapacity(parts.reduce(0) { $0 + Dataset.items(of: $1).count })
            var i = 0
            for part in parts {
                for item in Dataset.items(of: part) {
                    current.append((item, .index(i)))
                    i += 1
                }
            }
        case (.list(let parts), .index(let n)):
            var i = n
            for part in parts {
                let items = Dataset.items(of: part)
                if i < items.count { current = [(items[i], .index(n))]; break }
                i -= items.count
            }
        case (.map(let parts), .key(let k)):
            if let found = parts.lazy.compactMap({ $0.mapping?.pair(forKey: k) }).first { current = [(found.value, .mapKey(found.key))] }
        case (.map(let parts), .allValues), (.map(let parts), .allItems):
            for part in parts { current.append(contentsOf: part.mapping.map { $0.map { ($0.value, .mapKey($0.key)) } } ?? []) }
        case (.scalar(let node), _):
            current = Selector.apply(step, to: [(node, .name(rootKey))])
        default:
            current = []
        }
        for step in rest {
            current = Selector.apply(step, to: current)
            if current.isEmpty { break }
        }
        return current.map { SelectorMatch(node: $0.0, merged: nil, key: $0.1) }
    }

    static func apply(_ step: Step, to nodes: [(YAMLNode, MatchKey)]) -> [(YAMLNode, MatchKey)] {
        var out: [(YAMLNode, MatchKey)] = []
        out.reserveCapacity(nodes.count)
        for (node, _) in nodes {
            switch step {
            case .key(let k):
                if let pair = node.mapping?.pair(forKey: k) { out.append((pair.value, .mapKey(pair.key))) }
            case .allItems, .allValues:
                if let items = node.sequence {
                    for (i, item) in items.enumerated() { out.append((item, .index(i))) }
                } else if let pairs = node.mapping {
                    for pair in pairs { out.append((pair.value, .mapKey(pair.key))) }
                }
            case .index(let n):
                if let items = node.sequence, n < items.count { out.append((items[n], .index(n))) }
            }
        }
        return out
    }
}
