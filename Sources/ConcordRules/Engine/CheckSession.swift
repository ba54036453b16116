import ConcordDiagnostics
import ConcordYAML
import Foundation

/// What to check, after the command line and the configuration were resolved.
public struct CheckRequest: Sendable {
    /// The dataset: files and folders loaded and merged, and checked with the rules.
    public var paths: [String]
    /// Rule files and folders; empty: the loader's own checks only.
    public var rulePaths: [String]
    /// When set, only diagnostics in these files (absolute paths; a folder covers what is in
    /// it) are reported, though the whole dataset is loaded (references cross files).
    public var focus: [String]?
    /// Files outside the dataset, checked with the loader's own checks only.
    public var loaderOnlyPaths: [String] = []
    public var configuration: Configuration?
    public var baseline: Baseline?
    public var changedLines: ChangedLines?
    /// The folder relative paths are relative to.
    public var currentDirectory: String = FileManager.default.currentDirectoryPath
    public var loaderOptions: LoaderOptions
    /// Texts to check instead of what is on disk, by file path as found (`--fix` rounds).
    public var contents: [String: [UInt8]] = [:]
    /// The dataset at a git revision (`--base`, `--changed-since`): transition rules run on the
    /// records that changed since it.
    public var base: BaseRevision?
    /// With `base`: violations present at the base on unchanged records are lowered to `info`.
    public var ratchet = false

    public init(paths: [String], rulePaths: [String] = [], loaderOptions: LoaderOptions = LoaderOptions()) {
        self.paths = paths
        self.rulePaths = rulePaths
        self.loaderOptions = loaderOptions
    }

    func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        return URL(fileURLWithPath: full).resolvingSymlinksInPath().standardizedFileURL.path
    }
}

/// The outcome of a check: the report, and whether the configuration (rule files, paths) was
/// unusable, in which case no data was checked.
public struct CheckResult: Sendable {
    public var report: Report
    public var configurationFailed: Bool
    /// The files the check loaded. They are large (all their nodes): a caller that ends the
    /// process right after the check can keep them alive to the end instead of freeing them.
    public var loadedFiles: [YAMLFile] = []

    /// 0: nothing at or above `failOn`; 1: violations; 2: configuration or usage error.
    public func exitCode(failOn: Severity?) -> Int32 {
        if configurationFailed { return 2 }
        guard let failOn else { return 0 }
        return report.diagnostics.contains { $0.severity >= failOn } ? 1 : 0
    }
}

/// Runs a whole check: finds and loads the dataset files, runs the rules over the merged
/// dataset, then applies fingerprints, suppressions, severity overrides, the baseline and the
/// file and line filters.
public enum CheckSession {
    public static func run(_ request: CheckRequest) -> CheckResult {
        let started = Date()
        // Rule files first: a broken rule file stops the run before any data is checked.
        var ruleSet = RuleSet()
        var diagnostics: [Diagnostic] = []
        if !request.rulePaths.isEmpty {
            let (loaded, ruleDiagnostics) = RuleFileLoader().load(paths: request.rulePaths)
            if ruleDiagnostics.contains(where: { $0.severity == .error }) {
                return CheckResult(report: Report(diagnostics: ruleDiagnostics, rules: RuleRegistry.builtIn,
                                                  sources: SourceCache.texts(for: ruleDiagnostics)),
                                   configurationFailed: true)
            }
            ruleSet = loaded
            diagnostics.append(contentsOf: ruleDiagnostics)
        }

        let datasetFiles: [String], otherFiles: [String]
        switch (YAMLFileFinder.files(under: request.paths), YAMLFileFinder.files(under: request.loaderOnlyPaths)) {
        case (.success(let a), .success(let b)):
            datasetFiles = a
            otherFiles = b
        case (.failure(let missing), _), (_, .failure(let missing)):
            let d = ConfigurationRules.missingPath.diagnostic(at: SourceLocation(file: missing.path),
                                                              message: ConfigurationRules.Message.missingPath(missing.path))
            return CheckResult(report: Report(diagnostics: [d]), configurationFailed: true)
        }

        let loader = YAMLLoader(options: request.loaderOptions)
        let load = { (file: String) in request.contents[file].map { loader.load(bytes: $0, file: file) } ?? loader.load(path: file) }
        let loads = datasetFiles.map { LoadedFile(result: load($0), inDataset: true) }
            + otherFiles.map { LoadedFile(result: load($0), inDataset: false) }
        let (checked, dataset, loaded) = checkLoaded(loads, ruleSet: ruleSet, request: request)
        var compared: (diagnostics: [Diagnostic], ratchet: Ratchet?) = ([], nil)
        if let base = request.base {
            compared = BaseComparison(base: base, currentDirectory: request.currentDirectory)
                .run(dataset: dataset, rules: ruleSet, ratchet: request.ratchet)
        }
        diagnostics = postProcess(diagnostics + checked + compared.diagnostics, request: request, files: loaded,
                                  ratchet: compared.ratchet)

        let seconds = Date().timeIntervalSince(started)
        var sources: [String: String] = [:]
        for d in diagnostics {
            for file in [d.location.file] + d.related.map(\.location.file) where sources[file] == nil {
                if let f = loaded[file] { sources[file] = f.text }
            }
        }
        let missingTexts = SourceCache.texts(for: diagnostics.filter { sources[$0.location.file] == nil })
        sources.merge(missingTexts) { a, _ in a }
        let report = Report(
            diagnostics: diagnostics,
            rules: RuleRegistry(rules: ruleSet).descriptors,
            statistics: .init(files: datasetFiles.count + otherFiles.count, records: dataset.recordCount,
                              rules: ruleSet.count, seconds: seconds),
            sources: sources
        )
        return CheckResult(report: report, configurationFailed: false, loadedFiles: Array(loaded.values))
    }

