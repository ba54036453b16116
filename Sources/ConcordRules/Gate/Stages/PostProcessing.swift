import ConcordDiagnostics
import ConcordYAML

/// The gate's stages for one check, in order: suppressions, fingerprints, severity overrides,
/// ratchet, baseline, file filter, changed lines. Fingerprints come after suppressions (the
/// baseline stores what is reported) and before everything that reads them.
public struct PostProcessing: Sendable {
    public var stages: [any GateStage]
    public var paths: GatePaths

    public init(stages: [any GateStage], paths: GatePaths) {
        self.stages = stages
        self.paths = paths
    }

    /// The stages a request asks for.
    public init(request: CheckRequest, files: [String: YAMLFile], diagnostics: [Diagnostic], ratchet: Ratchet? = nil) {
        var stages: [any GateStage] = [SuppressionStage(files: files)]
        if request.fingerprints || request.baseline != nil || request.base != nil || ratchet != nil {
            stages.append(FingerprintStage(files: files))
        }
        if let configuration = request.configuration { stages.append(SeverityStage(configuration: configuration)) }
        if let ratchet { stages.append(RatchetStage(ratchet: ratchet)) }
        if let baseline = request.baseline { stages.append(BaselineStage(baseline: baseline)) }
        if let focus = request.focus {
            stages.append(FileFilterStage(roots: focus + request.loaderOnlyPaths.map(request.absolute)))
        }
        if let changed = request.changedLines { stages.append(ChangedLinesStage(changedLines: changed)) }
        // Resolved ahead: the files diagnostics point into (others, on demand).
        let files = Set(diagnostics.map(\.location.file))
        self.init(stages: stages, paths: GatePaths(files: files, currentDirectory: request.currentDirectory,
                                                  root: request.configuration?.directory))
    }

    /// Each stage in turn; the array is handed on, not copied, so that a stage that changes
    /// a few diagnostics changes them in place.
    public func apply(_ diagnostics: consuming [Diagnostic]) -> [Diagnostic] {
        var current = diagnostics
        for stage in stages { current = stage.apply(consume current, paths: paths) }
        return current
    }
}
