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
        var diagnostics: [Diagnostic] = []
        var documents: [YAMLDocument] = []
        for file in files {
            let result = loader.load(path: file)
            diagnostics.append(contentsOf: result.diagnostics)
            documents.append(contentsOf: result.documents)
        }
        let records = documents.reduce(0) { $0 + RecordCounter.records(in: $1.root) }
        let seconds = Date().timeIntervalSince(started)
        let report = Report(
            diagnostics: diagnostics,
            rules: LoaderRules.all,
            statistics: .init(files: files.count, records: records, rules: 0, seconds: seconds),
            sources: SourceCache.texts(for: diagnostics)
        )
        return CheckResult(report: report, configurationFailed: false)
    }
}

/// Counts records: the items of top-level lists (`coalitions: [...]`), or of a root list.
enum RecordCounter {
    static func records(in root: YAMLNode) -> Int {
        if let items = root.sequence { return items.count }
        guard let pairs = root.mapping else { return 0 }
        return pairs.reduce(0) { $0 + ($1.value.sequence?.count ?? 0) }
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
