import ConcordDiagnostics
import ConcordSupport

/// Concord's own JSON: a versioned, documented schema (see docs/formats.md). Keys are always
/// present, in a fixed order; absent values are `null`.
///
/// Version 2 (version 1 had no `fixes`):
///
///     {"version": 2,
///      "tool": {"name", "version"},
///      "summary": {"diagnostics", "errors", "warnings", "infos", "files", "records", "rules", "seconds"},
///      "diagnostics": [{"ruleId", "severity", "message", "file", "range", "document", "related",
///                       "help", "fingerprint",
///                       "fixes": [{"description", "applicability", "edits": [{"file", "range", "newText"}]}]}]}
public struct JSONReporter: Reporter {
    public static let format = OutputFormat.json
    /// The schema version written to `"version"`. Bumped only on incompatible changes.
    public static let schemaVersion = 2

    public init() {}

    public func write<Out: ReportStream>(_ report: Report, options: ReporterOptions, to out: inout Out) {
        let stats = report.statistics
        let root: JSONValue = .object([
            ("version", .int(JSONReporter.schemaVersion)),
            ("tool", .object([("name", .string("concord")), ("version", .string(report.toolVersion))])),
            ("summary", .object([
                ("diagnostics", .int(report.diagnostics.count)),
                ("errors", .int(report.count(of: .error))),
                ("warnings", .int(report.count(of: .warning))),
                ("infos", .int(report.count(of: .info))),
                ("files", .int(stats.files)),
                ("records", .int(stats.records)),
                ("rules", .int(stats.rules)),
                ("seconds", stats.seconds.map { .double($0) } ?? .null),
            ])),
            ("diagnostics", .elements(count: report.diagnostics.count) { diagnostic(report.diagnostics[$0], options) }),
        ])
        root.write(to: &out)
    }

    private func diagnostic(_ d: Diagnostic, _ options: ReporterOptions) -> JSONValue {
        .object([
            ("ruleId", .string(d.ruleID)),
            ("severity", .string(d.severity.rawValue)),
            ("message", .string(d.message)),
            ("file", .string(RelativePath.display(d.location.file, under: options.currentDirectory))),
            ("range", JSONReporter.range(d.location.range)),
            ("document", .optional(d.location.document)),
            ("related", .array(d.related.map { r in
                .object([
                    ("message", .string(r.message)),
                    ("file", .string(RelativePath.display(r.location.file, under: options.currentDirectory))),
                    ("range", JSONReporter.range(r.location.range)),
                    ("document", .optional(r.location.document)),
                ])
            })),
            ("help", .optional(d.help)),
            ("fingerprint", .optional(d.fingerprint)),
            ("fixes", .array(d.fixes.map { fix in
                .object([
                    ("description", .string(fix.description)),
                    ("applicability", .string(fix.applicability.rawValue)),
                    ("edits", .array(fix.edits.map { edit in
                        .object([
                            ("file", .string(RelativePath.display(edit.file, under: options.currentDirectory))),
                            ("range", JSONReporter.range(edit.range)),
                            ("newText", .string(edit.newText)),
                        ])
                    })),
                ])
            })),
        ])
    }

    static func range(_ range: SourceRange?) -> JSONValue {
        guard let range else { return .null }
        func position(_ p: SourcePosition) -> JSONValue {
            .object([("line", .int(p.line)), ("column", .int(p.column)), ("offset", .int(p.offset))])
        }
        return .object([("start", position(range.start)), ("end", position(range.end))])
    }
}
