import ConcordDiagnostics

/// What `concord test` prints: every example that did not behave as declared, at its place in
/// the rule file, with the positions expected (its `↓` markers) and found (line:column in the
/// example's text), the example itself with line numbers, then a summary line.
public struct ExampleReport: Sendable {
    public let outcomes: [ExampleRunner.Outcome]

    public init(outcomes: [ExampleRunner.Outcome]) {
        self.outcomes = outcomes
    }

    public var failures: [ExampleRunner.Outcome] { outcomes.filter { $0.problem != nil } }

    enum Text {
        static func heading(_ o: ExampleRunner.Outcome) -> String {
            "\(o.valid ? "valid" : "invalid") example \(o.number) of `\(o.ruleID)` fails"
        }
        static let expectedNothing = "no diagnostic"
        static let expectedSome = "a diagnostic (the example has no ↓ marker)"
        static func expectedAt(_ positions: [String]) -> String {
            "a diagnostic at " + positions.joined(separator: ", ") + " (the ↓ markers)"
        }
        static let actualNothing = "no diagnostic"
        static func summary(passed: Int, failed: Int, rules: Int) -> String {
            "examples: \(passed) passed, \(failed) failed, of \(rules) rule\(rules == 1 ? "" : "s")"
        }
    }

    /// The report; `path` turns a rule file's path into the form shown.
    public func render(path: (String) -> String = { $0 }) -> String {
        var out = ""
        for o in failures {
            let line = o.location.range?.start.line ?? 0, column = o.location.range?.start.column ?? 0
            out += "\(path(o.location.file)):\(line):\(column): error: \(Text.heading(o)) [\(o.ruleID)]\n"
            let expected = o.valid ? Text.expectedNothing : o.expected.isEmpty ? Text.expectedSome : Text.expectedAt(o.expected)
            out += "  expected: \(expected)\n"
            if o.diagnostics.isEmpty {
                out += "  actual:   \(Text.actualNothing)\n"
            } else {
                for (i, d) in o.diagnostics.enumerated() {
                    out += (i == 0 ? "  actual:   " : "            ") + ExampleRunner.describe(d) + "\n"
                }
            }
            out += "  example:\n"
            let lines = o.example.split(separator: "\n", omittingEmptySubsequences: false)
            for (n, text) in lines.enumerated() where !(n == lines.count - 1 && text.isEmpty) {
                let number = String(n + 1)
                out += String(repeating: " ", count: max(0, 6 - number.count)) + number + " | " + text + "\n"
            }
        }
        let rules = Set(outcomes.map(\.ruleID)).count
        out += Text.summary(passed: outcomes.count - failures.count, failed: failures.count, rules: rules) + "\n"
        return out
    }
}
