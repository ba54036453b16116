import ConcordDiagnostics

/// The output formats. The CLI adds `auto` on top and maps it with `resolveAuto`.
public enum OutputFormat: String, CaseIterable, Sendable, Hashable {
    case pretty
    case gcc
    case json
    case sarif
    case github
    case junit
    case gitlab

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

    /// The usual file extension for output written to a file.
    public var fileExtension: String {
        switch self {
        case .pretty, .gcc, .github: return "txt"
        case .json, .gitlab: return "json"
        case .sarif: return "sarif"
        case .junit: return "xml"
        }
    }

    /// The `auto` format: `github` under GitHub Actions (`GITHUB_ACTIONS=true`), `pretty` on a
    /// terminal, `gcc` otherwise.
    public static func resolveAuto(environment: [String: String], isTTY: Bool) -> OutputFormat {
        if environment["GITHUB_ACTIONS"] == "true" { return .github }
        return isTTY ? .pretty : .gcc
    }
}
