import ConcordDiagnostics
import ConcordYAML
import Foundation

/// What to check, after the command line and the configuration were resolved.
public struct CheckRequest: Sendable {
    /// The dataset: files and folders loaded and merged, and checked with the rules.
    public var paths: [String]
    /// Files mounted at a top-level key (`.concord.yaml`'s `{path, as, kind}` entries), loaded
    /// with `paths`.
    public var mounts: [DatasetMount] = []
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
    /// Whether diagnostics get fingerprints when nothing else in the request reads them (a
    /// baseline, a base revision): the report's format shows them, or a baseline is written.
    public var fingerprints = true
    /// Where files are found and read (tests give one that fails on purpose).
    public var fileSystem: any FileSystemAccess = PosixFileSystem()

    public init(paths: [String], rulePaths: [String] = [], loaderOptions: LoaderOptions = LoaderOptions()) {
        self.paths = paths
        self.rulePaths = rulePaths
        self.loaderOptions = loaderOptions
    }

    func absolute(_ path: String) -> String {
        PathNormalizer.canonical(path, relativeTo: currentDirectory)
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
