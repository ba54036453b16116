import ConcordDiagnostics
import ConcordYAML
import Foundation

/// A check that stays loaded between runs, for the language server: the project's
/// configuration, rules and every dataset file's tree are kept; the unsaved text of an open
/// document overrides the file on disk; a change re-loads only what it touched (one dataset
/// file, the rule files, or everything for the configuration) before the data is checked again.
///
/// While a dataset file does not parse (half-typed), it shows its syntax error and its last
/// parsed documents stay in the merged dataset, so other files do not light up with missing
/// references or counts because its records vanished; the rules' findings in the file itself
/// are dropped until it parses again (they would point into text that is gone). Likewise a
/// rule file with errors shows them, and the data is checked with the last rules that loaded.
///
/// Paths are absolute. Not thread-safe: one owner at a time (the server's work queue).
public struct LiveCheck: Sendable {
    public private(set) var project: Project
    public private(set) var configuration: Configuration
    /// The rules the data is checked with (the last that loaded without errors).
    public private(set) var ruleSet = RuleSet()
    /// The rule files and the dataset files, absolute, in load order.
    public private(set) var ruleFiles: [String] = []
    public private(set) var datasetFiles: [String] = []
    /// The merged dataset of the last run.
    public private(set) var dataset = Dataset()

    private var configurationDiagnostics: [Diagnostic] = []
    private var ruleDiagnostics: [Diagnostic] = []
    private var overlays: [String: String] = [:]
    private var files: [String: LiveFile] = [:]
    private var others: [String: LiveFile] = [:]
    /// How the rules re-check after an edit (`LivePlan`), and for each of its groups of
    /// per-record rules each dataset file's findings and `unique` keys, kept until the file, an
    /// entry the group reads, or the rules change.
    private var plan: LivePlan?
    private var groupFindings: [[String: FileFindings]] = []
    /// For each group, where each key of its `unique` rules occurs (by rule id).
    private var uniqueIndexes: [[String: UniqueKeyIndex]] = []
    /// The dataset files loaded again since the last run (their findings are out of date).
    private var reloadedFiles: Set<String> = []
    /// The top-level dataset entries that edits, new files or removed files changed since the
    /// last run.
    private var changedEntries: Set<String> = []
    /// The mount (`{path, as, kind}` in `datasets:`) of each mounted dataset file.
    private var mountOf: [String: DatasetMount] = [:]

    /// What a change touched.
    public enum Change: Sendable, Equatable {
        case configuration, rules, datasetFile, otherFile, nothing
    }

    /// Loads the project that `folder` is in.
    public init(folder: String) {
        project = Project.discover(from: folder)
        configuration = Configuration(directory: project.root)
        reloadAll()
    }

    /// The folders and files of the dataset and the rules (absolute).
    public var datasetRoots: [String] {
        configuration.mounts.map { Self.absolute(configuration.resolve($0.isGlob ? $0.searchRoot : $0.path)) }
    }
    public var ruleRoots: [String] { configuration.rules.map { Self.absolute(configuration.resolve($0)) } }

    /// The text Concord sees for a file: the open document's, else the file's on disk.
    public func text(of path: String) -> String? {
        if let text = overlays[path] { return text }
        return try? PosixFileSystem().contents(of: path).map { String(decoding: $0, as: UTF8.self) }.get()
    }

    /// The loaded tree of a dataset or other file (the last that parsed).
    public func yamlFile(_ path: String) -> YAMLFile? {
        (files[path] ?? others[path])?.parsed.yamlFile
    }

    /// Sets (or with nil, drops) the unsaved text of a file and re-loads what it touched.
    @discardableResult
    public mutating func setText(_ text: String?, of path: String) -> Change {
        if overlays[path] == text, text != nil { return .nothing }
        overlays[path] = text
        return reload(path)
    }

