import ConcordCEL
import ConcordDiagnostics
import ConcordYAML

/// One step of the path from a document's root to a node.
public enum PathStep: Hashable, Sendable {
    case key(String)
    case index(Int)
}

/// The node under a place in a file, with its path from the document's root.
public struct NodeAtPosition: Sendable {
    public var node: YAMLNode
    /// The steps from the root to `node` (for a key, to the value it names).
    public var path: [PathStep]
    /// Whether the place is on a mapping key (`node` is then the key's node).
    public var isKey: Bool
    /// The mappings and sequences holding the node, outermost first.
    public var ancestors: [YAMLNode]
}

/// A field whose values name records of another list: what a `references:` rule with a key
/// `self.FIELD` (or `self.a.b`) declares, e.g. `pledges[*]`'s `coalition` names
/// `coalitions[*].id`.
public struct ReferenceField: Sendable {
    public var ruleID: String
    public var records: Selector
    public var field: [String]
    public var targets: Selector
}

/// A record a reference can name: the record and the node of its key.
public struct ReferenceTarget: Sendable {
    public var key: String
    public var keyNode: YAMLNode
    public var record: YAMLNode
}

public enum DataNavigation {
    /// The deepest node at a 1-based line and scalar column (a place just after a scalar counts
    /// as on it, for a cursor at the end of a word).
    public static func node(in file: YAMLFile, line: Int, column: Int) -> NodeAtPosition? {
        let p = SourcePosition(line: line, column: column, offset: 0)
        for root in file.documentRoots.compactMap({ file.node(at: $0) }) where contains(root, p) {
            return descend(root, p, path: [], ancestors: [])
        }
        return nil
    }

    private static func contains(_ node: YAMLNode, _ p: SourcePosition) -> Bool {
        let r = node.range
        if p < r.start { return false }
        return node.isScalar ? !(r.end < p) : p < r.end || r.start == r.end
    }

    private static func descend(_ node: YAMLNode, _ p: SourcePosition, path: [PathStep], ancestors: [YAMLNode]) -> NodeAtPosition {
        if let pairs = node.mapping {
            for pair in pairs where !pair.isMerged {
                let key = pair.key.stringValue ?? pair.key.scalarText ?? ""
                if contains(pair.key, p) {
                    return NodeAtPosition(node: pair.key, path: path + [.key(key)], isKey: true, ancestors: ancestors + [node])
                }
                if contains(pair.value, p) {
                    return descend(pair.value, p, path: path + [.key(key)], ancestors: ancestors + [node])
                }
            }
        } else if let items = node.sequence {
            for (i, item) in items.enumerated() where contains(item, p) {
                return descend(item, p, path: path + [.index(i)], ancestors: ancestors + [node])
            }
        }
        return NodeAtPosition(node: node, path: path, isKey: false, ancestors: ancestors)
    }

    /// How many leading steps of `path` a selector matches (nil: it does not match them).
    public static func matchedLength(_ selector: Selector, _ path: [PathStep]) -> Int? {
        guard selector.steps.count <= path.count else { return nil }
        for (step, part) in zip(selector.steps, path) {
            switch (step, part) {
            case (.key(let a), .key(let b)) where a == b: continue
            case (.allItems, _), (.allValues, _): continue
            case (.index(let n), .index(let m)) where n == m: continue
            default: return nil
            }
        }
        return selector.steps.count
    }

    /// The reference field a node is a value of (its path is the field, or an item of it).
    public static func referenceField(at path: [PathStep], in fields: [ReferenceField]) -> ReferenceField? {
        fields.first { field in
            guard let n = matchedLength(field.records, path) else { return false }
            var rest = Array(path[n...])
            if case .index? = rest.last, rest.count == field.field.count + 1 { rest.removeLast() }
            return rest == field.field.map { PathStep.key($0) }
        }
    }
}

extension RuleSet {
    /// The fields that name records of another list, from the `references:` rules.
    public var referenceFields: [ReferenceField] {
        rules.compactMap { rule in
            guard case .references(let targets, let key) = rule.check, let field = Self.selfPath(key.root) else { return nil }
            return ReferenceField(ruleID: rule.id, records: rule.selector, field: field, targets: targets)
        }
    }

    /// `self.a.b` → `["a", "b"]`.
    private static func selfPath(_ expr: Expr) -> [String]? {
        switch expr.kind {
        case .ident("self"): return []
        case .select(let inner, let field): return selfPath(inner).map { $0 + [field] }
        default: return nil
        }
    }
}

extension Dataset {
    /// The records a reference field can name, in dataset order.
    public func targets(of field: ReferenceField) -> [ReferenceTarget] {
        guard case .key(let keyName)? = field.targets.steps.last, field.targets.steps.count > 1 else {
            return field.targets.matches(in: self).compactMap { m in
                m.node.stringValue.map { ReferenceTarget(key: $0, keyNode: m.node, record: m.node) }
            }
        }
        let records = Selector(steps: Array(field.targets.steps.dropLast()), source: field.targets.source)
        return records.matches(in: self).compactMap { m in
            guard let keyNode = m.node[keyName], let key = keyNode.stringValue ?? keyNode.scalarText else { return nil }
            return ReferenceTarget(key: key, keyNode: keyNode, record: m.node)
        }
    }

    /// Every value of a reference field (items, for a list field), with its node.
    public func values(of field: ReferenceField) -> [(value: String, node: YAMLNode)] {
        field.records.matches(in: self).flatMap { m -> [(value: String, node: YAMLNode)] in
            var node: YAMLNode? = m.node
            for name in field.field { node = node?[name] }
            guard let node else { return [] }
            if let items = node.sequence {
                return items.compactMap { item in (item.stringValue ?? item.scalarText).map { ($0, item) } }
            }
            return (node.stringValue ?? node.scalarText).map { [($0, node)] } ?? []
        }
    }
}

extension Selector {
    init(steps: [Step], source: String) {
        self.steps = steps
        self.source = source
    }
}
