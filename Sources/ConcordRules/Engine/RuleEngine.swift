import Foundation
import ConcordCEL
import ConcordDiagnostics
import ConcordYAML

/// Runs a rule set over a merged dataset.
public struct RuleEngine: Sendable {
    public let rules: RuleSet
    public let evaluator: Evaluator

    public init(rules: RuleSet, functions: FunctionTable = .concord, costLimit: Int = 1_000_000) {
        self.rules = rules
        self.evaluator = Evaluator(functions: functions, costLimit: costLimit)
    }

    enum Message {
        static func assertFalse(_ rule: Rule) -> String {
            rule.description.isEmpty ? "`\(rule.check.expressionSource)` is not true" : rule.description
        }
        static func cannotEvaluate(_ field: String, _ error: String) -> String { "cannot evaluate `\(field)`: \(error)" }
        static func notBool(_ field: String, _ type: String) -> String { "`\(field)` must give a bool, not \(type)" }
        static func duplicate(_ key: String) -> String { "\(key) is not unique" }
        static let firstOccurrence = "first used here"
        static func missingReference(_ key: String, _ target: String, suggestion: String?) -> String {
            "\(key) is not one of \(target)" + (suggestion.map { "; did you mean \($0)?" } ?? "")
        }
        static func variableFailed(_ name: String, _ error: String) -> String { "variable `\(name)` cannot be evaluated: \(error)" }
    }

    /// Checks the dataset; returns the violations in rule order.
    public func check(_ dataset: Dataset) -> [Diagnostic] {
        let table = DataValues(files: dataset.files)
        // The values of the data are views of the table's storage (see `DataValues`).
        return withExtendedLifetime(table) { check(dataset, table) }
    }

    private func check(_ dataset: Dataset, _ table: DataValues) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let base = Self.sharedActivation(dataset: dataset, variables: rules.variables, table: table,
                                         evaluator: evaluator, into: &diagnostics)
        // Rules with the same selector share its matches and the binding of `self`. Transition
        // rules run only against a base revision (`TransitionChecker`).
        var groups: [(Selector, [RuleRun])] = []
        for rule in rules.rules where rule.transition == nil {
            let run = RuleRun(rule: rule, evaluator: evaluator, table: table, dataset: dataset)
            if let i = groups.firstIndex(where: { $0.0 == rule.selector }) {
                groups[i].1.append(run)
            } else {
                groups.append((rule.selector, [run]))
            }
        }
        let shared = base
        // The result in rule order: the evaluations of each selector's matches, then its
        // `unique` comparisons, then the shapes. The comparisons and the shapes depend on
        // nothing else, so they all run together at the end, on every core.
        var parts: [Part] = []
        var jobs: [@Sendable () -> [Diagnostic]] = []
        for (selector, runs) in groups {
            let matches = selector.matches(in: dataset)
            // Every rule reads only shared state while it evaluates, so the matches are checked
            // on every core; `unique` rules then compare the keys found, in match order.
            let uniques = runs.filter(\.isUnique)
            let chunks = Self.inChunks(matches.count) { range in
                // Each chunk evaluates its own compilation of the rules in its own copy of the
                // variables, so that cores share no reference count while they work.
                let checks = runs.filter { !$0.isUnique }.map { $0.forAnotherCore() }
                let keyed = uniques.map { $0.forAnotherCore() }
                var context = EvaluationContext(shared.isolatedCopy())
                var found: [Diagnostic] = []
                var keys = Array(repeating: [UniqueKey?](), count: keyed.count)
                for i in range {
                    let match = matches[i]
                    let (value, origin) = Self.selfValue(for: match, table: table)
                    context.bind("self", to: value, origin: origin)
                    for run in checks { run.check(match, &context, into: &found) }
                    for (u, run) in keyed.enumerated() { keys[u].append(run.uniqueKey(match, &context, into: &found)) }
                }
                return (found, keys)
            }
            parts.append(.done(chunks.flatMap(\.0)))
            for (u, run) in uniques.enumerated() {
                let keys = chunks.map { $0.1[u] }
                parts.append(.job(jobs.count))
                jobs.append {
                    var found: [Diagnostic] = []
                    run.expectKeys(matches.count)
                    var i = 0
                    for chunk in keys {
                        for key in chunk {
                            if let key { run.record(key, of: matches[i], base: shared, into: &found) }
                            i += 1
                        }
                    }
                    return found
                }
            }
        }
        for shape in rules.shapes {
            let matches = shape.selector.matches(in: dataset)
            for range in Self.chunkRanges(matches.count) {
                parts.append(.job(jobs.count))
                jobs.append {
                    let checker = ShapeChecker(shape: shape.isolatedCopy())
                    var found: [Diagnostic] = []
                    for i in range { checker.check(matches[i].node, into: &found) }
                    return found
                }
            }
        }
        let results = Self.concurrently(jobs)
        for part in parts {
            switch part {
            case .done(let found): diagnostics += found
            case .job(let index): diagnostics += results[index]
            }
        }
        return diagnostics
    }
}

