import ConcordCEL

/// The nodes of one expression that blame and messages evaluate on their own (the false
/// conjunct, each element of a failing `all()`, a message placeholder), each compiled the first
/// time it is evaluated and reused for every later violation (keyed by node id, which is unique
/// within an expression). Not shared between threads: each core's `RuleWorker` has its own.
final class CompiledNodes {
    let evaluator: Evaluator
    private var compiled: [Int: CompiledExpression] = [:]

    init(evaluator: Evaluator) {
        self.evaluator = evaluator
    }

    /// The value of `expr`, a node of this table's expression, in `activation`.
    func evaluate(_ expr: Expr, _ activation: Activation) -> Value {
        evaluator.evaluate(code(for: expr), activation)
    }

    private func code(for expr: Expr) -> CompiledExpression {
        if let code = compiled[expr.id] { return code }
        let code = evaluator.compile(expr)
        compiled[expr.id] = code
        return code
    }
}
