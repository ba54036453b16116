import Collections

/// Evaluates syntax trees with CEL semantics.
///
/// Errors are values (`Value.error`), so `&&`, `||` and `?:` can absorb them as CEL requires.
/// Every evaluation step costs one unit (calls also cost the size of their list, map and string
/// arguments); when the budget `costLimit` is exceeded the result is the error
/// "cost budget exceeded", which nothing can absorb.
///
/// Any node of a parsed `Expression` can be evaluated on its own, in an activation that binds
/// extra variables (for example a comprehension variable), which is how an embedder can find
/// which part of a rule failed:
/// ```swift
/// let ex = try Expression(parsing: "self.items.all(i, i.price > 0)")
/// if case .comprehension(let c) = ex.root.kind, let p = c.predicate,
///    case .list(let items) = evaluator.evaluate(c.range, activation) {
///     for k in 0..<items.count where !evaluator.evaluate(p, activation.binding(c.variable, to: items[k])).isTrue {
///         blame(items.origin(at: k))
///     }
/// }
/// ```
public struct Evaluator: Sendable {
    /// The function table used for calls.
    public let functions: FunctionTable
    /// The cost budget of one `evaluate` call.
    public let costLimit: Int

    public init(functions: FunctionTable = .standard, costLimit: Int = 1_000_000) {
        self.functions = functions
        self.costLimit = costLimit
    }

    /// Evaluates `expr` (any node of a parsed expression) in `activation`.
    public func evaluate(_ expr: Expr, _ activation: Activation) -> Value {
        evaluateWithCost(expr, activation).value
    }

    /// Evaluates the root of `expression` in `activation`.
    public func evaluate(_ expression: Expression, _ activation: Activation) -> Value {
        evaluate(expression.root, activation)
    }

    /// Evaluates and also reports the cost spent.
    public func evaluateWithCost(_ expr: Expr, _ activation: Activation) -> (value: Value, cost: Int) {
        let state = EvalState(limit: costLimit)
        var run = EvalRun(functions: functions, activation: activation, state: state)
        let v = run.eval(expr)
        if state.exceeded {
            return (.error(CELError("cost budget exceeded (limit \(costLimit))", offset: expr.offset, length: expr.length)), state.cost)
        }
        return (v, state.cost)
    }
}

extension Value {
    /// `true` only for `.bool(true)`.
    public var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }
}

final class EvalState {
    var cost = 0
    let limit: Int
    var exceeded = false
    init(limit: Int) { self.limit = limit }
}

/// One evaluation: the activation, the comprehension-variable stack and the cost counter.
struct EvalRun {
    let functions: FunctionTable
    let activation: Activation
    let state: EvalState
    var localNames: [String] = []
    var localValues: [Value] = []

    init(functions: FunctionTable, activation: Activation, state: EvalState) {
        self.functions = functions
        self.activation = activation
        self.state = state
    }

    static let budgetError = Value.error(CELError("cost budget exceeded"))

    @inline(__always)
    func charge(_ n: Int) -> Bool {
        state.cost += n
        if state.cost > state.limit { state.exceeded = true }
        return state.exceeded
    }

    mutating func eval(_ e: Expr) -> Value {
        if charge(1) { return EvalRun.budgetError }
        let v = evalKind(e)
        if case .error(var err) = v, err.offset == nil {
            err.offset = e.offset
            err.length = e.length
            return .error(err)
        }
        return v
    }

    func lookupLocal(_ name: String) -> Value? {
        var i = localNames.count - 1
        while i >= 0 {
            if localNames[i] == name { return localValues[i] }
            i -= 1
        }
        return nil
    }

    func resolveIdent(_ name: String) -> Value {
        if let v = lookupLocal(name) { return v }
        if let v = activation.value(of: name) { return v }
        if let t = CELType.denotable[name] { return .type(t) }
        return .error("undeclared reference to '\(name)'")
    }

