import ConcordDiagnostics

/// Each output format's reporter (`OutputFormat` itself is in ConcordDiagnostics, where the
/// configuration names it too).
extension OutputFormat {
    /// The reporter type implementing this format.
    public var reporterType: any Reporter.Type {
        switch self {
        case .pretty: return PrettyReporter.self
        case .gcc: return GCCReporter.self
        case .json: return JSONReporter.self
        case .sarif: return SARIFReporter.self
        case .github: return GitHubReporter.self
        case .junit: return JUnitReporter.self
        case .gitlab: return GitLabReporter.self
        }
    }

    /// A fresh reporter for this format.
    public var reporter: any Reporter { reporterType.init() }

    /// Renders `report` in this format.
    public func render(_ report: Report, options: ReporterOptions = ReporterOptions()) -> String {
        reporter.render(report, options: options)
    }

    /// Writes `report` in this format to `out` as it is produced.
    public func write<Out: ReportStream>(_ report: Report, options: ReporterOptions = ReporterOptions(), to out: inout Out) {
        reporter.write(report, options: options, to: &out)
    }
}
