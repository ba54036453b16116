import ConcordCEL
import ConcordDiagnostics
import ConcordYAML

/// Turns a rule's `fix:` into the text edits of one violation: evaluates `at:` to a place in a
/// file and `to:` to a value, in the activation of the violation (the failing element of
/// `all()` bound as in the message), and asks the `YAMLEditor` for byte-exact edits. No fix
/// when the place is not a node of a file (a computed value) or the value cannot be written.
struct RuleFixBuilder {
    let fix: RuleFix
    let evaluator: Evaluator
    let table: DataValues
    let blame: Blame

    /// Where a fix acts: a node, or a field of a mapping (which may be absent).
    enum Target {
        case node(YAMLNode)
        case field(mapping: YAMLNode, name: String)
    }

    func build(_ activation: Activation) -> Fix? {
        guard let (edit, file, atSource) = edit(activation),
              // A `to:` that gives the value already there means "no fix here".
              FixApplier.changes(edit, file.bytes) else { return nil }
        let description = fix.description.map { MessageRenderer.render($0, evaluator: evaluator, activation: activation) }
            ?? RuleFixFields.Message.defaultDescription(fix.operation.name, atSource)
        return Fix(description: description, applicability: fix.applicability, edits: [edit])
    }

    /// The edit of the operation, the file it edits and the source of `at:`.
    private func edit(_ activation: Activation) -> (TextEdit, YAMLFile, String)? {
        switch fix.operation {
        case .set(let at, let to):
            guard let target = target(at.root, activation),
                  let value = Self.yamlValue(evaluator.evaluate(to.root, activation)) else { return nil }
            switch target {
            case .node(let node):
                return YAMLEditor(node.file).replace(node, with: value).map { ($0, node.file, at.source) }
            case .field(let mapping, let name):
                return YAMLEditor(mapping.file).set(name, of: mapping, to: value).map { ($0, mapping.file, at.source) }
            }
        case .remove(let at):
            guard let target = target(at.root, activation) else { return nil }
            switch target {
            case .node(let node):
                return YAMLEditor(node.file).remove(node).map { ($0, node.file, at.source) }
            case .field(let mapping, let name):
                guard let value = mapping[name] else { return nil }
                return YAMLEditor(mapping.file).remove(value).map { ($0, mapping.file, at.source) }
            }
        case .rename(let at, let to):
            guard let target = target(at.root, activation), case .string(let newName) = evaluator.evaluate(to.root, activation),
                  let key = keyNode(target) else { return nil }
            return YAMLEditor(key.file).rename(key, to: newName).map { ($0, key.file, at.source) }
        }
    }

    /// The place `at:` names: a field of a mapping for `x.f` and `x['f']` (present or not),
    /// else the node the expression denotes.
    func target(_ expr: Expr, _ activation: Activation) -> Target? {
        switch expr.kind {
        case .select(let e, let field):
            if let mapping = mappingNode(e, activation) { return .field(mapping: mapping, name: field) }
        case .index(let e, let i):
            if case .string(let field) = evaluator.evaluate(i, activation), let mapping = mappingNode(e, activation) {
                return .field(mapping: mapping, name: field)
            }
        default:
            break
        }
        return blame.locate(expr, activation).flatMap(table.node(for:)).map(Target.node)
    }

    private func mappingNode(_ expr: Expr, _ activation: Activation) -> YAMLNode? {
        guard case .map(let m) = evaluator.evaluate(expr, activation), let origin = m.origin,
              let node = table.node(for: origin), node.mapping != nil else { return nil }
        return node
    }

    private func keyNode(_ target: Target) -> YAMLNode? {
        switch target {
        case .field(let mapping, let name):
            return mapping.keyNode(name)
        case .node(let node):
            guard let place = YAMLEditor(node.file).parent(of: node), let pairs = place.container.mapping else { return nil }
            switch place.role {
            case .key: return node
            case .value(let i): return pairs[i].key
            case .item: return nil
            }
        }
    }

    /// A CEL value as a value to write (nil for errors and values YAML cannot hold).
    static func yamlValue(_ value: Value) -> YAMLValue? {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return Int64(exactly: u).map(YAMLValue.int)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .list(let l):
            var items: [YAMLValue] = []
            for element in l.elements {
                guard let v = yamlValue(element) else { return nil }
                items.append(v)
            }
            return .list(items)
        case .map(let m):
            var pairs: [YAMLValue.Pair] = []
            for key in m.keys {
                guard let element = m[key], let v = yamlValue(element) else { return nil }
                let name: String
                if case .string(let s) = key { name = s } else { name = key.description }
                pairs.append(YAMLValue.Pair(key: name, value: v))
            }
            return .map(pairs)
        case .opaque(let o): return .string(o.description)
        case .bytes, .type, .timestamp, .duration, .error: return nil
        }
    }
}

extension RuleRun {
    /// The fixes of a violation found in `activation` (none when the rule has no `fix:` or
    /// it does not apply here).
    func fixes(_ activation: Activation) -> [Fix] {
        guard let fix = rule.fix else { return [] }
        let builder = RuleFixBuilder(fix: fix, evaluator: evaluator, table: table, blame: makeBlame())
        return builder.build(activation).map { [$0] } ?? []
    }
}
