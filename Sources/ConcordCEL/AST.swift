/// A node of the abstract syntax tree of an expression.
///
/// Every node records where it came from: `offset` and `length` count Unicode scalars from the
/// start of the expression source. `id` is unique within one parsed `Expression` (assigned in
/// parse order), so an embedder can key side tables by node.
///
/// Walk the tree with `kind` and `children`; evaluate any node with `Evaluator.evaluate(_:_:)`.
public struct Expr: Sendable, CustomStringConvertible {
    /// Unique id of this node within its expression.
    public let id: Int
    /// 0-based offset of the node's first Unicode scalar in the source.
    public let offset: Int
    /// Number of Unicode scalars the node spans in the source.
    public let length: Int
    /// What the node is.
    public let kind: ExprKind
    /// Height of the subtree (a leaf has height 1); used to bound recursion.
    let height: Int

    init(id: Int, offset: Int, length: Int, kind: ExprKind, height: Int) {
        self.id = id
        self.offset = offset
        self.length = length
        self.kind = kind
        self.height = height
    }

    /// The direct sub-expressions of this node, in source order.
    public var children: [Expr] {
        switch kind {
        case .literal, .ident: return []
        case .unary(_, let e): return [e]
        case .binary(_, let l, let r): return [l, r]
        case .conditional(let c, let t, let f): return [c, t, f]
        case .select(let e, _): return [e]
        case .index(let e, let i): return [e, i]
        case .call(let target, _, let args): return (target.map { [$0] } ?? []) + args
        case .list(let elems): return elems
        case .map(let entries): return entries.flatMap { [$0.key, $0.value] }
        case .has(let e, _): return [e]
        case .comprehension(let c):
            return [c.range] + (c.predicate.map { [$0] } ?? []) + (c.transform.map { [$0] } ?? [])
        }
    }

    /// A canonical rendering of the expression (for messages and debugging).
    public var description: String { ExprPrinter.render(self) }
}

/// The kinds of expression nodes.
public indirect enum ExprKind: Sendable {
    /// A literal constant: int, uint, double, string, bytes, bool or null.
    case literal(Value)
    /// An identifier (a variable or a type name such as `int`).
    case ident(String)
    /// `!e` or `-e`.
    case unary(UnaryOperator, Expr)
    /// `a op b`, including `&&`, `||`, comparisons, `in` and arithmetic.
    case binary(BinaryOperator, Expr, Expr)
    /// `c ? t : f`.
    case conditional(Expr, Expr, Expr)
    /// Field selection `e.f` (also ``e.`quoted-f` ``).
    case select(Expr, field: String)
    /// Indexing `e[i]`.
    case index(Expr, Expr)
    /// A function call: global `f(args)` (target `nil`) or receiver-style `target.f(args)`.
    case call(target: Expr?, function: String, args: [Expr])
    /// A list literal `[a, b]`.
    case list([Expr])
    /// A map literal `{k: v, ...}`.
    case map([MapEntryExpr])
    /// The `has(e.f)` macro: tests presence of field `f` in `e`.
    case has(Expr, field: String)
    /// One of the comprehension macros (`all`, `exists`, `exists_one`, `map`, `filter`, ...).
    case comprehension(Comprehension)
}

/// One `key: value` entry of a map literal.
public struct MapEntryExpr: Sendable {
    public let key: Expr
    public let value: Expr
}

/// Unary operators.
public enum UnaryOperator: String, Sendable {
    case not = "!"
    case negate = "-"
}

/// Binary operators, by their source spelling.
public enum BinaryOperator: String, Sendable, CaseIterable {
    case or = "||"
    case and = "&&"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case `in` = "in"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"

    /// The CEL overload name, e.g. `_+_`.
    public var functionName: String {
        switch self {
        case .or: return "_||_"
        case .and: return "_&&_"
        case .in: return "@in"
        default: return "_\(rawValue)_"
        }
    }

    /// The operator with its operands swapped (`a < b` is `b > a`); itself for the others.
    public var mirrored: BinaryOperator {
        switch self {
        case .less: return .greater
        case .lessEqual: return .greaterEqual
        case .greater: return .less
        case .greaterEqual: return .lessEqual
        default: return self
        }
    }

    var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in: return 3
        case .add, .subtract: return 4
        case .multiply, .divide, .modulo: return 5
        }
    }
}

/// The comprehension macros, kept as such (not lowered) so that a blame step knows which one it was.
public enum MacroKind: String, Sendable {
    /// `e.all(x, p)` / `e.all(i, v, p)`
    case all
    /// `e.exists(x, p)` / `e.exists(i, v, p)`
    case exists
    /// `e.exists_one(x, p)` / `e.existsOne(i, v, p)`
    case existsOne = "exists_one"
    /// `e.map(x, t)` / `e.map(x, p, t)`
    case map
    /// `e.filter(x, p)`
    case filter
    /// `e.transformList(i, v, t)` / `e.transformList(i, v, p, t)`
    case transformList
    /// `e.transformMap(k, v, t)` / `e.transformMap(k, v, p, t)`
    case transformMap
    /// `e.transformMapEntry(k, v, m)` / `e.transformMapEntry(k, v, p, m)`: `m` is a map whose
    /// entries join the result.
    case transformMapEntry
    /// `cel.bind(x, v, e)`: `range` is `v`, `variable` is `x`, `transform` is `e`.
    case bind
    /// `o.optMap(x, e)`: `optional.of(e)` with `x` bound to the value of `o`, or `optional.none()`.
    case optMap
    /// `o.optFlatMap(x, e)`: `e` (an optional) with `x` bound to the value of `o`, or `optional.none()`.
    case optFlatMap
}

/// A comprehension macro call.
///
/// Over a list, `variable` is bound to each element (or, with two variables, `variable` to the
/// index and `variable2` to the element). Over a map, `variable` is bound to each key (and
/// `variable2` to its value).
public struct Comprehension: Sendable {
    public let kind: MacroKind
    /// The receiver: the list or map iterated over.
    public let range: Expr
    public let variable: String
    public let variable2: String?
    /// The predicate of `all`, `exists`, `exists_one`, `filter`, and the optional filter of `map`.
    public let predicate: Expr?
    /// The transform of `map`, `transformList`, `transformMap`.
    public let transform: Expr?
}