    /// A file changed, appeared or disappeared on disk: re-load what it touches (an open
    /// document's unsaved text still wins).
    @discardableResult
    public mutating func reload(_ path: String) -> Change {
        switch kind(of: path) {
        case .configuration:
            reloadAll()
            return .configuration
        case .rules:
            loadRules()
            return .rules
        case .datasetFile:
            if files[path] == nil || !FileManager.default.fileExists(atPath: path) && overlays[path] == nil {
                listDatasetFiles()
            } else {
                let previous = files[path]
                let current = load(path, previous: previous)
                files[path] = current
                noteChange(of: path, from: previous, to: current)
            }
            return .datasetFile
        case .otherFile, .nothing:
            if overlays[path] != nil {
                others[path] = load(path, previous: others[path])
                return .otherFile
            }
            others[path] = nil
            return .nothing
        }
    }

    /// Checks the data; returns every file's diagnostics (files without any are absent),
    /// sorted in report order. The same post-processing as `concord check`: fingerprints,
    /// suppressions, severity overrides.
    public mutating func run() -> [String: [Diagnostic]] {
        var request = CheckRequest(paths: datasetRoots, rulePaths: ruleRoots)
        request.currentDirectory = project.root
        request.configuration = configuration
        let loads = datasetFiles.compactMap { path in
            files[path].map { CheckSession.LoadedFile(result: $0.merged, inDataset: true, mount: mountOf[path]) }
        } + others.keys.sorted().compactMap { path in
            others[path].map { CheckSession.LoadedFile(result: $0.merged, inDataset: false) }
        }
        let plan = self.plan ?? LivePlan(ruleSet)
        self.plan = plan
        if groupFindings.count != plan.groups.count {
            groupFindings = Array(repeating: [:], count: plan.groups.count)
            uniqueIndexes = Array(repeating: [:], count: plan.groups.count)
        }
        var (checked, merged, loaded) = CheckSession.checkLoaded([loads], ruleSet: plan.whole, request: request)
        checked += recheckGroups(plan, within: merged)
        dataset = merged
        let stale = Set(files.filter { !$0.value.parses }.keys)
        let loaderIDs = Set(LoaderRules.descriptors.map(\.id))
        let kept = checked.filter { !stale.contains($0.location.file) || loaderIDs.contains($0.ruleID) }
        let all = configurationDiagnostics + ruleDiagnostics
            + CheckSession.postProcess(kept, request: request, files: loaded)
        var byFile: [String: [Diagnostic]] = [:]
        for d in all { byFile[d.location.file, default: []].append(d) }
        return byFile.mapValues { $0.sorted(by: Diagnostic.reportOrder) }
    }

    // MARK: Loading

    private mutating func reloadAll() {
        project = Project.discover(from: project.root)
        // An unsaved configuration not yet on disk counts too.
        let unsaved = project.root + "/" + Configuration.fileName
        if project.configurationFile == nil, overlays[unsaved] != nil { project.configurationFile = unsaved }
        let (loaded, problems) = project.configuration(text: project.configurationFile.flatMap { overlays[$0] })
        configurationDiagnostics = problems
        if problems.isEmpty || project.configurationFile == nil { configuration = loaded }
        loadRules()
        files = [:]
        groupFindings = []
        uniqueIndexes = []
        listDatasetFiles()
    }

    private mutating func loadRules() {
        let found = (try? YAMLFileFinder.find(ruleRoots.filter(FileManager.default.fileExists)).get().files) ?? []
        ruleFiles = found
        let texts = found.compactMap { path in text(of: path).map { (file: path, text: $0) } }
        let (loaded, diagnostics) = RuleFileLoader().load(texts: texts)
        ruleDiagnostics = diagnostics
        if !diagnostics.contains(where: { $0.severity == .error }) {
            ruleSet = loaded
            plan = nil
            groupFindings = []
            uniqueIndexes = []
        }
    }

