import ConcordDiagnostics
import ConcordReporters

/// A report whose diagnostics carry fixes (safe and unsafe, a replacement, an insertion of a
/// line, a removal of lines, CRLF line ends, an edit in a file without text), for the fix
/// goldens and the SARIF validation of `fixes`.
enum FixFixture {
    static let path = "/repo/data/coalitions.yaml"
    static let text = "coalitions:\r\n  - id: it\r\n    members: [EE, LU, NO, EE]\r\n    member_count: 3\r\n  - id: f16\r\n    leaders: [dk]\r\n"

    static func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> SourceRange {
        Fixture.range(text, l1, c1, l2, c2)
    }

    static func edit(_ r: SourceRange, _ newText: String, file: String = path) -> TextEdit {
        TextEdit(file: file, range: r, newText: newText)
    }

    static var report: Report {
        let diagnostics: [Diagnostic] = [
            Diagnostic(ruleID: "member-count-matches", severity: .error, message: "member_count is 3 but 4 members are listed",
                       location: SourceLocation(file: path, range: range(4, 19, 4, 20)),
                       fixes: [Fix(description: "set member_count to 4", applicability: .unsafe,
                                   edits: [edit(range(4, 19, 4, 20), "4")])]),
            Diagnostic(ruleID: "yaml-ambiguous-scalar", severity: .warning, message: "`NO` is false in YAML 1.1",
                       location: SourceLocation(file: path, range: range(3, 23, 3, 25)),
                       fixes: [Fix(description: "quote it: \"NO\"", applicability: .safe,
                                   edits: [edit(range(3, 23, 3, 25), "\"NO\"")])]),
            Diagnostic(ruleID: "members-unique", severity: .error, message: "EE is listed twice",
                       location: SourceLocation(file: path, range: range(3, 27, 3, 29)),
                       fixes: [Fix(description: "remove the second EE", applicability: .unsafe,
                                   edits: [edit(range(3, 25, 3, 29), "")])]),
            Diagnostic(ruleID: "founded-required", severity: .error, message: "missing `founded`",
                       location: SourceLocation(file: path, range: range(5, 5, 5, 7)),
                       fixes: [Fix(description: "add founded", applicability: .unsafe,
                                   edits: [edit(range(7, 1, 7, 1), "    founded: \"2023\"\r\n")])]),
            Diagnostic(ruleID: "leader-codes-valid", severity: .error, message: "leader dk is not an ISO code",
                       location: SourceLocation(file: path, range: range(6, 15, 6, 17)),
                       fixes: [
                        Fix(description: "upper-case dk to DK", applicability: .safe, edits: [edit(range(6, 15, 6, 17), "DK")]),
                        Fix(description: "drop the leaders", applicability: .unsafe, edits: [
                            edit(range(6, 1, 7, 1), ""),
                            edit(SourceRange(start: SourcePosition(line: 1, column: 1, offset: 0),
                                             end: SourcePosition(line: 1, column: 1, offset: 0)),
                                 "# leaders dropped\n", file: "data/notes.yaml"),
                        ]),
                       ]),
        ]
        return Report(diagnostics: diagnostics, statistics: Report.Statistics(files: 1, records: 2, rules: 5, seconds: nil),
                      sources: [path: text], toolVersion: "0.1.0")
    }
}
