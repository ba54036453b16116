import ConcordCEL

/// Where a failed `assert` is wrong: the most specific node an expression can name, with the
/// bindings of the failing element (for the message) and related places.
struct BlameSite {
    var origin: Origin?
    var activation: Activation
    var related: [(origin: Origin, expression: String)] = []
}

/// Walks a false assertion top-down to find what made it false:
/// - `a && b`: the conjunct that is false;
/// - `x.all(v, p)`: every element for which `p` is false (each its own site, with `v` bound);
/// - `x.exists_one(v, p)`: the second match, or the list when nothing matches;
/// - `l op r` (comparisons, `in`): the left operand, with the right one as related place;
/// - `has(e.f)`: the mapping `e` that lacks `f`;
/// - `c ? t : f`: the branch taken;
/// - a call: its receiver or first argument that names a node.
struct Blame {
    /// The expression's nodes, compiled once per core (see `CompiledNodes`).
    let nodes: CompiledNodes
    /// Whether the node of the first origin contains the node of the second.
    var contains: (Origin, Origin) -> Bool = { _, _ in false }

    init(nodes: CompiledNodes, contains: @escaping (Origin, Origin) -> Bool = { _, _ in false }) {
        self.nodes = nodes
        self.contains = contains
    }

    /// Blame with nodes compiled for this blame only.
    init(evaluator: Evaluator, contains: @escaping (Origin, Origin) -> Bool = { _, _ in false }) {
        self.init(nodes: CompiledNodes(evaluator: evaluator), contains: contains)
    }

    func sites(of expr: Expr, in activation: Activation) -> [BlameSite] {
        switch expr.kind {
        case .binary(.and, let l, let r):
            guard case .bool(false) = nodes.evaluate(l, activation) else { return sites(of: r, in: activation) }
            // Both conjuncts may be violated (two lists checked with `all`): report both, unless
            // the right one only fails because the left one did (an error, as in a guard).
            if case .bool(false) = nodes.evaluate(r, activation) {
                let left = sites(of: l, in: activation)
                let seen = Set(left.compactMap(\.origin))
                return left + sites(of: r, in: activation).filter { $0.origin.map { !seen.contains($0) } ?? false }
            }
            return sites(of: l, in: activation)
        case .binary(.or, _, let r):
            // Earlier disjuncts are usually guards (`!has(x) || ...`): the last one failed last.
            return sites(of: r, in: activation)
        case .binary(let op, let l, let r) where [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in].contains(op):
            var site = BlameSite(origin: locate(l, activation) ?? locate(r, activation), activation: activation)
            if let ro = locate(r, activation), ro != site.origin {
                site.related.append((ro, Self.relatedLabel(r)))
            }
            return [site]
        case .unary(.not, let e):
            return [BlameSite(origin: locate(e, activation), activation: activation)]
        case .conditional(let c, let t, let f):
            if case .bool(true) = nodes.evaluate(c, activation) { return sites(of: t, in: activation) }
            if case .bool(false) = nodes.evaluate(c, activation) { return sites(of: f, in: activation) }
            return [BlameSite(origin: locate(c, activation), activation: activation)]
        case .has(let e, _):
            return [BlameSite(origin: locate(e, activation), activation: activation)]
        case .comprehension(let c):
            return comprehensionSites(c, expr: expr, activation: activation)
        case .call(let target, _, let args):
            let candidates = (target.map { [$0] } ?? []) + args
            for candidate in candidates {
                if let o = locate(candidate, activation) { return [BlameSite(origin: o, activation: activation)] }
            }
            return [BlameSite(origin: nil, activation: activation)]
        default:
            return [BlameSite(origin: locate(expr, activation), activation: activation)]
        }
    }

