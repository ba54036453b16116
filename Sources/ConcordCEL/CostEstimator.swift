/// Estimates the worst-case cost of evaluating an expression before any data is seen, in the
/// units the evaluator charges (see `Evaluator`): one per node, plus, for a call, the length of
/// its list and map arguments and a 32nd of the length of its string and bytes arguments; a
/// macro's predicate and transform once per element.
///
/// As Kubernetes' CEL cost estimator does, it works from the sizes it can see: literals have
/// their own size, variables the size given in `variableSizes`, and every other list, map or
/// string (a field of the data, a function's result) the configurable `unknownSize`. The
/// estimate is an upper bound of the cost of any evaluation whose collections and strings are
/// no larger than that.
///
/// ```swift
/// let estimate = CostEstimator(unknownSize: 1_000).estimate(expression.root)
/// if estimate > budget { ... }
/// ```
public struct CostEstimator: Sendable {
    /// The size assumed for a list, map or string whose size is not known.
    public var unknownSize: Int
    /// Known sizes of variables (a list's length, a string's length).
    public var variableSizes: [String: Int]

    public static let defaultUnknownSize = 100

    public init(unknownSize: Int = CostEstimator.defaultUnknownSize, variableSizes: [String: Int] = [:]) {
        self.unknownSize = max(0, unknownSize)
        self.variableSizes = variableSizes
    }

    /// The worst-case cost of evaluating `expr` (saturating at `Int.max`).
    public func estimate(_ expr: Expr) -> Int {
        var scope: [(name: String, size: Int)] = []
        return walk(expr, &scope).cost
    }

    /// A node's worst-case cost and the largest size of its value (a list's or map's length, a
    /// string's length; 0 for scalars when known).
    private struct Estimate {
        var cost: Int
        var size: Int
    }

    private func walk(_ e: Expr, _ scope: inout [(name: String, size: Int)]) -> Estimate {
        switch e.kind {
        case .literal(let v):
            return Estimate(cost: 1, size: Self.size(of: v))
        case .ident(let name):
            let size = scope.last(where: { $0.name == name })?.size ?? variableSizes[name] ?? unknownSize
            return Estimate(cost: 1, size: size)
        case .select(let operand, _), .has(let operand, _):
            return Estimate(cost: add(1, walk(operand, &scope).cost), size: unknownSize)
        case .index(let a, let b):
            return Estimate(cost: add(1, walk(a, &scope).cost, walk(b, &scope).cost), size: unknownSize)
        case .unary(_, let operand):
            return Estimate(cost: add(1, walk(operand, &scope).cost), size: 0)
        case .binary(let op, let l, let r):
            let a = walk(l, &scope), b = walk(r, &scope)
            return Estimate(cost: add(1, a.cost, b.cost), size: op == .add ? add(a.size, b.size) : 0)
        case .conditional(let c, let t, let f):
            let x = walk(t, &scope), y = walk(f, &scope)
            return Estimate(cost: add(1, walk(c, &scope).cost, max(x.cost, y.cost)), size: max(x.size, y.size))
        case .list(let elements):
            return Estimate(cost: elements.reduce(1) { add($0, walk($1, &scope).cost) }, size: elements.count)
        case .map(let entries):
            let cost = entries.reduce(1) { add($0, walk($1.key, &scope).cost, walk($1.value, &scope).cost) }
            return Estimate(cost: cost, size: entries.count)
        case .call(let target, _, let args):
            var cost = 1
            var size = 0
            for operand in (target.map { [$0] } ?? []) + args {
                let o = walk(operand, &scope)
                // A call charges its arguments' sizes (strings by a 32nd), as the evaluator does.
                cost = add(cost, o.cost, o.size)
                size = max(size, o.size)
            }
            return Estimate(cost: cost, size: max(size, unknownSize))
        case .comprehension(let c):
            return comprehension(c, &scope)
        }
    }

    private func comprehension(_ c: Comprehension, _ scope: inout [(name: String, size: Int)]) -> Estimate {
        let range = walk(c.range, &scope)
        // The value bound by `cel.bind` has the size of its value; elements and optionals' values
        // have sizes that are not known.
        scope.append((c.variable, c.kind == .bind ? range.size : unknownSize))
        if let v2 = c.variable2 { scope.append((v2, unknownSize)) }
        defer { scope.removeLast(c.variable2 == nil ? 1 : 2) }
        let body = add(c.predicate.map { walk($0, &scope).cost } ?? 0, c.transform.map { walk($0, &scope).cost } ?? 0)
        switch c.kind {
        case .bind, .optMap, .optFlatMap:
            return Estimate(cost: add(1, range.cost, body), size: unknownSize)
        default:
            return Estimate(cost: add(1, range.cost, multiply(range.size, body)), size: range.size)
        }
    }

    private static func size(of v: Value) -> Int {
        switch v {
        case .string(let s): return s.utf8.count / 32
        case .bytes(let b): return b.count / 32
        case .list(let l): return l.count
        case .map(let m): return m.count
        default: return 0
        }
    }

    private func add(_ values: Int...) -> Int {
        values.reduce(0) { a, b in
            let (r, overflow) = a.addingReportingOverflow(b)
            return overflow ? .max : r
        }
    }

    private func multiply(_ a: Int, _ b: Int) -> Int {
        let (r, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : r
    }
}
