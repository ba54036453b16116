import ConcordDiagnostics
import ConcordSupport

/// One line per diagnostic in the GNU/GCC convention, parsed by VS Code's `$gcc` problem matcher,
/// vim's default `errorformat` and Emacs' compilation mode:
///
///     data/cities.yaml:3:7: error: duplicate id "PAR" [unique-id]
///     data/cities.yaml:1:7: note: first defined here
///
/// `info` prints as `note:` (as GCC does for informational messages; Emacs shows it as info, VS
/// Code's `$gcc` matcher ignores it). Related locations follow as `note:` lines without a rule id.
/// A whole-file diagnostic points at `1:1`. Line breaks in messages print as `\n` and control
/// characters as `\u{XX}`, so every diagnostic stays on one line. Help text is not printed.
public struct GCCReporter: Reporter {
    public static let format = OutputFormat.gcc

    public init() {}

    public func write<Out: ReportStream>(_ report: Report, options: ReporterOptions, to out: inout Out) {
        for d in report.diagnostics {
            out.write(GCCReporter.line(d.location, kind: GCCReporter.kind(d.severity), options: options))
            out.write(Text.sanitize(d.message, keepNewlines: false))
            out.write(" [" + Text.sanitize(d.ruleID, keepNewlines: false) + "]\n")
            for related in d.related {
                out.write(GCCReporter.line(related.location, kind: "note", options: options))
                out.write(Text.sanitize(related.message, keepNewlines: false) + "\n")
            }
        }
    }

    static func kind(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// `path:line:col: kind: `
    private static func line(_ location: SourceLocation, kind: String, options: ReporterOptions) -> String {
        let path = Text.sanitize(RelativePath.display(location.file, under: options.currentDirectory), keepNewlines: false)
        var line = 1, column = 1
        if let range = location.range {
            let c = Coordinates.clamped(range)
            line = c.start.line
            column = c.start.column
        }
        return "\(path):\(line):\(column): \(kind): "
    }
}
