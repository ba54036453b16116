import ConcordYAML

/// The way from a record down to one of its nodes (keys of mappings, indexes of sequences), so
/// that a place in the old record can be found again in the new one.
struct NodePath: Sendable, Equatable {
    enum Step: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    var steps: [Step] = []

    /// The path from `root` to `target` (a node inside it, by byte range), nil when `target`
    /// is not inside `root`.
    static func from(_ root: YAMLNode, to target: YAMLNode) -> NodePath? {
        guard root.file === target.file else { return nil }
        var path = NodePath()
        var current = root
        while current != target {
            let inner = target.byteRange
            var next: YAMLNode? = nil
            if let pairs = current.mapping {
                for pair in pairs {
                    let r = pair.value.byteRange
                    if pair.key == target || (r.lowerBound <= inner.lowerBound && inner.upperBound <= r.upperBound && !r.isEmpty) {
                        guard let key = pair.key.scalarText else { return path }
                        path.steps.append(.key(key))
                        next = pair.value
                        break
                    }
                }
            } else if let items = current.sequence {
                for i in 0..<items.count {
                    let r = items[i].byteRange
                    if r.lowerBound <= inner.lowerBound && inner.upperBound <= r.upperBound && !r.isEmpty {
                        path.steps.append(.index(i))
                        next = items[i]
                        break
                    }
                }
            }
            guard let next, next != current else { return current == root && path.steps.isEmpty ? nil : path }
            current = next
        }
        return path
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
