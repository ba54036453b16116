import ConcordDiagnostics

/// `--ratchet`: violations already present at the base on unchanged records become `info`.
public struct RatchetStage: GateStage {
    public let name = "ratchet"
    public var ratchet: Ratchet

    public init(ratchet: Ratchet) {
        self.ratchet = ratchet
    }

    public func apply(_ diagnostics: consuming [Diagnostic], paths: GatePaths) -> [Diagnostic] {
        ratchet.apply(diagnostics)
    }
}