    /// A loaded file, and whether it is part of the dataset (else it gets the loader's checks only).
    struct LoadedFile {
        var result: LoadResult
        var inDataset: Bool
    }

    /// Merges the dataset files into one dataset and runs the rules on it: the data part of a
    /// check, shared by `run` and the live checks of the language server (`LiveCheck`).
    /// Returns the loader's, the dataset's and the rules' diagnostics, before post-processing.
    static func checkLoaded(_ loads: [LoadedFile], ruleSet: RuleSet, request: CheckRequest)
        -> (diagnostics: [Diagnostic], dataset: Dataset, files: [String: YAMLFile]) {
        var diagnostics: [Diagnostic] = []
        var dataset = Dataset()
        var loaded: [String: YAMLFile] = [:]
        for load in loads {
            diagnostics.append(contentsOf: load.result.diagnostics)
            if let yamlFile = load.result.yamlFile { loaded[load.result.file] = yamlFile }
            if load.inDataset {
                for document in load.result.documents { dataset.add(document) }
            }
        }
        diagnostics.append(contentsOf: dataset.diagnostics)
        if ruleSet.count > 0 {
            diagnostics.append(contentsOf: RuleEngine(rules: ruleSet).check(dataset))
        }
        return (diagnostics, dataset, loaded)
    }

    /// Fingerprints, suppressions, severity overrides, baseline, focus files, changed lines.
    static func postProcess(_ input: [Diagnostic], request: CheckRequest, files: [String: YAMLFile],
                            ratchet: Ratchet? = nil) -> [Diagnostic] {
        var diagnostics = input
        // Resolving a path touches the file system: once per file, not once per diagnostic.
        var absolutes: [String: String] = [:]
        for d in input where absolutes[d.location.file] == nil {
            absolutes[d.location.file] = request.absolute(d.location.file)
        }
        let absolute: (String) -> String = { absolutes[$0] ?? request.absolute($0) }
        let root = request.absolute(request.configuration?.directory ?? request.currentDirectory)
        let projectPath: (String) -> String = { file in
            let abs = absolute(file)
            return abs.hasPrefix(root + "/") ? String(abs.dropFirst(root.count + 1)) : abs
        }
        Fingerprints.assign(&diagnostics, files: files, path: projectPath)

        var suppressions: [Suppression] = []
        for (path, file) in files.sorted(by: { $0.key < $1.key }) {
            suppressions += Suppressions.parse(file.bytes, file: path, lines: { file.position(ofOffset: $0) })
        }
        diagnostics = Suppressions.apply(suppressions, to: diagnostics)
        Fingerprints.assign(&diagnostics, files: files, path: projectPath)

        if let configuration = request.configuration {
            diagnostics = configuration.applySeverities(diagnostics, absolutePath: absolute)
        }
        if let ratchet {
            diagnostics = ratchet.apply(diagnostics)
        }
        if let baseline = request.baseline {
            diagnostics = baseline.filter(diagnostics)
        }
        if let focus = request.focus {
            let roots = (focus + request.loaderOnlyPaths.map(request.absolute)).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
            diagnostics = diagnostics.filter { d in
                let path = absolute(d.location.file)
                return roots.contains { path == $0 || path.hasPrefix($0 + "/") }
            }
        }
        if let changed = request.changedLines {
            diagnostics = diagnostics.filter { changed.touches($0.location, absolutePath: absolute($0.location.file)) }
        }
        return diagnostics
    }
}

/// Reads the text of the files that diagnostics point into, for code frames.
enum SourceCache {
    static func texts(for diagnostics: [Diagnostic]) -> [String: String] {
        var files = Set<String>()
        for d in diagnostics {
            files.insert(d.location.file)
            for r in d.related { files.insert(r.location.file) }
        }
        var texts: [String: String] = [:]
        for file in files {
            if let data = FileManager.default.contents(atPath: file) {
                texts[file] = String(decoding: data, as: UTF8.self)
            }
        }
        return texts
    }
}