extension RuleEngine {
    /// `dataset` and the rule files' `variables:`, evaluated once per run.
    static func sharedActivation(dataset: Dataset, variables: [RuleVariable], table: DataValues, evaluator: Evaluator,
                                 into diagnostics: inout [Diagnostic]) -> Activation {
        var base = Activation()
        base.bind("dataset", to: table.value(of: dataset))
        for variable in variables {
            let value = evaluator.evaluate(variable.expression.root, base)
            if case .error(let e) = value {
                diagnostics.append(Diagnostic(ruleID: RuleFileRules.celCheck.id, severity: .error,
                                              message: Message.variableFailed(variable.name, e.message),
                                              location: variable.expression.node.location))
            }
            base.bind(variable.name, to: value)
        }
        return base
    }

    static func activation(for match: SelectorMatch, base: Activation, table: DataValues) -> Activation {
        let (value, origin) = selfValue(for: match, table: table)
        return base.binding("self", to: value, origin: origin)
    }

    /// The value of `self` for a match, and its origin.
    static func selfValue(for match: SelectorMatch, table: DataValues) -> (Value, Origin?) {
        let value = match.merged.map { DataValues.value(of: $0, table: table) } ?? table.value(of: match.node)
        return (value, table.origin(of: match.node))
    }

    /// A part of the result: found already, or the result of a job.
    enum Part {
        case done([Diagnostic])
        case job(Int)
    }

    /// `0..<count` in chunks: one for small counts, else a few per core (so that a core that
    /// finishes early takes another chunk instead of waiting).
    static func chunkRanges(_ count: Int) -> [Range<Int>] {
        let cores = min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8)
        let chunks = count < 2_000 ? 1 : min(cores * 4, count / 1_000)
        let size = (count + chunks - 1) / chunks
        return (0..<chunks).map { k in min(k * size, count)..<min((k + 1) * size, count) }
    }

    /// Runs `work` over `0..<count` in chunks (see `chunkRanges`), and returns the chunks'
    /// results in order (so the output does not depend on the number of cores).
    static func inChunks<Result>(_ count: Int, _ work: @escaping @Sendable (Range<Int>) -> Result) -> [Result] {
        concurrently(chunkRanges(count).map { range in { work(range) } })
    }

    /// Runs independent jobs on every core; their results in job order.
    static func concurrently<Result>(_ jobs: [@Sendable () -> Result]) -> [Result] {
        guard jobs.count > 1 else { return jobs.map { $0() } }
        let results = ChunkResults<Result>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { k in
            results.store(jobs[k](), at: k)
        }
        return results.parts
    }
}

/// One slot per job; each job writes only its own slot, under a lock.
private final class ChunkResults<Part>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Part?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ part: Part, at index: Int) {
        lock.lock()
        slots[index] = part
        lock.unlock()
    }

    var parts: [Part] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

extension RuleCheck {
    var expressionSource: String {
        switch self {
        case .assert(let e), .unique(let e): return e.source
        case .references(_, let key): return key.source
        }
    }
}

/// One rule over the dataset: its state across matches (seen keys, the reference index).
final class RuleRun: @unchecked Sendable {
    let rule: Rule
    let evaluator: Evaluator
    let table: DataValues
    /// `when`, compiled once for all matches.
    private let when: CompiledExpression?
    /// The `assert`, `unique` or `references` key expression, compiled once for all matches.
    private let checked: CompiledExpression
    /// What the rule checks (read once per match, without copying the rule's expressions).
    private let kind: Kind
    private enum Kind { case assert, unique, references(Selector) }
    /// `unique`: the first match of each key (used by the serial pass only).
    private var seen: [ValueKey: SelectorMatch] = [:]
    private var known: Set<ValueKey> = []
    private var names: [String] = []

    typealias Message = RuleEngine.Message

    /// The same rule compiled again, for another core: it shares the reference index and no
    /// compiled code (whose constants are reference counted) with this one.
    func forAnotherCore() -> RuleRun { RuleRun(copying: self) }

    private init(copying other: RuleRun) {
        rule = other.rule
        evaluator = other.evaluator
        table = other.table
        when = other.rule.when.map { other.evaluator.compile($0.root) }
        checked = other.evaluator.compile(other.checked.expr)
        kind = other.kind
        known = other.known
        names = other.names
    }

    init(rule: Rule, evaluator: Evaluator, table: DataValues, dataset: Dataset) {
        self.rule = rule
        self.evaluator = evaluator
        self.table = table
        self.when = rule.when.map { evaluator.compile($0.root) }
        switch rule.check {
        case .assert(let e): self.checked = evaluator.compile(e.root); kind = .assert
        case .unique(let e): self.checked = evaluator.compile(e.root); kind = .unique
        case .references(let target, let e): self.checked = evaluator.compile(e.root); kind = .references(target)
        }
        if case .references(let target, _) = rule.check {
            for targetMatch in target.matches(in: dataset) {
                let v = table.value(of: targetMatch.node)
                known.insert(ValueKey(v))
                if case .string(let s) = v, names.count < 5000 { names.append(s) }
            }
        }
    }

