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
        var suppressions: [Suppression] = []
        for (path, file) in files.sorted(by: { $0.key < $1.key }) {
            suppressions += Suppressions.parse(file.bytes, file: path, lines: { file.position(ofOffset: $0) })
        }
        self.suppressions = suppressions
    }

    public func apply(_ diagnostics: consuming [Diagnostic], paths: GatePaths) -> [Diagnostic] {
        Suppressions.apply(suppressions, to: diagnostics, path: paths.absolute)
    }
}
