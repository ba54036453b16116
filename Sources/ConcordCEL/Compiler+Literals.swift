import Collections

/// Compiling list and map literals.
extension Compiler {
    /// A list literal; one of literals only is built once (and costs as much as building it).
    static func list(_ elems: [Expr], _ code: [Code], _ off: Int, _ len: Int) -> Code {
        if let constant = constantList(elems) {
            let value = Value.list(ListValue(constant.elements))
            let cost = constant.nodes
            return { f in
                // Charged as node by node: evaluation stops at the node that exceeds the budget.
                if f.charge(min(cost, max(f.limit - f.cost, 0) + 1)) { return EvalFrame.budgetError }
                return value
            }
        }
        return { f in
            if f.charge(1) { return EvalFrame.budgetError }
            var out: [Value] = []
            out.reserveCapacity(code.count)
            for el in code {
                let v = el(&f)
                if v.isError { return v }
                out.append(v)
            }
            return .list(ListValue(out))
        }
    }

    /// The elements of a list literal made of literals and such lists, and its number of nodes.
    static func constantList(_ elems: [Expr]) -> (elements: [Value], nodes: Int)? {
        var out: [Value] = []
        var nodes = 1
        for e in elems {
            switch e.kind {
            case .literal(let v) where !v.isError:
                out.append(v)
                nodes += 1
            case .list(let inner):
                guard let c = constantList(inner) else { return nil }
                out.append(.list(ListValue(c.elements)))
                nodes += c.nodes
            default:
                return nil
            }
        }
        return (out, nodes)
    }

    /// A list literal with optional entries (`[?x, y]`): an optional entry is left out when
    /// empty and contributes its value otherwise.
    mutating func optionalEntryList(_ elems: [Expr], _ off: Int, _ len: Int) -> Code {
        let code = elems.map { (code: compile($0.optionalEntryValue ?? $0), optional: $0.isOptionalEntry) }
        return { f in
            if f.charge(1) { return EvalFrame.budgetError }
            var out: [Value] = []
            for el in code {
                let v = el.code(&f)
                if v.isError { return v }
                guard el.optional else { out.append(v); continue }
                guard let opt = v.asOptional else { return .error(CELError.noOverload("optional entry", [v])) }
                if let w = opt.wrapped { out.append(w) }
            }
            return .list(ListValue(out))
        }
    }

    /// A map literal: keys and values in order; a bad or repeated key is an error at the key.
    /// An optional entry (`{?k: v}`) is left out when `v` is empty and holds its value otherwise.
    mutating func map(_ entries: [MapEntryExpr], _ off: Int, _ len: Int) -> Code {
        let compiled = entries.map { (key: compile($0.key), value: compile($0.value.optionalEntryValue ?? $0.value),
                                      optional: $0.value.isOptionalEntry, offset: $0.key.offset, length: $0.key.length) }
        return { f in
            if f.charge(1) { return EvalFrame.budgetError }
            var d = OrderedDictionary<MapKey, Value>(minimumCapacity: compiled.count)
            var origins: [Origin?] = []
            var anyOrigin = false
            for entry in compiled {
                let k = entry.key(&f)
                if k.isError { return k }
                var v = entry.value(&f)
                if v.isError { return v }
                if entry.optional {
                    guard let opt = v.asOptional else { return .error(CELError.noOverload("optional entry", [v])) }
                    guard let w = opt.wrapped else { continue }
                    v = w
                }
                guard let key = MapKey(k) else {
                    return .error(CELError("unsupported map key type '\(k.celType)'", offset: entry.offset, length: entry.length))
                }
                if d[key] != nil {
                    return .error(CELError("Failed with repeated key \(key)", offset: entry.offset, length: entry.length))
                }
                d[key] = v
                // An entry holding a list or map computed from data keeps where it came from.
                let o = v.collectionOrigin
                origins.append(o)
                if o != nil { anyOrigin = true }
            }
            return .map(anyOrigin ? MapValue(d, origins: origins, origin: nil) : MapValue(d))
        }
    }
}

extension Expr {
    /// Whether this is an optional entry of a list or map literal (`?e`).
    var isOptionalEntry: Bool { optionalEntryValue != nil }

    /// The expression of an optional entry `?e` (that is, `e`).
    var optionalEntryValue: Expr? {
        if case .call(nil, OptionalSyntax.entry, let args) = kind, args.count == 1 { return args[0] }
        return nil
    }
}
