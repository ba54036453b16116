import ConcordYAML

/// One match of a selector: the node (or, for a whole top-level list or map merged from several
/// files, the first part of it).
struct SelectorMatch: Sendable {
    let node: YAMLNode
    /// Set when the match is a merged top-level entry rather than a single node.
    let merged: MergedEntry?
}

extension Selector {
    /// Every match of the selector in the merged dataset, in dataset order.
    func matches(in dataset: Dataset) -> [SelectorMatch] {
        guard case .key(let rootKey)? = steps.first, let merged = dataset.merged(rootKey) else { return [] }
        let entry = merged.entry
        var rest = steps.dropFirst()
        var current: [YAMLNode] = []
        // The first step after the root works on the merged entry.
        guard let step = rest.first else {
            switch entry {
            case .list(let parts), .map(let parts):
                guard let first = parts.first else { return [] }
                return [SelectorMatch(node: first, merged: parts.count > 1 ? merged : nil)]
            case .scalar(let node):
                return [SelectorMatch(node: node, merged: nil)]
            }
        }
        rest = rest.dropFirst()
        switch (entry, step) {
        case (.list(let parts), .allItems), (.list(let parts), .allValues):
            for part in parts { current.append(contentsOf: part.sequence.map(Array.init) ?? []) }
        case (.list(let parts), .index(let n)):
            var i = n
            for part in parts {
                let count = part.sequence?.count ?? 0
                if i < count, let items = part.sequence { current = [items[i]]; break }
                i -= count
            }
        case (.map(let parts), .key(let k)):
            if let found = parts.lazy.compactMap({ $0[k] }).first { current = [found] }
        case (.map(let parts), .allValues):
            for part in parts { current.append(contentsOf: part.mapping.map { $0.map(\.value) } ?? []) }
        case (.scalar(let node), _):
            current = Selector.apply(step, to: [node])
        default:
            current = []
        }
        for step in rest {
            current = Selector.apply(step, to: current)
            if current.isEmpty { break }
        }
        return current.map { SelectorMatch(node: $0, merged: nil) }
    }

    static func apply(_ step: Step, to nodes: [YAMLNode]) -> [YAMLNode] {
        var out: [YAMLNode] = []
        for node in nodes {
            switch step {
            case .key(let k):
                if let v = node[k] { out.append(v) }
            case .allItems:
                if let items = node.sequence { out.append(contentsOf: items) }
                else if let pairs = node.mapping { out.append(contentsOf: pairs.map(\.value)) }
            case .index(let n):
                if let items = node.sequence, n < items.count { out.append(items[n]) }
            case .allValues:
                if let pairs = node.mapping { out.append(contentsOf: pairs.map(\.value)) }
                else if let items = node.sequence { out.append(contentsOf: items) }
            }
        }
        return out
    }
}