    private func comprehensionSites(_ c: Comprehension, expr: Expr, activation: Activation) -> [BlameSite] {
        let rangeValue = nodes.evaluate(c.range, activation)
        let rangeOrigin = locate(c.range, activation)
        guard let predicate = c.predicate else { return [BlameSite(origin: rangeOrigin, activation: activation)] }
        var items: [(Value, Value?, Origin?)] = []
        switch rangeValue {
        case .list(let l):
            for i in 0..<l.count {
                items.append(c.variable2 != nil ? (.int(Int64(i)), l[i], l.origin(at: i)) : (l[i], nil, l.origin(at: i)))
            }
        case .map(let m):
            for k in m.keys { items.append((k.value, m[k], m.origin(forKey: k))) }
        default:
            return [BlameSite(origin: rangeOrigin, activation: activation)]
        }
        func bound(_ item: (Value, Value?, Origin?)) -> Activation {
            var a = activation.binding(c.variable, to: item.0, origin: c.variable2 == nil ? item.2 : nil)
            if let v2 = c.variable2, let second = item.1 { a.bind(v2, to: second, origin: item.2) }
            return a
        }
        switch c.kind {
        case .all:
            var result: [BlameSite] = []
            for item in items {
                let a = bound(item)
                if case .bool(true) = nodes.evaluate(predicate, a) { continue }
                let inner = sites(of: predicate, in: a)
                for var site in inner {
                    // Point at the failing element, or at a node inside it; a node elsewhere
                    // (the list it was compared with) becomes a related place.
                    if let element = item.2 {
                        if let o = site.origin, o != element, !contains(element, o) {
                            site.related.insert((o, Self.relatedLabel(predicate)), at: 0)
                            site.origin = element
                        } else if site.origin == nil {
                            site.origin = element
                        }
                    }
                    result.append(site)
                }
            }
            return result.isEmpty ? [BlameSite(origin: rangeOrigin, activation: activation)] : result
        case .existsOne:
            var matches: [(Value, Value?, Origin?)] = []
            for item in items {
                if case .bool(true) = nodes.evaluate(predicate, bound(item)) { matches.append(item) }
            }
            if matches.count >= 2 {
                var site = BlameSite(origin: matches[1].2 ?? rangeOrigin, activation: bound(matches[1]))
                if let first = matches[0].2 { site.related.append((first, "the first match is here")) }
                return [site]
            }
            return [BlameSite(origin: rangeOrigin, activation: activation)]
        default:
            return [BlameSite(origin: rangeOrigin, activation: activation)]
        }
    }

    /// A short label for a related place: "`members` is here".
    static func relatedLabel(_ expr: Expr) -> String {
        var e = expr
        while true {
            switch e.kind {
            case .select(_, let field): return "`\(field)` is here"
            case .comprehension(let c): e = c.range
            case .call(let target?, _, _): e = target
            case .call(nil, _, let args) where args.count == 1: e = args[0]
            case .binary(_, let l, _): e = l
            default:
                let text = e.description
                return "`\(text.count > 40 ? String(text.prefix(37)) + "..." : text)` is here"
            }
        }
    }

    /// The origin of the node an expression denotes, when it denotes one.
    func locate(_ expr: Expr, _ activation: Activation) -> Origin? {
        switch expr.kind {
        case .comprehension(let c) where c.kind == .map || c.kind == .filter:
            return locate(c.range, activation)
        case .conditional(let c, let t, let f):
            switch nodes.evaluate(c, activation) {
            case .bool(true): return locate(t, activation)
            case .bool(false): return locate(f, activation)
            default: return nil
            }
        case .ident(let name):
            return activation.origin(of: name)
        case .select(let e, let field):
            switch nodes.evaluate(e, activation) {
            case .map(let m): return m.origin(forField: field) ?? m.origin
            default: return locate(e, activation)
            }
        case .index(let e, let i):
            let container = nodes.evaluate(e, activation)
            let key = nodes.evaluate(i, activation)
            switch (container, key) {
            case (.list(let l), .int(let n)): return l.origin(at: Int(n)) ?? l.origin
            case (.map(let m), _):
                if let k = MapKey(key) { return m.origin(forKey: k) ?? m.origin }
                return m.origin
            default: return locate(e, activation)
            }
        case .call(let target, let function, let args)
            where nodes.evaluator.functions.keepsOrigin(function, style: target == nil ? .global : .receiver, arity: args.count):
            if let target { return locate(target, activation) }
            return args.first.flatMap { locate($0, activation) }
        default:
            switch nodes.evaluate(expr, activation) {
            case .list(let l): return l.origin
            case .map(let m): return m.origin
            default: return nil
            }
        }
    }
}
