import ConcordCEL
import ConcordDiagnostics
import ConcordYAML

/// Runs a rule set over a merged dataset: evaluates the variables once, then each selector's
/// rules over its matches on every core (`RuleWorker`, one per chunk of matches), then the
/// `unique` comparisons and the shapes, which depend on nothing else and run together. The
/// result is in rule order whatever the number of cores (chunks are joined in match order).
///
/// Lifetime: the values of the data are views of a `DataValues` table's storage that hold it
/// unretained; no value read from the dataset leaves `check` (diagnostics carry text and
/// positions only).
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
        return withExtendedLifetime(table) { run(matchesIn: dataset, within: dataset, table, partial: false).diagnostics }
    }

    /// Checks only the matches that `part` holds (some files' records), with `dataset` and the
    /// variables bound from `whole`, which holds `part`'s files: how a live check re-checks the
    /// records of edited files. Each finding comes back under the file of the match it is
    /// about; `unique` rules are not compared but give their keys (`compareKeys`).
    func check(_ part: Dataset, within whole: Dataset) -> PartialFindings {
        let table = DataValues(files: whole.files)
        return withExtendedLifetime(table) { run(matchesIn: part, within: whole, table, partial: true) }
    }

    /// The core of both checks. `partial`: findings are attributed to their match's file and
    /// `unique` keys are returned instead of compared.
    private func run(matchesIn part: Dataset, within whole: Dataset, _ table: DataValues, partial: Bool) -> PartialFindings {
        var diagnostics: [Diagnostic] = []
        let base = Self.sharedActivation(dataset: whole, variables: rules.variables, table: table,
                                         evaluator: evaluator, into: &diagnostics)
        // Rules with the same selector share its matches and the binding of `self`. Transition
        // rules run only against a base revision (`TransitionChecker`).
        var groups: [(Selector, [RuleRun])] = []
        for rule in rules.rules where rule.transition == nil {
            let run = RuleRun(rule: rule, evaluator: evaluator, table: table, dataset: whole)
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
        var jobs: [@Sendable () -> Found] = []
        var keys: [(rule: String, keys: [KeyedMatch])] = []
        // Each selector's matches (the rules' and the shapes', each selector once), walked on
        // every core: the walks are independent of each other.
        var selectors: [Selector] = []
        for selector in groups.map(\.0) + rules.shapes.map(\.selector) where !selectors.contains(selector) {
            selectors.append(selector)
        }
        let walks = ChunkedWork.concurrently(selectors.map { selector in { @Sendable in selector.matches(in: part) } })
        let matchesOf = Dictionary(uniqueKeysWithValues: zip(selectors, walks))
        for (selector, runs) in groups {
            let matches = matchesOf[selector] ?? selector.matches(in: part)
            // Every rule reads only shared state while it evaluates, so the matches are checked
            // on every core; `unique` rules then compare the keys found, in match order.
            let uniques = runs.filter(\.isUnique)
            let bindsKey = runs.contains { $0.rule.mentionsSelfKey }
            let chunks = ChunkedWork.inChunks(matches.count) { range in
                // Each chunk evaluates its own compilation of the rules in its own copy of the
                // variables, so that cores share no reference count while they work.
                let checks = runs.filter { !$0.isUnique }.map { $0.worker() }
                let keyed = uniques.map { $0.worker() }
                var context = EvaluationContext(shared.isolatedCopy())
                var found = Found()
                var keys = Array(repeating: [UniqueKey?](), count: keyed.count)
                for i in range {
                    let match = matches[i]
                    let (value, origin) = Self.selfValue(for: match, table: table)
                    context.bind("self", to: value, origin: origin)
                    if bindsKey {
                        let (key, keyOrigin) = Self.selfKey(for: match, table: table)
                        context.bind(Self.selfKeyName, to: key, origin: keyOrigin)
                    }
                    let before = found.diagnostics.count
                    for worker in checks { worker.check(match, &context, into: &found.diagnostics) }
                    for (u, worker) in keyed.enumerated() { keys[u].append(worker.uniqueKey(match, &context, into: &found.diagnostics)) }
                    if partial { found.attribute(since: before, to: match) }
                }
                return ChunkFindings(found: found, keys: keys)
            }
            parts.append(.done(chunks.map(\.found)))
            for (u, run) in uniques.enumerated() {
                let chunkKeys = chunks.map { $0.keys[u] }
                if partial {
                    var keyed: [KeyedMatch] = []
                    var i = 0
                    for chunk in chunkKeys {
                        for key in chunk {
                            if let key { keyed.append(KeyedMatch(key: key.key, match: matches[i])) }
                            i += 1
                        }
                    }
                    keys.append((run.rule.id, keyed))
                    continue
                }
                parts.append(.job(jobs.count))
                jobs.append {
                    var comparison = UniqueKeyComparison(run.worker(), matches: matches, base: shared)
                    var i = 0
                    for chunk in chunkKeys {
                        for key in chunk {
                            if let key { comparison.record(key, of: i) }
                            i += 1
                        }
                    }
                    return Found(diagnostics: comparison.diagnostics)
                }
            }
        }
        for shape in rules.shapes {
            let matches = matchesOf[shape.selector] ?? shape.selector.matches(in: part)
            for range in ChunkedWork.chunkRanges(matches.count) {
                parts.append(.job(jobs.count))
                jobs.append {
                    let checker = ShapeChecker(shape: shape.isolatedCopy())
                    var found = Found()
                    for i in range {
                        let before = found.diagnostics.count
                        checker.check(matches[i].node, into: &found.diagnostics)
                        if partial { found.attribute(since: before, to: matches[i]) }
                    }
                    return found
                }
            }
        }
        let results = ChunkedWork.concurrently(jobs)
        // Every finding is copied once, into a list of the right size.
        let found: [Found] = parts.flatMap { part -> [Found] in
            switch part {
            case .done(let chunks): return chunks
            case .job(let index): return [results[index]]
            }
        }
        var all = Found(diagnostics: diagnostics)
        all.diagnostics.reserveCapacity(found.reduce(diagnostics.count) { $0 + $1.diagnostics.count })
        for part in found { all.append(part) }
        return PartialFindings(found: all, keys: keys)
    }

    /// Compares the keys of a `unique` rule that `check(_:within:)` gave for the parts of the
    /// dataset, joined in dataset order: a diagnostic for each match whose key an earlier match
    /// has, as a whole check reports it.
    func compareKeys(of rule: Rule, _ keys: [KeyedMatch], within whole: Dataset) -> [Diagnostic] {
        var first: [ValueKey: Int] = [:]
        first.reserveCapacity(keys.count)
        var duplicates: [(Int, Int)] = []
        for (i, keyed) in keys.enumerated() {
            if let j = first[keyed.key] { duplicates.append((i, j)) } else { first[keyed.key] = i }
        }
        guard !duplicates.isEmpty else { return [] }
        // Only duplicates need the values (for their messages): evaluate those keys again.
        let table = DataValues(files: whole.files)
        return withExtendedLifetime(table) {
            var ignored: [Diagnostic] = []
            let base = Self.sharedActivation(dataset: whole, variables: rules.variables, table: table,
                                             evaluator: evaluator, into: &ignored)
            let worker = RuleRun(rule: rule, evaluator: evaluator, table: table, dataset: whole).worker()
            var context = EvaluationContext(base)
            var found: [Diagnostic] = []
            for (i, j) in duplicates {
                let match = keys[i].match
                let (value, origin) = Self.selfValue(for: match, table: table)
                context.bind("self", to: value, origin: origin)
                if let key = worker.uniqueKey(match, &context, into: &ignored) {
                    found.append(worker.duplicate(key, of: match, first: keys[j].match, base: base))
                }
            }
            return found
        }
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
                diagnostics.append(RuleFileRules.celCheck.diagnostic(at: variable.expression.node.location,
                                                                     message: Message.variableFailed(variable.name, e.message)))
            }
            base.bind(variable.name, to: value)
        }
        return base
    }

    static func activation(for match: SelectorMatch, base: Activation, table: DataValues) -> Activation {
        let (value, origin) = selfValue(for: match, table: table)
        let (key, keyOrigin) = selfKey(for: match, table: table)
        return base.binding("self", to: value, origin: origin).binding(selfKeyName, to: key, origin: keyOrigin)
    }

    /// The variable holding the key of `self` in its parent.
    static let selfKeyName = "selfKey"

    /// The value of `selfKey` for a match: its key in its parent map (the key node is its
    /// origin, so blame points at the key) or its index in its list (the item is its origin).
    static func selfKey(for match: SelectorMatch, table: DataValues) -> (Value, Origin?) {
        switch match.key {
        case .index(let i): return (.int(Int64(i)), table.origin(of: match.node))
        case .mapKey(let node): return (DataValues.mapKey(node).value, table.origin(of: node))
        case .name(let name): return (.string(name), nil)
        case .unknown: return (.null, nil)
        }
    }

    /// The value of `self` for a match, and its origin.
    static func selfValue(for match: SelectorMatch, table: DataValues) -> (Value, Origin?) {
        let value = match.merged.map { DataValues.value(of: $0, table: table) } ?? table.value(of: match.node)
        return (value, table.origin(of: match.node))
    }

    /// A part of the result: found already, or the result of a job.
    enum Part {
        /// Findings in order (a selector's chunks), joined once at the end.
        case done([Found])
        case job(Int)
    }

    /// What one chunk of a selector's matches found: diagnostics, and the key of each match
    /// for each `unique` rule (nil where the rule does not apply).
    struct ChunkFindings: Sendable {
        let found: Found
        let keys: [[UniqueKey?]]
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
