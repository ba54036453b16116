import ConcordDiagnostics
import ConcordSupport

/// GitLab Code Quality (a subset of the Code Climate issue format): a JSON array of
/// `{description, check_name, fingerprint, severity, location: {path, lines: {begin, end}}}`.
///
/// Severity: `info` → `info`, `warning` → `minor`, `error` → `major`. The fingerprint is the
/// SHA-256 (hex) of the rule id, the path and the diagnostic's own fingerprint (or, without one,
/// its message); when several diagnostics give the same key, the second and later ones add their
/// occurrence number, so fingerprints are unique in a report and stable when lines move.
public struct GitLabReporter: Reporter {
    public static let format = OutputFormat.gitlab

    public init() {}

    public func write<Out: ReportStream>(_ report: Report, options: ReporterOptions, to out: inout Out) {
        var occurrences = OccurrenceCounter<String>()
        let issues: [JSONValue] = report.diagnostics.map { d in
            let path = RelativePath.display(d.location.file, under: options.currentDirectory)
            var key = "concord\u{0}" + d.ruleID + "\u{0}" + path + "\u{0}" + (d.fingerprint ?? d.message)
            let n = occurrences.next(key)
            if n > 0 { key += "\u{0}\(n)" }
            let begin = d.location.range.map { Coordinates.clamped($0).start.line } ?? 1
            let end = d.lastLine ?? begin
            return .object([
                ("description", .string(d.message)),
                ("check_name", .string(d.ruleID)),
                ("fingerprint", .string(SHA256.hex(key))),
                ("severity", .string(GitLabReporter.severity(d.severity))),
                ("location", .object([
                    ("path", .string(path)),
                    ("lines", .object([("begin", .int(begin)), ("end", .int(end))])),
                ])),
            ])
        }
        JSONValue.array(issues).write(to: &out)
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .info: return "info"
        case .warning: return "minor"
        case .error: return "major"
        }
    }
}
