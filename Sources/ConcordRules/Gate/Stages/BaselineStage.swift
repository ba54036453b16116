import ConcordDiagnostics

/// `--baseline FILE`: drops the diagnostics whose fingerprints the baseline holds.
public struct BaselineStage: GateStage {
    public let name = "baseline"
    public var baseline: Baseline

    public init(baseline: Baseline) {
        self.baseline = baseline
    }

    public func apply(_ diagnostics: consuming [Diagnostic], paths: GatePaths) -> [Diagnostic] {
        baseline.filter(diagnostics)
    }
}
