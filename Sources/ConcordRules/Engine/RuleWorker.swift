import ConcordCEL
import ConcordDiagnostics
import ConcordYAML

/// One rule as one core checks it: its own compilation of the rule's expressions (compiled code
/// holds reference-counted constants, which cores then do not share), and the compiled nodes
/// that blame and the message evaluate for each violation. Used by one thread only.
final class RuleWorker {
    let run: RuleRun
    private let rule: Rule
    private let evaluator: Evaluator
    private let table: DataValues
    private let kind: RuleRun.Kind
    /// `when`, compiled once for all matches.
    private let when: CompiledExpression?
    /// The `assert`, `unique` or `references` key expression, compiled once for all matches.
    private let checked: CompiledExpression
    /// Nodes of the checked expression and of `at:` that blame evaluates.
    private let checkedNodes: CompiledNodes
    private let atNodes: CompiledNodes
    /// The message's placeholders, compiled.
    private let message: CompiledTemplate?

    typealias Message = RuleEngine.Message

    init(_ run: RuleRun) {
        self.run = run
        rule = run.rule
        table = run.table
        kind = run.kind
        let evaluator = run.evaluator
        self.evaluator = evaluator
        when = rule.when.map { evaluator.compile($0.root) }
        checked = evaluator.compile(run.checkedExpression.root)
        checkedNodes = CompiledNodes(evaluator: evaluator)
        atNodes = CompiledNodes(evaluator: evaluator)
        message = rule.message.map { CompiledTemplate($0, evaluator: evaluator) }
    }

    func check(_ match: SelectorMatch, _ context: inout EvaluationContext, into diagnostics: inout [Diagnostic]) {
        guard applies(match, &context, into: &diagnostics) else { return }
        switch kind {
        case .assert:
            let result = evaluator.evaluate(checked, in: &context)
            switch result {
            case .bool(true):
                return
            case .bool(false):
                report(match: match, activation: context.activation, into: &diagnostics)
            case .error(let e):
                diagnostics.append(diagnostic(Message.cannotEvaluate("assert", e.message), at: match.node))
            default:
                diagnostics.append(diagnostic(Message.notBool("assert", result.celType.description), at: match.node))
            }
        case .unique:
            _ = uniqueKey(match, &context, into: &diagnostics)
        case .references(let target):
            let key = evaluator.evaluate(checked, in: &context)
            let activation = context.activation
            var keys: [(Value, Origin?)] = []
            switch key {
            case .error(let e):
                diagnostics.append(diagnostic(Message.cannotEvaluate("key", e.message), at: match.node))
                return
            case .list(let l):
                for i in 0..<l.count where !run.known.contains(ValueKey(l[i])) { keys.append((l[i], l.origin(at: i))) }
            default:
                if run.known.contains(ValueKey(key)) { return }
                keys.append((key, blame(checkedNodes).locate(checked.expr, activation)))
            }
            for (k, origin) in keys {
                var suggestion: String? = nil
                if case .string(let s) = k {
                    suggestion = Suggestions.closest(to: s, among: run.names).map { "`\($0)`" }
                }
                let keyActivation = activation.binding("key", to: k)
                let text = message.map { $0.render(in: keyActivation) }
                    ?? Message.missingReference(MessageRenderer.quoted(k), "`\(target.source)`", suggestion: suggestion)
                let node = explicitNode(activation) ?? origin.flatMap(table.node(for:)) ?? match.node
                var d = diagnostic(text, at: node)
                d.fixes = run.fixes(keyActivation)
                diagnostics.append(d)
            }
        }
    }

    /// The key of a match for a `unique` rule (nil when the rule does not apply or the key
    /// cannot be evaluated, which is reported).
    func uniqueKey(_ match: SelectorMatch, _ context: inout EvaluationContext, into diagnostics: inout [Diagnostic]) -> UniqueKey? {
        guard applies(match, &context, into: &diagnostics) else { return nil }
        let key = evaluator.evaluate(checked, in: &context)
        if case .error(let e) = key {
            diagnostics.append(diagnostic(Message.cannotEvaluate("unique", e.message), at: match.node))
            return nil
        }
        return UniqueKey(key: ValueKey(key), value: key)
    }

    /// A duplicate `unique` key: reported at its key (or `at:`), with the first occurrence as
    /// related location.
    func duplicate(_ key: UniqueKey, of match: SelectorMatch, first: SelectorMatch, base: Activation) -> Diagnostic {
        let activation = RuleEngine.activation(for: match, base: base, table: table)
        let firstActivation = RuleEngine.activation(for: first, base: base, table: table)
        let keyActivation = activation.binding("key", to: key.value)
        let text = message.map { $0.render(in: keyActivation) } ?? Message.duplicate(MessageRenderer.quoted(key.value))
        var d = diagnostic(text, at: keyNode(match, activation))
        d.related.append(RelatedLocation(location: keyNode(first, firstActivation).location, message: Message.firstOccurrence))
        d.fixes = run.fixes(keyActivation)
        return d
    }

    /// Where a `unique` key is: `at:`, else the node the key expression names, else the match.
    private func keyNode(_ match: SelectorMatch, _ activation: Activation) -> YAMLNode {
        explicitNode(activation) ?? blame(checkedNodes).locate(checked.expr, activation).flatMap(table.node(for:)) ?? match.node
    }

    /// Applies `when`: whether the rule applies to this match.
    private func applies(_ match: SelectorMatch, _ context: inout EvaluationContext, into diagnostics: inout [Diagnostic]) -> Bool {
        guard let when else { return true }
        switch evaluator.evaluate(when, in: &context) {
        case .bool(true):
            return true
        case .bool(false):
            return false
        case .error(let e):
            diagnostics.append(diagnostic(Message.cannotEvaluate("when", e.message), at: match.node))
            return false
        case let other:
            diagnostics.append(diagnostic(Message.notBool("when", other.celType.description), at: match.node))
            return false
        }
    }

    private func report(match: SelectorMatch, activation: Activation, into diagnostics: inout [Diagnostic]) {
        var sites: [BlameSite]
        if let at = rule.at {
            sites = [BlameSite(origin: blame(atNodes).locate(at.root, activation), activation: activation)]
        } else {
            sites = blame(checkedNodes).sites(of: checked.expr, in: activation)
        }
        if sites.isEmpty { sites = [BlameSite(origin: nil, activation: activation)] }
        for site in sites {
            let node = site.origin.flatMap(table.node(for:)) ?? match.node
            let text = message.map { $0.render(in: site.activation) } ?? Message.assertFalse(rule)
            var d = diagnostic(text, at: node)
            d.fixes = run.fixes(site.activation)
            for related in site.related {
                if let relatedNode = table.node(for: related.origin) {
                    d.related.append(RelatedLocation(location: relatedNode.location, message: related.expression))
                }
            }
            diagnostics.append(d)
        }
    }

    /// The node `at:` names, when the rule has one and it names a node.
    private func explicitNode(_ activation: Activation) -> YAMLNode? {
        guard let at = rule.at else { return nil }
        return blame(atNodes).locate(at.root, activation).flatMap(table.node(for:))
    }

    private func blame(_ nodes: CompiledNodes) -> Blame {
        Blame(nodes: nodes, contains: table.contains)
    }

    private func diagnostic(_ message: String, at node: YAMLNode) -> Diagnostic {
        Diagnostic(ruleID: rule.id, severity: rule.severity, message: message, location: node.location, help: rule.help)
    }
}
