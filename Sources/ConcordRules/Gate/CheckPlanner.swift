import ConcordDiagnostics
import ConcordSupport
import ConcordYAML
import Foundation

/// Turns what the user gave (paths, `--rules`, the configuration found upward) into a
/// `CheckRequest`:
/// - no paths: the configured dataset (default `Datasets/`) with the configured rules (default
///   `Rules/`, when it exists) of the project the current folder is in (`Project.discover`);
/// - paths inside the dataset (what a pre-commit hook passes): the whole dataset is loaded, but
///   only diagnostics in those paths are reported; other YAML files given get the loader's own
///   checks; files under the rule folders are skipped (rule files are validated anyway);
/// - paths outside the dataset: they are the dataset.
public struct CheckPlanner: Sendable {
    public var currentDirectory: String

    public init(currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.currentDirectory = currentDirectory
    }

    public enum PlanError: Error, Sendable {
        /// The configuration file has errors (reported at their positions).
        case configuration([Diagnostic])
        /// A usage problem, in words.
        case usage(String)
    }

    public func plan(paths: [String], rules: [String]) -> Result<(CheckRequest, Configuration), PlanError> {
        // The project this folder is in (`.concord.yaml` upward, else the folder holding Datasets/).
        let (configuration, problems) = Project.discover(from: currentDirectory).configuration()
        if !problems.isEmpty { return .failure(.configuration(problems)) }
        let fm = FileManager.default
        let entries = configuration.mounts.map { $0.with(path: display(configuration.resolve($0.path))) }
        let plainRoots = entries.filter { $0.key == nil }.map(\.path)
        let mounted = entries.filter { $0.key != nil }
        // The folders the dataset is in (a glob counts by the folder it searches).
        let datasetRoots = plainRoots + mounted.map(\.searchRoot)
        var rulePaths = rules
        if rulePaths.isEmpty {
            rulePaths = configuration.rules.map { display(configuration.resolve($0)) }.filter { fm.fileExists(atPath: absolute($0)) }
        }

        var request: CheckRequest
        if paths.isEmpty {
            let existing = plainRoots.filter { fm.fileExists(atPath: absolute($0)) }
            if existing.isEmpty, mounted.isEmpty {
                if configuration.file != nil {
                    return .failure(.usage("the dataset paths of \(configuration.file ?? "") do not exist: \(datasetRoots.joined(separator: ", "))"))
                }
                return .failure(.usage("no paths given and no Datasets/ folder in \(currentDirectory)"))
            }
            request = CheckRequest(paths: existing, rulePaths: rulePaths)
            request.mounts = mounted
        } else {
            let absRoots = datasetRoots.map(absolute)
            let absRules = rulePaths.map(absolute)
            func under(_ path: String, _ roots: [String]) -> Bool {
                roots.contains { path == $0 || path.hasPrefix($0 + "/") }
            }
            let inside = paths.filter { under(absolute($0), absRoots) }
            if inside.isEmpty {
                request = CheckRequest(paths: paths, rulePaths: rulePaths)
            } else {
                request = CheckRequest(paths: plainRoots.filter { fm.fileExists(atPath: absolute($0)) }, rulePaths: rulePaths)
                request.mounts = mounted
                request.focus = inside.map(absolute)
                request.loaderOnlyPaths = paths.filter { !under(absolute($0), absRoots) && !under(absolute($0), absRules) }
                for path in inside where !fm.fileExists(atPath: absolute(path)) {
                    return .failure(.usage("no such file or folder: \(path)"))
                }
            }
        }
        request.currentDirectory = currentDirectory
        request.configuration = configuration
        return .success((request, configuration))
    }

    func absolute(_ path: String) -> String {
        PathNormalizer.canonical(path, relativeTo: currentDirectory)
    }

    /// A path as shown in reports: relative to the current folder when under it.
    func display(_ path: String) -> String {
        let abs = URL(fileURLWithPath: path).standardizedFileURL.path
        let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
        return abs == cwd ? "." : RelativePath.display(abs, under: cwd)
    }
}
