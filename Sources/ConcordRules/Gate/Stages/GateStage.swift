import ConcordDiagnostics
import ConcordSupport
import ConcordYAML

/// One step of the post-processing that turns the rules' diagnostics into what the gate
/// reports. Stages are values holding what they need and run in the order of
/// `PostProcessing.stages`; each is tested on its own (Tests/ConcordRulesTests/GateStageTests).
public protocol GateStage: Sendable {
    /// A short name for docs and tests ("suppressions", "baseline", …).
    var name: String { get }
    func apply(_ diagnostics: consuming [Diagnostic], paths: GatePaths) -> [Diagnostic]
}

/// The diagnostics' files as absolute, symlink-free paths and as paths relative to the project
/// root, resolved once per file (resolving touches the file system).
public struct GatePaths: Sendable {
    private var absolutes: [String: String] = [:]
    public let currentDirectory: String
    /// The project root (the configuration's folder, else the current folder), absolute.
    public let root: String

    public init(files: some Sequence<String>, currentDirectory: String, root: String? = nil) {
        self.currentDirectory = currentDirectory
        self.root = Self.resolve(root ?? currentDirectory, in: currentDirectory)
        for file in files where absolutes[file] == nil {
            absolutes[file] = Self.resolve(file, in: currentDirectory)
        }
    }

    /// `file` as an absolute path with symlinks resolved.
    public func absolute(_ file: String) -> String {
        absolutes[file] ?? Self.resolve(file, in: currentDirectory)
    }

    /// `file` relative to the project root when under it, else absolute.
    public func projectPath(_ file: String) -> String {
        RelativePath.display(absolute(file), under: root)
    }

    static func resolve(_ path: String, in directory: String) -> String {
        PathNormalizer.canonical(path, relativeTo: directory)
    }
}