    /// A `unique` rule compares keys across matches: `uniqueKey` evaluates a match's key (on
    /// any core), `record` compares it with the keys seen before (in match order, on one
    /// thread). The other rules check each match on its own with `check`. (`@unchecked
    /// Sendable`: the mutable `seen` state is only touched by `record`.)
    var isUnique: Bool {
        if case .unique = kind { return true }
        return false
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
                for i in 0..<l.count where !known.contains(ValueKey(l[i])) { keys.append((l[i], l.origin(at: i))) }
            default:
                if known.contains(ValueKey(key)) { return }
                keys.append((key, makeBlame().locate(checked.expr, activation)))
            }
            for (k, origin) in keys {
                var suggestion: String? = nil
                if case .string(let s) = k {
                    suggestion = Suggestions.closest(to: s, among: names).map { "`\($0)`" }
                }
                let keyActivation = activation.binding("key", to: k)
                let message = rule.message.map { MessageRenderer.render($0, evaluator: evaluator, activation: keyActivation) }
                    ?? Message.missingReference(MessageRenderer.quoted(k), "`\(target.source)`", suggestion: suggestion)
                let node = explicitNode(activation) ?? origin.flatMap(table.node(for:)) ?? match.node
                var d = diagnostic(message, at: node)
                d.fixes = fixes(keyActivation)
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

    /// Makes room for the keys of `count` matches.
    func expectKeys(_ count: Int) { seen.reserveCapacity(count) }

    /// Compares a match's key with the keys seen before; a duplicate is reported at its key
    /// (or `at:`), with the first occurrence as related location.
    func record(_ key: UniqueKey, of match: SelectorMatch, base: Activation, into diagnostics: inout [Diagnostic]) {
        guard let first = seen[key.key] else {
            seen[key.key] = match
            return
        }
        let activation = RuleEngine.activation(for: match, base: base, table: table)
        let firstActivation = RuleEngine.activation(for: first, base: base, table: table)
        let keyActivation = activation.binding("key", to: key.value)
        let message = rule.message.map { MessageRenderer.render($0, evaluator: evaluator, activation: keyActivation) }
            ?? Message.duplicate(MessageRenderer.quoted(key.value))
        var d = diagnostic(message, at: keyNode(match, activation))
        d.related.append(RelatedLocation(location: keyNode(first, firstActivation).location, message: Message.firstOccurrence))
        d.fixes = fixes(keyActivation)
        diagnostics.append(d)
    }

    /// Where a `unique` key is: `at:`, else the node the key expression names, else the match.
    private func keyNode(_ match: SelectorMatch, _ activation: Activation) -> YAMLNode {
        explicitNode(activation) ?? makeBlame().locate(checked.expr, activation).flatMap(table.node(for:)) ?? match.node
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
        let blame = makeBlame()
        var sites: [BlameSite]
        if let at = rule.at {
            sites = [BlameSite(origin: blame.locate(at.root, activation), activation: activation)]
        } else {
            sites = blame.sites(of: checked.expr, in: activation)
        }
        if sites.isEmpty { sites = [BlameSite(origin: nil, activation: activation)] }
        for site in sites {
            let node = site.origin.flatMap(table.node(for:)) ?? match.node
            let message = rule.message.map { MessageRenderer.render($0, evaluator: evaluator, activation: site.activation) }
                ?? Message.assertFalse(rule)
            var d = diagnostic(message, at: node)
            d.fixes = fixes(site.activation)
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
        return makeBlame().locate(at.root, activation).flatMap(table.node(for:))
    }

    func makeBlame() -> Blame {
        let table = self.table
        return Blame(evaluator: evaluator) { outer, inner in
            guard let a = table.node(for: outer), let b = table.node(for: inner), a.file === b.file else { return false }
            return a.byteRange.lowerBound <= b.byteRange.lowerBound && b.byteRange.upperBound <= a.byteRange.upperBound
        }
    }

    private func diagnostic(_ message: String, at node: YAMLNode) -> Diagnostic {
        Diagnostic(ruleID: rule.id, severity: rule.severity, message: message, location: node.location, help: rule.help)
    }
}

/// The key of one match of a `unique` rule: its identity and its value (for the message).
struct UniqueKey {
    let key: ValueKey
    let value: Value
}

/// A hashable identity for values in `unique` and `references`: numbers by value across types,
/// strings by their scalars, other values by their canonical text.
struct ValueKey: Hashable {
    let key: MapKey?
    let text: String?

    init(_ value: Value) {
        if let k = MapKey(value) {
            key = k
            text = nil
        } else if case .double(let d) = value, let i = Int64(exactly: d) {
            key = .int(i)
            text = nil
        } else {
            key = nil
            text = value.description
        }
    }
}

extension MessageRenderer {
    static func quoted(_ value: Value) -> String {
        if case .string(let s) = value { return "`\(s)`" }
        return "`\(display(value))`"
    }
}
