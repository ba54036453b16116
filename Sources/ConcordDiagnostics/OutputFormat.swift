/// The output formats Concord can write a report in. The reporters implement them
/// (`ConcordReporters` adds `reporter` and `render`); the configuration and the command line name
/// them through `FormatChoice`.
public enum OutputFormat: String, CaseIterable, Sendable, Hashable {
    case pretty
    case gcc
    case json
    case sarif
    case github
    case junit
    case gitlab

    /// Whether the format's reports carry each diagnostic's fingerprint (the others need none
    /// computed).
    public var showsFingerprints: Bool {
        switch self {
        case .json, .sarif, .gitlab: return true
        case .pretty, .gcc, .github, .junit: return false
        }
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

/// What `--format` and the configuration's `format:` name: `auto` or one output format.
public enum FormatChoice: Hashable, Sendable, CaseIterable, RawRepresentable {
    case auto
    case fixed(OutputFormat)

    public static var allCases: [FormatChoice] { [.auto] + OutputFormat.allCases.map(FormatChoice.fixed) }

    public init?(rawValue: String) {
        if rawValue == "auto" {
            self = .auto
        } else if let format = OutputFormat(rawValue: rawValue) {
            self = .fixed(format)
        } else {
            return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .auto: return "auto"
        case .fixed(let format): return format.rawValue
        }
    }

    /// The concrete format: `auto` resolved with `OutputFormat.resolveAuto`.
    public func resolved(environment: [String: String], isTTY: Bool) -> OutputFormat {
        switch self {
        case .auto: return OutputFormat.resolveAuto(environment: environment, isTTY: isTTY)
        case .fixed(let format): return format
        }
    }
}

/// What `--fail-on` and the configuration's `fail-on:` name: the least severity that fails the
/// run, or `never`.
public enum FailOn: String, CaseIterable, Sendable, Hashable {
    case error, warning, info, never

    /// The threshold severity; nil for `never`.
    public var severity: Severity? {
        switch self {
        case .error: return .error
        case .warning: return .warning
        case .info: return .info
        case .never: return nil
        }
    }
}
