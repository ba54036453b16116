import ConcordDiagnostics
import ConcordYAML

/// `# concord-ignore:` comments: drops what they suppress and reports the ones that suppress
/// nothing. Comments and diagnostics are matched by normalised path, so `./a.yaml` and
/// `a.yaml` are the same file.
public struct SuppressionStage: GateStage {
    public let name = "suppressions"
    public var suppressions: [Suppression]

    public init(suppressions: [Suppression]) {
        self.suppressions = suppressions
    }

    /// The comments of every loaded file, in path order.
    public init(files: [String: YAMLFile]) {
        // Most files have none; only those that have are put in path order (sorting thousands
        // of one-record files' paths cost more than finding their comments). Many files are
        // searched on every core.
        let all = Array(files)
        var found = ChunkedWork.inChunks(all.count) { range in
            range.compactMap { i -> (path: String, suppressions: [Suppression])? in
                let (path, file) = all[i]
                let parsed = Suppressions.parse(file.bytes, file: path, lines: { file.position(ofOffset: $0) })
                return parsed.isEmpty ? nil : (path, parsed)
            }
        }.flatMap { $0 }
        found.sort { $0.path < $1.path }
        self.suppressions = found.flatMap(\.suppressions)
    }

    public func apply(_ diagnostics: consuming [Diagnostic], paths: GatePaths) -> [Diagnostic] {
        Suppressions.apply(suppressions, to: diagnostics, path: paths.absolute)
    }
}
