import ConcordDiagnostics
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
        let cwd = PathNormalizer.canonical(currentDirectory)
        return absolute.hasPrefix(cwd + "/") ? String(absolute.dropFirst(cwd.count + 1)) : absolute
    }

    /// The transition rules' diagnostics, and the ratchet when asked for.
    func run(dataset: Dataset, rules: RuleSet, ratchet: Bool) -> (diagnostics: [Diagnostic], ratchet: Ratchet?) {
        let old = base.dataset
        let diagnostics = TransitionChecker(rules: rules).check(dataset, base: old, pathNow: pathNow)
        guard ratchet else { return (diagnostics, nil) }
        let loaderDiagnostics = base.files.flatMap(\.result.diagnostics)
        let oldDiagnostics = loaderDiagnostics + old.diagnostics + RuleEngine(rules: rules).check(old)
        return (diagnostics, Ratchet(ref: base.ref, dataset: dataset, base: old, baseDiagnostics: oldDiagnostics,
                                     rules: rules, pathNow: pathNow))
    }
}