    /// The dotted name of a select chain rooted at an identifier (`a.b.c`), if it is one.
    static func qualifiedName(_ e: Expr) -> String? {
        switch e.kind {
        case .ident(let n): return n
        case .select(let operand, let f):
            guard let base = qualifiedName(operand) else { return nil }
            return base + "." + f
        default: return nil
        }
    }

    static func rootIdent(_ e: Expr) -> String? {
        switch e.kind {
        case .ident(let n): return n
        case .select(let operand, _): return rootIdent(operand)
        default: return nil
        }
    }

    // Each case lives in its own small, non-inlined function so that the recursive frames stay
    // small (deep expressions must not exhaust a thread's stack).
    mutating func evalKind(_ e: Expr) -> Value {
        switch e.kind {
        case .literal(let v): return v
        case .ident(let name): return resolveIdent(name)
        case .select(let operand, let field): return evalSelect(e, operand, field)
        case .has(let operand, let field): return evalHas(operand, field)
        case .index(let operand, let index): return evalIndex(operand, index)
        case .unary(let op, let operand): return evalUnary(op, operand)
        case .binary(let op, let l, let r): return evalBinary(op, l, r)
        case .conditional(let c, let t, let f): return evalConditional(c, t, f)
        case .list(let elems): return evalList(elems)
        case .map(let entries): return evalMap(entries)
        case .call(let target, let function, let args): return evalCall(target: target, function: function, args: args)
        case .comprehension(let c): return evalComprehension(c)
        }
    }

    @inline(never)
    mutating func evalSelect(_ e: Expr, _ operand: Expr, _ field: String) -> Value {
        if activation.hasQualifiedNames, let root = EvalRun.rootIdent(operand), lookupLocal(root) == nil,
           let q = EvalRun.qualifiedName(e), let v = activation.value(of: q) {
            return v
        }
        return selectField(eval(operand), field)
    }

    @inline(never)
    mutating func evalHas(_ operand: Expr, _ field: String) -> Value {
        let base = eval(operand)
        switch base {
        case .error: return base
        case .map(let m): return .bool(m[field] != nil)
        case .opaque(let o): return .bool(o.field(field) != nil)
        default: return .error("type '\(base.celType)' does not support field selection")
        }
    }

    @inline(never)
    mutating func evalIndex(_ operand: Expr, _ index: Expr) -> Value {
        let base = eval(operand)
        if base.isError { return base }
        let i = eval(index)
        if i.isError { return i }
        return Operators.index(base, i)
    }

    @inline(never)
    mutating func evalUnary(_ op: UnaryOperator, _ operand: Expr) -> Value {
        Operators.unary(op, eval(operand))
    }

    @inline(never)
    mutating func evalBinary(_ op: BinaryOperator, _ l: Expr, _ r: Expr) -> Value {
        switch op {
        case .and:
            let a = eval(l)
            if case .bool(false) = a { return a }
            let b = eval(r)
            if case .bool(false) = b { return b }
            switch (a, b) {
            case (.bool, .bool): return .bool(true)
            case (.error, _): return a
            case (_, .error): return b
            default: return .error(CELError.noOverload("_&&_", [a, b]))
            }
        case .or:
            let a = eval(l)
            if case .bool(true) = a { return a }
            let b = eval(r)
            if case .bool(true) = b { return b }
            switch (a, b) {
            case (.bool, .bool): return .bool(false)
            case (.error, _): return a
            case (_, .error): return b
            default: return .error(CELError.noOverload("_||_", [a, b]))
            }
        default:
            let a = eval(l)
            if a.isError { return a }
            let b = eval(r)
            if b.isError { return b }
            return Operators.binary(op, a, b)
        }
    }

    @inline(never)
    mutating func evalConditional(_ c: Expr, _ t: Expr, _ f: Expr) -> Value {
        let cond = eval(c)
        switch cond {
        case .bool(true): return eval(t)
        case .bool(false): return eval(f)
        case .error: return cond
        default: return .error(CELError.noOverload("_?_:_", [cond]))
        }
    }

