import ConcordCEL
import ConcordYAML

/// One rule prepared for a run over the dataset: what the cores share while they check it
/// (the rule, and for `references` the index of the values its target selector yields).
/// Immutable; each core checks the rule through its own `worker()`.
final class RuleRun: Sendable {
    let rule: Rule
    let evaluator: Evaluator
    let table: DataValues
    /// What the rule checks (read once per match, without copying the rule's expressions).
    let kind: Kind
    /// `references`: the values the target selector yields.
    let known: Set<ValueKey>
    /// `references`: the first string values among them, for suggestions.
    let names: [String]

    enum Kind: Sendable { case assert, unique, references(Selector) }

    init(rule: Rule, evaluator: Evaluator, table: DataValues, dataset: Dataset) {
        self.rule = rule
        self.evaluator = evaluator
        self.table = table
        var known: Set<ValueKey> = []
        var names: [String] = []
        switch rule.check {
        case .assert: kind = .assert
        case .unique: kind = .unique
        case .references(let target, _):
            kind = .references(target)
            for targetMatch in target.matches(in: dataset) {
                let v = table.value(of: targetMatch.node)
                known.insert(ValueKey(v))
                if case .string(let s) = v, names.count < 5000 { names.append(s) }
            }
        }
        self.known = known
        self.names = names
    }

    /// The expression checked for each match: `assert`, `unique`, or the `references` key.
    var checkedExpression: RuleExpression { rule.check.expression }

    /// A `unique` rule compares keys across matches (`UniqueKeyComparison`); the other rules
    /// check each match on its own.
    var isUnique: Bool {
        if case .unique = kind { return true }
        return false
    }

    /// The rule compiled for one core.
    func worker() -> RuleWorker { RuleWorker(self) }

    /// Blame for an expression evaluated once (each call compiles the nodes it evaluates).
    func makeBlame() -> Blame {
        Blame(nodes: CompiledNodes(evaluator: evaluator), contains: table.contains)
    }
}
