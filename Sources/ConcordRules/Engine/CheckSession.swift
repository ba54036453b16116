import ConcordDiagnostics
import ConcordYAML
import Foundation

/// What to check.
public struct CheckRequest: Sendable {
    /// Dataset files and folders.
    public var paths: [String]
    /// Rule files and folders; empty: the loader's own checks only.
    public var rulePaths: [String]
    public var loaderOptions: LoaderOptions

    public init(paths: [String], rulePaths: [String] = [], loaderOptions: LoaderOptions = LoaderOptions()) {
        self.paths = paths
        self.rulePaths = rulePaths
        self.loaderOptions = loaderOptions
    }
}

/// The outcome of a check: the report, and whether the configuration (rule files, paths) was
/// unusable, in which case no data was checked.
public struct CheckResult: Sendable {
    public var report: Report
    public var configurationFailed: Bool

    /// 0: nothing at or above `failOn`; 1: violations; 2: configuration or usage error.
    public func exitCode(failOn: Severity?) -> Int32 {
        if configurationFailed { return 2 }
        guard let failOn else { return 0 }
        return report.diagnostics.contains { $0.severity >= failOn } ? 1 : 0
    }
}

/// Runs a whole check: finds and loads the dataset files, then (when rule files are given) the
/// rules over the merged dataset.
public enum CheckSession {
    public static func run(_ request: CheckRequest) -> CheckResult {
        let started = Date()
        // Rule files first: a broken rule file stops the run before any data is checked.
        var ruleSet = RuleSet()
        var diagnostics: [Diagnostic] = []
        if !request.rulePaths.isEmpty {
            let (loaded, ruleDiagnostics) = RuleFileLoader().load(paths: request.rulePaths)
            if ruleDiagnostics.contains(where: { $0.severity == .error }) {
                return CheckResult(report: Report(diagnostics: ruleDiagnostics, rules: RuleFileRules.all,
                                                  sources: SourceCache.texts(for: ruleDiagnostics)),
                                   configurationFailed: true)
            }
            ruleSet = loaded
            diagnostics.append(contentsOf: ruleDiagnostics)
        }

        let files: [String]
        switch YAMLFileFinder.files(under: request.paths) {
        case .success(let found):
            files = found
        case .failure(let missing):
            let d = Diagnostic(ruleID: ConfigurationRules.missingPath.id, severity: .error,
                               message: ConfigurationRules.Message.missingPath(missing.path),
                               location: SourceLocation(file: missing.path))
            return CheckResult(report: Report(diagnostics: [d]), configurationFailed: true)
        }

        let loader = YAMLLoader(options: request.loaderOptions)
        var dataset = Dataset()
        for file in files {
            let result = loader.load(path: file)
            diagnostics.append(contentsOf: result.diagnostics)
            for document in result.documents { dataset.add(document) }
        }
        diagnostics.append(contentsOf: dataset.diagnostics)
        if ruleSet.count > 0 {
            diagnostics.append(contentsOf: RuleEngine(rules: ruleSet).check(dataset))
        }
        let seconds = Date().timeIntervalSince(started)
        let report = Report(
            diagnostics: diagnostics,
            rules: LoaderRules.all + DatasetRules.all + ruleSet.descriptors,
            statistics: .init(files: files.count, records: dataset.recordCount, rules: ruleSet.count, seconds: seconds),
            sources: SourceCache.texts(for: diagnostics)
        )
        return CheckResult(report: report, configurationFailed: false)
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