    @inline(never)
    mutating func evalList(_ elems: [Expr]) -> Value {
        var out: [Value] = []
        out.reserveCapacity(elems.count)
        for el in elems {
            let v = eval(el)
            if v.isError { return v }
            out.append(v)
        }
        return .list(ListValue(out))
    }

    @inline(never)
    mutating func evalMap(_ entries: [MapEntryExpr]) -> Value {
        var d = OrderedDictionary<MapKey, Value>(minimumCapacity: entries.count)
        for entry in entries {
            let k = eval(entry.key)
            if k.isError { return k }
            let v = eval(entry.value)
            if v.isError { return v }
            guard let key = MapKey(k) else {
                return .error(CELError("unsupported map key type '\(k.celType)'", offset: entry.key.offset, length: entry.key.length))
            }
            if d[key] != nil {
                return .error(CELError("Failed with repeated key \(key)", offset: entry.key.offset, length: entry.key.length))
            }
            d[key] = v
        }
        return .map(MapValue(d))
    }

    func selectField(_ base: Value, _ field: String) -> Value {
        switch base {
        case .error: return base
        case .map(let m):
            if let v = m[field] { return v }
            return .error("no such key: '\(field)'")
        case .opaque(let o):
            if let v = o.field(field) { return v }
            return .error("no such field '\(field)' in '\(o.celType)'")
        default:
            return .error("type '\(base.celType)' does not support field selection")
        }
    }

    @inline(never)
    mutating func evalCall(target: Expr?, function: String, args: [Expr]) -> Value {
        var values: [Value] = []
        values.reserveCapacity(args.count + 1)
        var impl: FunctionTable.Implementation?
        if let target {
            // `ns.fn(x)` where `ns.fn` is a registered global function name.
            if functions.hasQualifiedNames, let q = EvalRun.qualifiedName(target), let f = functions.lookup(q + "." + function, style: .global, arity: args.count),
               let root = EvalRun.rootIdent(target), lookupLocal(root) == nil, activation.value(of: root) == nil {
                impl = f
            } else {
                let t = eval(target)
                if t.isError { return t }
                values.append(t)
                impl = functions.lookup(function, style: .receiver, arity: args.count)
            }
        } else {
            impl = functions.lookup(function, style: .global, arity: args.count)
        }
        for a in args {
            let v = eval(a)
            if v.isError { return v }
            values.append(v)
        }
        guard let impl else {
            if functions.contains(function) {
                return .error(CELError.noOverload(function, values))
            }
            return .error("unbound function '\(function)'")
        }
        var size = 0
        for v in values {
            switch v {
            case .list(let l): size += l.count
            case .map(let m): size += m.count
            case .string(let s): size += s.utf8.count / 32
            case .bytes(let b): size += b.count / 32
            default: break
            }
        }
        if size > 0, charge(size) { return EvalRun.budgetError }
        return impl(values)
    }

