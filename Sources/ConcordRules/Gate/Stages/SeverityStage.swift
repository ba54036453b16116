import ConcordDiagnostics

/// The configuration's per-rule and per-path severities (`off` drops a diagnostic).
public struct SeverityStage: GateStage {
    public let name = "severity overrides"
    public var configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func apply(_ diagnostics: consuming [Diagnostic], paths: GatePaths) -> [Diagnostic] {
        configuration.applySeverities(diagnostics, absolutePath: paths.absolute)
    }
}
