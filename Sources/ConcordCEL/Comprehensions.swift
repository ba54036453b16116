import Collections

/// Compiling the comprehension macros (`all`, `exists`, `exists_one`, `map`, `filter`,
/// `transformList`, `transformMap`): the variables get slots for the predicate and transform.
extension Compiler {
    /// A comprehension macro call.
    mutating func comprehension(_ c: Comprehension, _ off: Int, _ len: Int) -> Code {
        // The range is evaluated outside the scope of the macro's own variables.
        let range = compile(c.range)
        switch c.kind {
        case .bind, .optMap, .optFlatMap: return binding(c, range, off, len)
        default: break
        }
        let names = [c.variable] + (c.variable2.map { [$0] } ?? [])
        let code = withScope(names) { compiler, slots in
            ComprehensionCode(kind: c.kind, range: range, slot1: slots[0], slot2: slots.count > 1 ? slots[1] : nil,
                              predicate: c.predicate.map { compiler.compile($0) },
                              transform: c.transform.map { compiler.compile($0) })
        }
        return { f in
            if f.charge(1) { return EvalFrame.budgetError }
            return located(code.run(&f), off, len)
        }
    }
}

extension Compiler {
    /// `cel.bind(x, v, e)`, `o.optMap(x, e)` and `o.optFlatMap(x, e)`: `e` evaluated once with
    /// `x` bound (to `v`, or to the value of the optional `o`).
    private mutating func binding(_ c: Comprehension, _ range: @escaping Code, _ off: Int, _ len: Int) -> Code {
        let kind = c.kind
        let (slot, body) = withScope([c.variable]) { compiler, slots in (slots[0], compiler.compile(c.transform ?? c.range)) }
        return { f in
            if f.charge(1) { return EvalFrame.budgetError }
            let v = range(&f)
            if kind == .bind {
                // As in cel-go, the value is computed first; an error in it matters only if used.
                f.locals[slot] = v
                return body(&f)
            }
            if v.isError { return v }
            guard let opt = v.asOptional else {
                return located(.error(CELError.noOverload(kind.rawValue, [v])), off, len)
            }
            guard let w = opt.wrapped else { return v }
            f.locals[slot] = w
            let r = body(&f)
            if kind == .optMap || r.isError { return r.isError ? r : OptionalValue.of(r) }
            if r.asOptional == nil { return located(.error(CELError.noOverload("optFlatMap", [r])), off, len) }
            return r
        }
    }
}

/// A compiled comprehension: iterates over list elements (or indexes and elements) or map keys
/// (and values), with the variables bound in their slots.
struct ComprehensionCode: Sendable {
    let kind: MacroKind
    let range: Code
    let slot1: Int
    let slot2: Int?
    let predicate: Code?
    let transform: Code?

    /// What a comprehension iterates over: list elements or map keys.
    private enum IterationRange {
        case list(ListValue)
        case map(MapValue, OrderedDictionary<MapKey, Value>)

        var count: Int {
            switch self {
            case .list(let l): return l.count
            case .map(_, let entries): return entries.count
            }
        }

        /// The first variable's value (the element, or with two variables the index; the key
        /// for maps) and the second variable's value.
        func item(_ i: Int, twoVariables: Bool) -> (first: Value, second: Value?) {
            switch self {
            case .list(let l):
                return twoVariables ? (.int(Int64(i)), l[i]) : (l[i], nil)
            case .map(_, let entries):
                return (entries.keys[i].value, entries.values[i])
            }
        }

        /// Where the list or map came from.
        var origin: Origin? {
            switch self {
            case .list(let l): return l.origin
            case .map(let m, _): return m.origin
            }
        }

        /// Where item `i` came from.
        func origin(_ i: Int) -> Origin? {
            switch self {
            case .list(let l): return l.origin(at: i)
            case .map(let m, let entries): return m.origin(forKey: entries.keys[i])
            }
        }
    }

    /// Binds the variables to item `i` and returns the item.
    @inline(__always)
    private func bind(_ f: inout EvalFrame, _ range: IterationRange, _ i: Int) -> (first: Value, second: Value?) {
        let it = range.item(i, twoVariables: slot2 != nil)
        f.locals[slot1] = it.first
        if let slot2, let second = it.second { f.locals[slot2] = second }
        return it
    }

