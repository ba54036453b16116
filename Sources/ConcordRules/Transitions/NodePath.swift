import ConcordYAML

/// The way from a record down to one of its nodes (keys of mappings, indexes of sequences), so
/// that a place in the old record can be found again in the new one.
struct NodePath: Sendable, Equatable {
    enum Step: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    var steps: [Step] = []

    /// The path from `root` down to the innermost node that holds byte `offset` (a key counts
    /// as its pair's place), and that node.
    static func to(offset: Int, in root: YAMLNode) -> (path: NodePath, node: YAMLNode) {
        var path = NodePath()
        var current = root
        descend: while true {
            if let pairs = current.mapping {
                for pair in pairs {
                    guard let key = pair.key.scalarText else { continue }
                    if pair.key.byteRange.contains(offset) {
                        path.steps.append(.key(key))
                        return (path, pair.key)
                    }
                    if pair.value.byteRange.contains(offset) {
                        path.steps.append(.key(key))
                        current = pair.value
                        continue descend
                    }
                }
            } else if let items = current.sequence {
                for i in 0..<items.count where items[i].byteRange.contains(offset) {
                    path.steps.append(.index(i))
                    current = items[i]
                    continue descend
                }
            }
            return (path, current)
        }
    }

    /// The deepest node of `root` along the path (the whole path when it exists there).
    func follow(from root: YAMLNode) -> YAMLNode {
        var current = root
        for step in steps {
            switch step {
            case .key(let k):
                guard let v = current[k] else { return current }
                current = v
            case .index(let i):
                guard let items = current.sequence, i < items.count else { return current }
                current = items[i]
            }
        }
        return current
    }
}

extension YAMLNode {
    /// Whether two nodes (of any files) hold the same data: the same resolved scalars, the same
    /// items in order, the same keys with the same values in any order. Style, comments and
    /// places do not count.
    func sameContent(as other: YAMLNode) -> Bool {
        switch (kind, other.kind) {
        case (.scalar, .scalar):
            guard let a = scalarValue, let b = other.scalarValue, a == b else { return false }
            return a != .string || scalarText == other.scalarText
        case (.sequence, .sequence):
            guard let a = sequence, let b = other.sequence, a.count == b.count else { return false }
            for i in 0..<a.count where !a[i].sameContent(as: b[i]) { return false }
            return true
        case (.mapping, .mapping):
            guard let a = mapping, let b = other.mapping, a.count == b.count else { return false }
            for pair in a {
                guard let key = pair.key.scalarText, let value = b.value(forKey: key),
                      value.sameContent(as: pair.value) else { return false }
            }
            return true
        default:
            return false
        }
    }
}
