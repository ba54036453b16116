/// Evaluates syntax trees with CEL semantics.
///
/// Errors are values (`Value.error`), so `&&`, `||` and `?:` can absorb them as CEL requires.
/// Every evaluation step costs one unit (calls also cost the size of their list, map and string
/// arguments); when the budget `costLimit` is exceeded the result is the error
/// "cost budget exceeded", which nothing can absorb.
///
/// An expression evaluated many times (a rule, once per record) should be compiled once with
/// `compile(_:)` and the `CompiledExpression` evaluated; `evaluate(_ expr: Expr, _:)` compiles
/// on every call.
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

    /// Compiles `expr` (any node of a parsed expression) for repeated evaluation with this
    /// evaluator's functions, which are resolved now.
    public func compile(_ expr: Expr) -> CompiledExpression {
        CompiledExpression(expr, functions: functions)
    }

    /// Evaluates `expr` (any node of a parsed expression) in `activation`.
    public func evaluate(_ expr: Expr, _ activation: Activation) -> Value {
        evaluateWithCost(expr, activation).value
    }

    /// Evaluates the root of `expression` in `activation`.
    public func evaluate(_ expression: Expression, _ activation: Activation) -> Value {
        evaluate(expression.root, activation)
    }

    /// Evaluates a compiled expression in `activation` (with this evaluator's cost budget; the
    /// functions are those of the evaluator that compiled it).
    public func evaluate(_ compiled: CompiledExpression, _ activation: Activation) -> Value {
        evaluateWithCost(compiled, activation).value
    }

    /// Evaluates and also reports the cost spent.
    public func evaluateWithCost(_ expr: Expr, _ activation: Activation) -> (value: Value, cost: Int) {
        evaluateWithCost(compile(expr), activation)
    }

    /// Evaluates a compiled expression and also reports the cost spent.
    public func evaluateWithCost(_ compiled: CompiledExpression, _ activation: Activation) -> (value: Value, cost: Int) {
        var context = EvaluationContext(activation)
        let v = evaluate(compiled, in: &context)
        return (v, context.frame.cost)
    }

    /// Evaluates a compiled expression in a context's activation (each call has its own cost
    /// budget). Several expressions evaluated in the same activation share one context, which
    /// is then neither copied nor rebuilt for each of them.
    public func evaluate(_ compiled: CompiledExpression, in context: inout EvaluationContext) -> Value {
        context.frame.start(slots: compiled.slotCount, limit: costLimit)
        let v = compiled.code(&context.frame)
        if context.frame.exceeded {
            return .error(CELError("cost budget exceeded (limit \(costLimit))", offset: compiled.expr.offset, length: compiled.expr.length))
        }
        return v
    }
}

/// An activation with the scratch space its evaluations need, reused across the evaluations of
/// several compiled expressions (see `Evaluator.evaluate(_:in:)`).
public struct EvaluationContext {
    var frame: EvalFrame

    public init(_ activation: Activation) {
        frame = EvalFrame(activation: activation, slots: 0, limit: 0)
    }

    /// The variables of the evaluations.
    public var activation: Activation { frame.activation }

    /// Binds (or rebinds) a variable for the next evaluations, in place.
    public mutating func bind(_ name: String, to value: Value, origin: Origin? = nil) {
        frame.activation.bind(name, to: value, origin: origin)
        frame.fields.removeAll()
    }
}

extension Value {
    /// `true` only for `.bool(true)`.
    public var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }
}

/// The state of one evaluation of compiled code: the activation, the comprehension-variable
/// slots and the cost counter.
struct EvalFrame {
    var activation: Activation
    /// Comprehension variables, by the slot the compiler gave them.
    var locals: [Value]
    private(set) var cost = 0
    private(set) var limit: Int
    private(set) var exceeded = false
    /// Fields of activation variables read so far (emptied when a variable is bound).
    var fields = FieldCache()

    init(activation: Activation, slots: Int, limit: Int) {
        self.activation = activation
        self.locals = Array(repeating: .null, count: slots)
        self.limit = limit
    }

    /// Argument arrays of finished calls, kept for the next calls (nested calls each take one),
    /// so that a call does not allocate its argument array.
    private var argumentBuffers: [[Value]] = []

    mutating func takeArgumentBuffer() -> [Value] {
        if let buffer = argumentBuffers.popLast() { return buffer }
        var buffer: [Value] = []
        buffer.reserveCapacity(4)
        return buffer
    }

    mutating func returnArgumentBuffer(_ buffer: inout [Value]) {
        buffer.removeAll(keepingCapacity: true)
        if argumentBuffers.count < 16 { argumentBuffers.append(buffer) }
        buffer = []
    }

    /// Prepares the frame for a new evaluation: a fresh budget and at least `slots` slots.
    mutating func start(slots: Int, limit: Int) {
        cost = 0
        exceeded = false
        self.limit = limit
        if locals.count < slots { locals = Array(repeating: .null, count: slots) }
    }

    /// What a node returns once the budget is exceeded (the caller reports the budget error).
    static var budgetError: Value { .error(CELError("cost budget exceeded")) }

    /// Spends `n` units; `true` once the budget is exceeded.
    @inline(__always)
    mutating func charge(_ n: Int) -> Bool {
        cost += n
        if cost > limit { exceeded = true }
        return exceeded
    }
}

/// Gives an error without a position the position of the node that produced it.
///
/// Compiled nodes apply it to the values they make (operator and function results, variable
/// values); errors coming from child nodes already carry the child's position.
@inline(__always)
func located(_ v: __owned Value, _ offset: Int, _ length: Int) -> Value {
    // The test without a binding keeps the common path free of copies.
    guard v.isError else { return v }
    if case .error(let err) = v, err.offset == nil {
        return .error(err.at(offset: offset, length: length))
    }
    return v
}

extension Operators {
    /// Field selection `base.field` on a map or an opaque value.
    static func selectField(_ base: Value, _ field: String) -> Value {
        switch base {
        case .error: return base
        case .map(let m):
            if let v = m[field] { return v }
            return .error("no such key: '\(field)'")
        case .opaque(let o):
            if let v = o.field(field) { return v }
            // A field of an optional is an optional (`optional.of(m).f` is `optional.of(m).?f`).
            if o is OptionalValue { return optionalSelect(base, field) }
            return .error("no such field '\(field)' in '\(o.celType)'")
        default:
            return .error("type '\(base.celType)' does not support field selection")
        }
    }
}

extension Expr {
    /// The dotted name of a select chain rooted at an identifier (`a.b.c`), if it is one.
    var qualifiedName: String? {
        switch kind {
        case .ident(let n): return n
        case .select(let operand, let f):
            guard let base = operand.qualifiedName else { return nil }
            return base + "." + f
        default: return nil
        }
    }

    /// The identifier at the root of a select chain (`a` in `a.b.c`), if it is one.
    var rootIdent: String? {
        switch kind {
        case .ident(let n): return n
        case .select(let operand, _): return operand.rootIdent
        default: return nil
        }
    }
}
