import ConcordDiagnostics
import ConcordSupport
import ConcordYAML

/// What a check does with a base revision (`--base`, `--changed-since`): transition rules over
/// the records that changed, and, with ratcheting, the `Ratchet` that post-processing applies.
struct BaseComparison {
    let base: BaseRevision
    let currentDirectory: String

    /// A base file's name (`REF:path`) as the working tree's file is named in reports: relative
    /// to the current folder when under it.
    func pathNow(_ baseName: String) -> String {
        let absolute = base.root + "/" + TransitionChecker.workingTreePath(baseName)
        return RelativePath.display(absolute, under: PathNormalizer.canonical(currentDirectory))
    }

    /// The transition rules' diagnostics, and the ratchet when asked for.
    func run(dataset: Dataset, rules: RuleSet, ratchet: Bool) -> (diagnostics: [Diagnostic], ratchet: Ratchet?) {
        let checker = TransitionChecker(rules: rules)
        guard ratchet || !checker.transitionRules.isEmpty else { return ([], nil) }
        let old = base.dataset
        // The records of both sides are indexed once, for the transition rules and the ratchet.
        let records = (now: RecordIndex(dataset: dataset, rules: rules), base: RecordIndex(dataset: old, rules: rules))
        let diagnostics = checker.check(dataset, base: old, pathNow: pathNow, records: records)
        guard ratchet else { return (diagnostics, nil) }
        let loaderDiagnostics = base.files.flatMap(\.result.diagnostics)
        let oldDiagnostics = loaderDiagnostics + old.diagnostics + RuleEngine(rules: rules).check(old)
        return (diagnostics, Ratchet(ref: base.ref, dataset: dataset, base: old, baseDiagnostics: oldDiagnostics,
                                     rules: rules, pathNow: pathNow, records: records))
    }
}
