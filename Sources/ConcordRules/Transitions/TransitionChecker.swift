import ConcordCEL
import ConcordDiagnostics
import ConcordYAML

/// Runs transition rules (rules that name `oldSelf`, see docs/rules.md) on the records that a
/// change touched, as Kubernetes runs transition rules on an update:
/// - `transition: changed` (the default): on each record (or selected field of a record) that
///   exists at the base and now and differs; `oldSelf` is its old value. With
///   `optionalOldSelf: true` also on new records, and `oldSelf` is then an optional
///   (`optional.none()` for a new record).
/// - `transition: removed`: on each record of the base that is gone; `self` is null and the
///   diagnostic points at the list that held it (in the same file, when it still exists; else
///   at that file, without a range).
/// Blame that lands in the old value (`oldSelf.amount`) points at the same place in the new
/// record instead: reports are about the files as they are.
public struct TransitionChecker: Sendable {
    public let rules: RuleSet
    public let functions: FunctionTable

    public init(rules: RuleSet, functions: FunctionTable = .concord) {
        self.rules = rules
        self.functions = functions
    }

    /// The rules that run only with a base revision.
    public var transitionRules: [Rule] { rules.rules.filter { $0.transition != nil } }

    /// Checks the change from `base` to `dataset`. `pathNow` names a base file as the working
    /// tree does (default: `REF:path` → `path`); a removed record is reported at its list in the
    /// file of that name (else at that file, without a range). `records` are the two datasets'
    /// record indexes when the caller has made them already.
    public func check(_ dataset: Dataset, base: Dataset,
                      pathNow: (String) -> String = TransitionChecker.workingTreePath,
                      records: (now: RecordIndex, base: RecordIndex)? = nil) -> [Diagnostic] {
        let transitions = transitionRules
        guard !transitions.isEmpty else { return [] }
        let table = DataValues(files: dataset.files + base.files)
        return withExtendedLifetime(table) {
            defer { table.close() }
            let newRecords = records?.now ?? RecordIndex(dataset: dataset, rules: rules, functions: functions)
            let oldRecords = records?.base ?? RecordIndex(dataset: base, rules: rules, functions: functions)
            let baseFiles = Set(base.files.map(\.path))
            let evaluator = Evaluator(functions: functions)
            var diagnostics: [Diagnostic] = []
            // A variable that fails is reported by the rule engine's own run, not again here.
            var reportedElsewhere: [Diagnostic] = []
            let activation = RuleEngine.sharedActivation(dataset: dataset, variables: rules.variables,
                                                         table: table, evaluator: evaluator, into: &reportedElsewhere)
            var context = EvaluationContext(activation)
            for rule in transitions {
                guard let selector = TransitionSelector(rule.selector), let mode = rule.transition else { continue }
                let run = RuleRun(rule: rule, evaluator: evaluator, table: table, dataset: dataset).worker()
                switch mode {
                case .changed(let optional):
                    for record in newRecords.records(of: selector.list) {
                        guard let node = selector.node(in: record.node) else { continue }
                        let old = record.identity.flatMap(oldRecords.record).flatMap { selector.node(in: $0.node) }
                        let oldValue: Value
                        if let old {
                            if old.sameContent(as: node) { continue }
                            oldValue = optional ? Self.optional(table.value(of: old)) : table.value(of: old)
                        } else if optional {
                            oldValue = Self.optional(nil)
                        } else {
                            continue
                        }
                        context.bind("self", to: table.value(of: node), origin: table.origin(of: node))
                        context.bind("oldSelf", to: oldValue, origin: old.flatMap(table.origin(of:)))
                        var found: [Diagnostic] = []
                        run.check(SelectorMatch(node: node, merged: nil), &context, into: &found)
                        diagnostics += found.map { relocated($0, from: old, to: node, baseFiles: baseFiles) }
                    }
                case .removed:
                    for record in oldRecords.records(of: selector.list) {
                        guard let identity = record.identity, newRecords.record(identity) == nil,
                              let old = selector.node(in: record.node) else { continue }
                        let place = Self.place(of: record, in: dataset, path: pathNow(record.node.file.path))
                        context.bind("self", to: .null)
                        context.bind("oldSelf", to: table.value(of: old), origin: table.origin(of: old))
                        var found: [Diagnostic] = []
                        run.check(SelectorMatch(node: place ?? old, merged: nil), &context, into: &found)
                        for var d in found {
                            if place == nil { d.location = SourceLocation(file: pathNow(old.file.path)) }
                            d.related.removeAll { baseFiles.contains($0.location.file) }
                            diagnostics.append(d)
                        }
                    }
                }
            }
            return diagnostics
        }
    }

    /// A diagnostic that blame placed in the old value, moved to the same place in the new one;
    /// related places in the base are dropped (the message carries old values).
    private func relocated(_ diagnostic: Diagnostic, from old: YAMLNode?, to node: YAMLNode,
                           baseFiles: Set<String>) -> Diagnostic {
        var d = diagnostic
        d.related.removeAll { baseFiles.contains($0.location.file) }
        guard let old, d.location.file == old.file.path, baseFiles.contains(old.file.path) else { return d }
        guard let range = d.location.range else {
            d.location = node.location
            return d
        }
        var (path, blamed) = NodePath.to(offset: range.start.offset, in: old)
        // A list element that is not there any more (a removed member) is blamed on its list,
        // not on whatever element now has its index.
        if case .index? = path.steps.last, !path.follow(from: node).sameContent(as: blamed) {
            path.steps.removeLast()
        }
        d.location = path.follow(from: node).location
        return d
    }

    /// Where a removed record was: the key of its list in the file `path`, when that file still
    /// holds the list (else the diagnostic names the file without a range).
    static func place(of record: DatasetRecord, in dataset: Dataset, path: String) -> YAMLNode? {
        for file in dataset.files where file.path == path {
            for document in file.documents {
                if let key = document.root.keyNode(record.list) { return key }
            }
        }
        return nil
    }

    /// `oldSelf` of a rule with `optionalOldSelf: true`: `optional.of(old)` or `optional.none()`.
    static func optional(_ value: Value?) -> Value { value.map(OptionalValue.of) ?? OptionalValue.none }

    /// `REF:path` → `path` (a base file's name as the working tree names it).
    public static func workingTreePath(_ baseName: String) -> String {
        guard let colon = baseName.firstIndex(of: ":") else { return baseName }
        return String(baseName[baseName.index(after: colon)...])
    }
}
