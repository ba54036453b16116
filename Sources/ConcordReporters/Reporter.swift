import ConcordDiagnostics
import ConcordSupport

/// Where a reporter writes: a `String` (for `render`, tests and golden files), or the command
/// line's buffered standard output, so that a large report is streamed out as it is written
/// and never held whole.
public protocol ReportStream: TextOutputStream, JSONOutput {}

extension String: ReportStream {}

/// One output format. Implementations are small, stateless value types: `write` is a pure
/// function of the report and the options (no clock, no environment, no I/O but the stream it
/// is given), so the same input always gives byte-identical output.
public protocol Reporter: Sendable {
    /// The format this reporter implements.
    static var format: OutputFormat { get }
    init()
    /// Writes the whole output for `report` to `out`, in order. Non-empty output ends with a
    /// newline.
    func write<Out: ReportStream>(_ report: Report, options: ReporterOptions, to out: inout Out)
}

extension Reporter {
    /// The command-line name of the format (`--format NAME`).
    public static var identifier: String { format.rawValue }

    /// The whole output for `report`, as one string.
    public func render(_ report: Report, options: ReporterOptions) -> String {
        var out = ""
        write(report, options: options, to: &out)
        return out
    }
}

/// What the caller (the CLI) decides for every reporter.
public struct ReporterOptions: Sendable, Hashable {
    /// Whether to emit ANSI colour escapes (only `pretty` uses colour).
    public var color: Bool
    /// Absolute path of the current directory. Absolute file paths under it are printed relative
    /// to it; every other path is printed as given. `nil`: print paths as given.
    public var currentDirectory: String?
    /// Terminal width in columns, when known. `pretty` shortens very long source lines in code
    /// frames to fit; `nil` never shortens.
    public var width: Int?
    /// A URL describing the tool, written to SARIF `tool.driver.informationUri` when set.
    public var informationURI: String?

    public init(
        color: Bool = false,
        currentDirectory: String? = nil,
        width: Int? = nil,
        informationURI: String? = nil
    ) {
        self.color = color
        self.currentDirectory = currentDirectory
        self.width = width
        self.informationURI = informationURI
    }

    /// The colour policy: colour on a terminal, unless `NO_COLOR` is set to a non-empty value
    /// (https://no-color.org) or `TERM` is `dumb`.
    public static func shouldUseColor(environment: [String: String], isTTY: Bool) -> Bool {
        guard isTTY else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }
}

/// The one-line summary of a report ("✔ no problems in 12 files (28 records, 39 rules) in
/// 0.11 s"), which `pretty` prints last and the command line prints on standard error after the
/// other formats.
public enum ReportSummary {
    public static func line(_ report: Report) -> String {
        Text.summarySymbol(report) + " " + Text.summary(report)
    }
}