    func run(_ f: inout EvalFrame) -> Value {
        let rangeValue = range(&f)
        let range: IterationRange
        switch rangeValue {
        case .error:
            return rangeValue
        case .list(let l):
            range = .list(l)
        case .map(let m):
            range = .map(m, m.entries)
        default:
            return .error(CELError("\(kind.rawValue)() expects a list or a map, got '\(rangeValue.celType)'"))
        }
        switch kind {
        case .all, .exists: return quantify(&f, range)
        case .existsOne: return existsOne(&f, range)
        case .filter, .map, .transformList, .transformMap, .transformMapEntry: return build(&f, range)
        case .bind, .optMap, .optFlatMap: return .error("\(kind.rawValue) is not an iteration")
        }
    }

    /// The predicate for item `i` (or `d` when there is none).
    @inline(__always)
    private func test(_ f: inout EvalFrame, _ range: IterationRange, _ i: Int, default d: Bool) -> Value {
        guard let predicate else { return .bool(d) }
        _ = bind(&f, range, i)
        return predicate(&f)
    }

    private func quantify(_ f: inout EvalFrame, _ range: IterationRange) -> Value {
        let decisive = kind == .exists
        var firstError: Value?
        for i in 0..<range.count {
            if f.exceeded { return EvalFrame.budgetError }
            let r = test(&f, range, i, default: true)
            switch r {
            case .bool(let x):
                if x == decisive { return .bool(decisive) }
            case .error:
                if firstError == nil { firstError = r }
            default:
                if firstError == nil { firstError = .error(CELError.noOverload(kind.rawValue, [r])) }
            }
        }
        return firstError ?? .bool(!decisive)
    }

    private func existsOne(_ f: inout EvalFrame, _ range: IterationRange) -> Value {
        var n = 0
        for i in 0..<range.count {
            if f.exceeded { return EvalFrame.budgetError }
            let r = test(&f, range, i, default: false)
            switch r {
            case .bool(let x): if x { n += 1 }
            case .error: return r
            default: return .error(CELError.noOverload(kind.rawValue, [r]))
            }
        }
        return .bool(n == 1)
    }

    /// `map`, `filter`, `transformList` and `transformMap`.
    private func build(_ f: inout EvalFrame, _ range: IterationRange) -> Value {
        let count = range.count
        var out: [Value] = []
        out.reserveCapacity(count)
        var origins: [Origin?] = []
        var anyOrigin = false
        var d = OrderedDictionary<MapKey, Value>()
        var entryOrigins: [Origin?] = []
        for i in 0..<count {
            if f.exceeded { return EvalFrame.budgetError }
            let it = bind(&f, range, i)
            if let predicate {
                let keep = predicate(&f)
                switch keep {
                case .bool(false): continue
                case .bool(true): break
                case .error: return keep
                default: return .error(CELError.noOverload(kind.rawValue, [keep]))
                }
            }
            var v = it.first
            if let transform {
                v = transform(&f)
                if v.isError { return v }
            }
            if kind == .transformMapEntry {
                guard case .map(let entries) = v else { return .error(CELError.noOverload("transformMapEntry", [v])) }
                for (k, w) in entries.entries {
                    if d.updateValue(w, forKey: k) != nil { return .error("transformMapEntry: key \(k) already exists") }
                    entryOrigins.append(range.origin(i))
                    if range.origin(i) != nil { anyOrigin = true }
                }
            } else if kind == .transformMap {
                guard let k = MapKey(it.first) else { return .error("unsupported map key type '\(it.first.celType)'") }
                if d.updateValue(v, forKey: k) == nil {
                    // An entry comes from the data its value was computed from, else from the item.
                    let o = v.collectionOrigin ?? range.origin(i)
                    entryOrigins.append(o)
                    if o != nil { anyOrigin = true }
                }
            } else {
                out.append(v)
                if kind == .filter {
                    let o = range.origin(i)
                    origins.append(o)
                    if o != nil { anyOrigin = true }
                }
            }
        }
        // The result remembers the data it was computed from (for blame).
        if kind == .transformMap || kind == .transformMapEntry {
            return .map(MapValue(d, origins: anyOrigin ? entryOrigins : [], origin: range.origin))
        }
        return .list(ListValue(out, origins: anyOrigin ? origins : [], origin: range.origin))
    }
}
