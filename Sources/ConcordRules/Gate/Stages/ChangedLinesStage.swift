import ConcordDiagnostics

/// `--changed-since REF`: only diagnostics on lines that differ from the revision.
public struct ChangedLinesStage: GateStage {
    public let name = "changed lines"
    public var changedLines: ChangedLines

    public init(changedLines: ChangedLines) {
        self.changedLines = changedLines
    }

    public func apply(_ diagnostics: consuming [Diagnostic], paths: GatePaths) -> [Diagnostic] {
        diagnostics.filter { changedLines.touches($0.location, absolutePath: paths.absolute($0.location.file)) }
    }
}
