import ConcordDiagnostics
import Foundation

/// The project a command works on, found from a folder: the one discovery shared by `check`,
/// `rules`, `explain` and `lsp`.
///
/// Walking up from the starting folder, the nearest `.concord.yaml` wins; without one, the
/// nearest folder holding a `Datasets/` folder (the shipped layout, with `Rules/` beside it) is
/// the project. With neither, the starting folder is the project (and the defaults
/// `Datasets/` and `Rules/` are relative to it, as before).
public struct Project: Sendable, Equatable {
    /// The project's folder (absolute, standardized): the configuration's folder, or the folder
    /// holding `Datasets/`.
    public var root: String
    /// The configuration file, when there is one.
    public var configurationFile: String?

    public init(root: String, configurationFile: String? = nil) {
        self.root = root
        self.configurationFile = configurationFile
    }

    /// The folder whose `Datasets/` marks a project without a configuration file.
    public static let datasetFolder = "Datasets"

    /// The project that `directory` (a folder, or a file whose folder is used) is in.
    public static func discover(from directory: String) -> Project {
        var start = URL(fileURLWithPath: directory).standardizedFileURL
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: start.path, isDirectory: &isFolder), !isFolder.boolValue {
            start = start.deletingLastPathComponent()
        }
        if let file = Configuration.find(from: start.path) {
            let root = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.path
            return Project(root: root, configurationFile: file)
        }
        if let root = nearest(from: start, holding: datasetFolder) {
            return Project(root: root)
        }
        return Project(root: start.path)
    }

    /// The configuration of the project: its `.concord.yaml` loaded, or the defaults of its
    /// folder. Errors of the file are positioned diagnostics. `text` overrides the file's.
    public func configuration(text: String? = nil) -> (Configuration, [Diagnostic]) {
        guard let configurationFile else { return (Configuration(directory: root), []) }
        return Configuration.load(configurationFile, text: text)
    }

    private static func nearest(from start: URL, holding folder: String) -> String? {
        var url = start
        while true {
            var isFolder: ObjCBool = false
            let candidate = url.appendingPathComponent(folder).path
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), isFolder.boolValue {
                return url.path
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }
}
