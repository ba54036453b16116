import ConcordDiagnostics
import ConcordYAML

/// Gives every diagnostic its fingerprint (rule, project-relative file, node identity), once,
/// after suppressions, so that the baseline, SARIF and the ratchet all see the same value.
public struct FingerprintStage: GateStage {
    public let name = "fingerprints"
    public var files: [String: YAMLFile]

    public init(files: [String: YAMLFile]) {
        self.files = files
    }

    public func apply(_ diagnostics: consuming [Diagnostic], paths: GatePaths) -> [Diagnostic] {
        var diagnostics = diagnostics
        Fingerprints.assign(&diagnostics, files: files, path: paths.projectPath)
        return diagnostics
    }
}