    private mutating func listDatasetFiles() {
        // As `concord check` finds them: plain paths walked, mounts' files, globs matched.
        let entries = configuration.mounts.map { $0.with(path: Self.absolute(configuration.resolve($0.path))) }
        let resolved = MountedFiles.resolve(entries, in: nil).files
        var found = resolved.map(\.path)
        // Open documents not yet saved are part of the dataset too.
        for path in overlays.keys.sorted() where kind(of: path) == .datasetFile && !found.contains(path) {
            found.append(path)
        }
        let previousMounts = mountOf
        mountOf = [:]
        for file in resolved where file.mount.key != nil { mountOf[file.path] = file.mount }
        datasetFiles = found
        var kept: [String: LiveFile] = [:]
        for path in found { kept[path] = files[path] ?? load(path, previous: nil) }
        // A file that came, went or is mounted otherwise changes the entries it holds.
        for path in Set(files.keys).union(kept.keys) where files[path] == nil || kept[path] == nil
            || previousMounts[path] != mountOf[path] {
            changedEntries.formUnion(topLevelKeys(of: files[path], mount: previousMounts[path]))
            changedEntries.formUnion(topLevelKeys(of: kept[path], mount: mountOf[path]))
            if kept[path] == nil { forget(path) } else { reloadedFiles.insert(path) }
        }
        files = kept
        for path in found { others[path] = nil }
    }

    /// Re-checks, for each group of per-record rules, the files whose findings are not kept:
    /// all files when an entry the group reads changed. Returns every kept finding and the
    /// `unique` comparisons.
    private mutating func recheckGroups(_ plan: LivePlan, within merged: Dataset) -> [Diagnostic] {
        var staleFiles: [[String]] = []
        for (g, group) in plan.groups.enumerated() {
            if group.reads.overlaps(changedEntries) {
                groupFindings[g] = [:]
                uniqueIndexes[g] = [:]
            }
            staleFiles.append(datasetFiles.filter { files[$0] != nil && (groupFindings[g][$0] == nil || reloadedFiles.contains($0)) })
        }
        // Groups that re-check the same files do it in one pass over those files' records (the
        // first run, or an edit that changes no entry any group reads).
        var passes: [(files: [String], groups: [Int])] = []
        for (g, stale) in staleFiles.enumerated() where !stale.isEmpty {
            if let i = passes.firstIndex(where: { $0.files == stale }) { passes[i].groups.append(g) } else { passes.append((stale, [g])) }
        }
        for pass in passes { recheck(pass.files, groups: pass.groups, of: plan, within: merged) }
        var found: [Diagnostic] = []
        for (g, group) in plan.groups.enumerated() {
            let engine = RuleEngine(rules: group.rules)
            for rule in group.rules.rules where rule.check.isUnique {
                guard let index = uniqueIndexes[g][rule.id], !index.duplicated.isEmpty else { continue }
                // Only the matches of keys used more than once, in dataset order.
                let holding = index.filesWithDuplicates
                let keys = datasetFiles.filter(holding.contains).flatMap { path in
                    (groupFindings[g][path]?.keys[rule.id] ?? []).filter { index.duplicated.contains($0.key) }
                }
                found += engine.compareKeys(of: rule, keys, within: merged)
            }
            found += datasetFiles.flatMap { groupFindings[g][$0]?.diagnostics ?? [] }
        }
        changedEntries = []
        reloadedFiles = []
        return found
    }

    /// Re-checks the records of `stale` files with the rules of `groups`, and keeps what they
    /// find by group and file, and their `unique` keys in the groups' indexes.
    private mutating func recheck(_ stale: [String], groups: [Int], of plan: LivePlan, within merged: Dataset) {
        var rules = RuleSet()
        rules.files = ruleSet.files
        var groupOf: [String: Int] = [:]
        for g in groups {
            rules.rules += plan.groups[g].rules.rules
            rules.shapes += plan.groups[g].rules.shapes
            for id in plan.groups[g].rules.descriptors.map(\.id) { groupOf[id] = g }
        }
        rules.variables = ruleSet.variables(usedBy: rules.rules.flatMap(\.expressions))
        var part = Dataset()
        for path in stale {
            if let file = files[path] { part.add(file.parsed.documents, mount: mountOf[path]) }
        }
        let findings = RuleEngine(rules: rules).check(part, within: merged)
        var fresh: [Int: [String: FileFindings]] = [:]
        for g in groups {
            var empty: [String: FileFindings] = [:]
            for path in stale { empty[path] = FileFindings(diagnostics: [], keys: [:]) }
            fresh[g] = empty
        }
        for (i, d) in findings.found.diagnostics.enumerated() {
            guard i < findings.found.owners.count, let owner = findings.found.owners[i], let g = groupOf[d.ruleID] else { continue }
            fresh[g]?[owner]?.diagnostics.append(d)
        }
        for (rule, keys) in findings.keys {
            guard let g = groupOf[rule] else { continue }
            for keyed in keys { fresh[g]?[keyed.match.node.file.path]?.keys[rule, default: []].append(keyed) }
        }
        for g in groups {
            for path in stale {
                let new = fresh[g]?[path] ?? FileFindings(diagnostics: [], keys: [:])
                let old = groupFindings[g].updateValue(new, forKey: path)
                for rule in plan.groups[g].rules.rules where rule.check.isUnique {
                    if let old { uniqueIndexes[g][rule.id, default: UniqueKeyIndex()].remove(old.keys[rule.id] ?? [], of: path) }
                    uniqueIndexes[g][rule.id, default: UniqueKeyIndex()].add(new.keys[rule.id] ?? [], of: path)
                }
            }
        }
    }