    /// Binds comprehension variables while `body` runs (names and values in parallel arrays, so
    /// that looking a name up compares strings without copying values).
    mutating func withLocals(_ name: String, _ value: Value, _ name2: String?, _ value2: Value?,
                             _ body: (inout EvalRun) -> Value) -> Value {
        localNames.append(name)
        localValues.append(value)
        var pushed = 1
        if let name2, let value2 {
            localNames.append(name2)
            localValues.append(value2)
            pushed = 2
        }
        let v = body(&self)
        localNames.removeLast(pushed)
        localValues.removeLast(pushed)
        return v
    }

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
        /// for maps), the second variable's value, and the origin of the element.
        func item(_ i: Int, twoVariables: Bool) -> (first: Value, second: Value?, origin: Origin?) {
            switch self {
            case .list(let l):
                return twoVariables ? (.int(Int64(i)), l[i], l.origin(at: i)) : (l[i], nil, l.origin(at: i))
            case .map(let m, let entries):
                let k = entries.keys[i]
                return (k.value, entries.values[i], m.origin(forKey: k))
            }
        }
    }

    /// The outcome of one step of `map`/`filter`-like macros.
    private enum Step {
        case skip
        case keep(Value)
        case failure(Value)
    }

    @inline(never)
    mutating func evalComprehension(_ c: Comprehension) -> Value {
        let rangeValue = eval(c.range)
        let range: IterationRange
        switch rangeValue {
        case .error:
            return rangeValue
        case .list(let l):
            range = .list(l)
        case .map(let m):
            range = .map(m, m.entries)
        default:
            return .error(CELError("\(c.kind.rawValue)() expects a list or a map, got '\(rangeValue.celType)'"))
        }
        let count = range.count
        let twoVariables = c.variable2 != nil
        let v1 = c.variable
        let v2 = c.variable2

        /// Runs `p` with the variables bound to item `i`.
        func predicate(_ run: inout EvalRun, _ i: Int, _ p: Expr?, default d: Bool) -> Value {
            let it = range.item(i, twoVariables: twoVariables)
            guard let p else { return .bool(d) }
            return run.withLocals(v1, it.first, v2, it.second) { $0.eval(p) }
        }

        switch c.kind {
        case .all, .exists:
            let decisive = c.kind == .exists
            var firstError: Value?
            for i in 0..<count {
                if state.exceeded { return EvalRun.budgetError }
                let r = predicate(&self, i, c.predicate, default: true)
                switch r {
                case .bool(let x):
                    if x == decisive { return .bool(decisive) }
                case .error:
                    if firstError == nil { firstError = r }
                default:
                    if firstError == nil { firstError = .error(CELError.noOverload(c.kind.rawValue, [r])) }
                }
            }
            return firstError ?? .bool(!decisive)
        case .existsOne:
            var n = 0
            for i in 0..<count {
                if state.exceeded { return EvalRun.budgetError }
                let r = predicate(&self, i, c.predicate, default: false)
                switch r {
                case .bool(let x): if x { n += 1 }
                case .error: return r
                default: return .error(CELError.noOverload(c.kind.rawValue, [r]))
                }
            }
            return .bool(n == 1)
        case .filter, .map, .transformList, .transformMap:
            var out: [Value] = []
            out.reserveCapacity(count)
            var origins: [Origin?] = []
            var anyOrigin = false
            var d = OrderedDictionary<MapKey, Value>()
            for i in 0..<count {
                if state.exceeded { return EvalRun.budgetError }
                let it = range.item(i, twoVariables: twoVariables)
                let step: Step = withLocalsStep(v1, it.first, v2, it.second) { run in
                    if let p = c.predicate {
                        let keep = run.eval(p)
                        switch keep {
                        case .bool(false): return .skip
                        case .bool(true): break
                        case .error: return .failure(keep)
                        default: return .failure(.error(CELError.noOverload(c.kind.rawValue, [keep])))
                        }
                    }
                    guard let t = c.transform else { return .keep(it.first) }
                    let v = run.eval(t)
                    return v.isError ? .failure(v) : .keep(v)
                }
                switch step {
                case .failure(let e):
                    return e
                case .skip:
                    continue
                case .keep(let v):
                    if c.kind == .transformMap {
                        guard let k = MapKey(it.first) else { return .error("unsupported map key type '\(it.first.celType)'") }
                        d[k] = v
                    } else {
                        out.append(v)
                        if c.kind == .filter {
                            origins.append(it.origin)
                            if it.origin != nil { anyOrigin = true }
                        }
                    }
                }
            }
            if c.kind == .transformMap { return .map(MapValue(d)) }
            return .list(anyOrigin ? ListValue(out, origins: origins) : ListValue(out))
        }
    }

    private mutating func withLocalsStep(_ name: String, _ value: Value, _ name2: String?, _ value2: Value?,
                                         _ body: (inout EvalRun) -> Step) -> Step {
        localNames.append(name)
        localValues.append(value)
        var pushed = 1
        if let name2, let value2 {
            localNames.append(name2)
            localValues.append(value2)
            pushed = 2
        }
        let v = body(&self)
        localNames.removeLast(pushed)
        localValues.removeLast(pushed)
        return v
    }
}
