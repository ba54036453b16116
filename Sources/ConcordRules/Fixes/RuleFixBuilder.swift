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

extension RuleFixBuilder {
    /// Fixes for the elements that make a negated `exists` fail: for `!x.exists(v, p)` (alone,
    /// or a conjunct or the last disjunct of the assertion) whose `v` the violation does not
    /// bind, one fix per element of `x` for which `p` holds, with `v` bound to it (the fix
    /// applies to the first; the next round finds the others).
    func negatedExistsFixes(_ assertion: Expr, _ activation: Activation) -> [Fix] {
        switch assertion.kind {
        case .binary(.and, let l, let r):
            return negatedExistsFixes(l, activation) + negatedExistsFixes(r, activation)
        case .binary(.or, _, let r):
            return negatedExistsFixes(r, activation)
        case .unary(.not, let inner):
            guard case .comprehension(let c) = inner.kind, c.kind == .exists, let predicate = c.predicate,
                  activation.value(of: c.variable2 ?? c.variable) == nil else { return [] }
            var fixes: [Fix] = []
            for bound in elements(of: c, activation) {
                if case .bool(true) = evaluator.evaluate(predicate, bound), let fix = build(bound) { fixes.append(fix) }
            }
            return fixes
        default:
            return []
        }
    }

    /// The activations of a comprehension's elements, each variable bound (the element with
    /// its origin), as blame binds the elements of `all`.
    private func elements(of c: Comprehension, _ activation: Activation) -> [Activation] {
        switch evaluator.evaluate(c.range, activation) {
        case .list(let l):
            return (0..<l.count).map { i in
                guard let v2 = c.variable2 else { return activation.binding(c.variable, to: l[i], origin: l.origin(at: i)) }
                return activation.binding(c.variable, to: .int(Int64(i))).binding(v2, to: l[i], origin: l.origin(at: i))
            }
        case .map(let m):
            return m.keys.compactMap { key in
                guard let value = m[key] else { return nil }
                guard let v2 = c.variable2 else { return activation.binding(c.variable, to: key.value, origin: m.origin(forKey: key)) }
                return activation.binding(c.variable, to: key.value).binding(v2, to: value, origin: m.origin(forKey: key))
            }
        default:
            return []
        }
    }
}

extension RuleRun {
    /// The fixes of a violation found in `activation` (none when the rule has no `fix:` or
    /// it does not apply here).
    func fixes(_ activation: Activation) -> [Fix] {
        guard let fix = rule.fix else { return [] }
        let builder = RuleFixBuilder(fix: fix, evaluator: evaluator, table: table, blame: makeBlame())
        if let built = builder.build(activation) { return [built] }
        guard case .assert(let assertion) = rule.check else { return [] }
        return builder.negatedExistsFixes(assertion.root, activation)
    }
}