    /// A dataset file is gone: its findings and its keys go.
    private mutating func forget(_ path: String) {
        for g in groupFindings.indices {
            guard let old = groupFindings[g].removeValue(forKey: path) else { continue }
            for (rule, keys) in old.keys { uniqueIndexes[g][rule]?.remove(keys, of: path) }
        }
    }

    /// A dataset file was loaded again: when its records changed, the entries it held before
    /// and holds now changed, and its findings are out of date.
    private mutating func noteChange(of path: String, from previous: LiveFile?, to current: LiveFile) {
        if let before = previous?.parsed.yamlFile, let after = current.parsed.yamlFile, before === after { return }
        changedEntries.formUnion(topLevelKeys(of: previous, mount: mountOf[path]))
        changedEntries.formUnion(topLevelKeys(of: current, mount: mountOf[path]))
        reloadedFiles.insert(path)
    }

    /// The top-level entries a file's documents add to the dataset.
    private func topLevelKeys(of file: LiveFile?, mount: DatasetMount?) -> [String] {
        guard let file else { return [] }
        return Self.dataset(of: file.parsed.documents, mount: mount).keys
    }

    private func load(_ path: String, previous: LiveFile?) -> LiveFile {
        let loader = YAMLLoader()
        let result = overlays[path].map { loader.load(text: $0, file: path) } ?? loader.load(path: path)
        return LiveFile(result: result, previous: previous)
    }

    private func kind(of path: String) -> Change {
        if path == project.configurationFile || path == project.root + "/" + Configuration.fileName {
            return .configuration
        }
        func under(_ roots: [String]) -> Bool { roots.contains { path == $0 || path.hasPrefix($0 + "/") } }
        if under(ruleRoots) { return YAMLFileFinder.isYAML(path) || ruleFiles.contains(path) ? .rules : .nothing }
        if under(datasetRoots) { return YAMLFileFinder.isYAML(path) || files[path] != nil ? .datasetFile : .nothing }
        return YAMLFileFinder.isYAML(path) ? .otherFile : .nothing
    }

    /// One file's documents as a dataset, mounted as `concord check` mounts them.
    static func dataset(of documents: [YAMLDocument], mount: DatasetMount?) -> Dataset {
        var dataset = Dataset()
        dataset.add(documents, mount: mount)
        return dataset
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

/// What a group of per-record rules found about one file's records, and their `unique` keys
/// (by rule id, in match order).
struct FileFindings: Sendable {
    var diagnostics: [Diagnostic]
    var keys: [String: [KeyedMatch]]
}

extension RuleCheck {
    var isUnique: Bool {
        if case .unique = self { return true }
        return false
    }
}

/// One file of a live check: its latest load, and the last load that parsed.
struct LiveFile: Sendable {
    /// The latest load (its diagnostics are shown).
    var result: LoadResult
    /// The latest load that parsed (its documents stay in the merged dataset while the file
    /// does not parse).
    var parsed: LoadResult

    init(result: LoadResult, previous: LiveFile?) {
        self.result = result
        parsed = result.succeeded || previous == nil ? result : previous?.parsed ?? result
    }

    var parses: Bool { result.succeeded }

    /// What the check uses: the latest diagnostics with the last parsed tree.
    var merged: LoadResult {
        var merged = parsed
        merged.diagnostics = result.diagnostics
        merged.succeeded = result.succeeded
        return merged
    }
}
