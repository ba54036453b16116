import ConcordDiagnostics
import ConcordSupport

/// Diagnostics as the tests write their expectations. One place for every form:
/// - `gcc`: the `gcc` reporter's lines with the end of each range added
///   (`pledges.yaml:7:13-7:30: error: message [rule-id]`, related places as `note:` lines) —
///   the form of the fixtures' `expected.txt`;
/// - `compact`: `file:7:13-7:30 rule-id: message`, one line, for tests that list diagnostics
///   inline.
/// Paths are shown relative to `folder` when they are under it.
public enum DiagnosticText {
    /// `file:line:col-endLine:endCol`, or the file alone for a whole-file location.
    public static func place(_ location: SourceLocation, relativeTo folder: String? = nil) -> String {
        let file = RelativePath.display(location.file, under: folder)
        guard let r = location.range else { return file }
        return "\(file):\(r.start.line):\(r.start.column)-\(r.end.line):\(r.end.column)"
    }

    /// One diagnostic in gcc form: its line, then a `note:` line for each related place.
    public static func gcc(_ d: Diagnostic, relativeTo folder: String? = nil) -> String {
        let kind: String
        switch d.severity {
        case .error: kind = "error"
        case .warning: kind = "warning"
        case .info: kind = "note"
        }
        var text = "\(place(d.location, relativeTo: folder)): \(kind): \(d.message) [\(d.ruleID)]\n"
        for related in d.related {
            text += "\(place(related.location, relativeTo: folder)): note: \(related.message)\n"
        }
        return text
    }

    /// Diagnostics in gcc form, in the order given.
    public static func gcc(_ diagnostics: [Diagnostic], relativeTo folder: String? = nil) -> String {
        diagnostics.map { gcc($0, relativeTo: folder) }.joined()
    }

    /// `file:7:13-7:30 rule-id: message`.
    public static func compact(_ d: Diagnostic) -> String {
        let r = d.location.range
        let span = r.map { "\($0.start.line):\($0.start.column)-\($0.end.line):\($0.end.column)" } ?? "-"
        return "\(d.location.file):\(span) \(d.ruleID): \(d.message)"
    }

    /// Diagnostics sorted by file, line, column and rule id (a stable order for comparisons).
    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted {
            let a = ($0.location.file, $0.location.range?.start.line ?? 0, $0.location.range?.start.column ?? 0, $0.ruleID)
            let b = ($1.location.file, $1.location.range?.start.line ?? 0, $1.location.range?.start.column ?? 0, $1.ruleID)
            return a < b
        }
    }
}
