import ConcordDiagnostics
import ConcordSupport

/// JUnit XML for Jenkins, GitLab and other CI test reports.
///
/// One `<testsuite>` per file with diagnostics; in it one `<testcase name="RULE" classname="FILE">`
/// per rule of the run (`Report.rules`) and per other rule with diagnostics in that file. A test
/// case fails (`<failure type="error|warning">`) when the rule has errors or warnings in the file;
/// its body lists each violation as `line:col: severity: message` (whole-file ones at `1:1`).
/// Info-only test cases pass and list their messages in `<system-out>`. With no diagnostic at
/// all, a single passing suite `concord` is written so the report is never empty.
public struct JUnitReporter: Reporter {
    public static let format = OutputFormat.junit

    public init() {}

    public func write<Out: ReportStream>(_ report: Report, options: ReporterOptions, to out: inout Out) {
        // Files in report order, diagnostics grouped by file then rule.
        var files: [String] = []
        var byFile: [String: [Diagnostic]] = [:]
        for d in report.diagnostics {
            if byFile[d.location.file] == nil { files.append(d.location.file) }
            byFile[d.location.file, default: []].append(d)
        }
        var declared: [String] = []
        var seen = Set<String>()
        for rule in report.rules where seen.insert(rule.id).inserted { declared.append(rule.id) }

        var suites: [String] = []
        var totalTests = 0, totalFailures = 0
        for file in files {
            let diagnostics = byFile[file] ?? []
            let path = RelativePath.display(file, under: options.currentDirectory)
            var ruleIDs = declared
            let extra = Set(diagnostics.map(\.ruleID)).subtracting(seen).sorted()
            ruleIDs += extra
            var cases = ""
            var failures = 0
            for id in ruleIDs {
                let hits = diagnostics.filter { $0.ruleID == id }
                cases += testcase(id: id, path: path, hits: hits, failed: &failures)
            }
            totalTests += ruleIDs.count
            totalFailures += failures
            suites.append("  <testsuite name=\"\(XML.escape(path, attribute: true))\" tests=\"\(ruleIDs.count)\""
                + " failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n" + cases + "  </testsuite>\n")
        }
        if files.isEmpty {
            totalTests = 1
            suites.append("  <testsuite name=\"concord\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
                + "    <testcase name=\"concord\" classname=\"concord\"/>\n  </testsuite>\n")
        }

        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.write("<testsuites name=\"concord\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\"")
        if let seconds = report.statistics.seconds, let text = Text.seconds(seconds) { out.write(" time=\"\(text)\"") }
        out.write(">\n")
        out.write(suites.joined())
        out.write("</testsuites>\n")
    }

    private func testcase(id: String, path: String, hits: [Diagnostic], failed: inout Int) -> String {
        let open = "    <testcase name=\"\(XML.escape(id, attribute: true))\" classname=\"\(XML.escape(path, attribute: true))\""
        if hits.isEmpty { return open + "/>\n" }
        let body = hits.map { d -> String in
            var line = 1, column = 1
            if let range = d.location.range {
                let c = Coordinates.clamped(range)
                line = c.start.line; column = c.start.column
            }
            var text = "\(line):\(column): \(d.severity.rawValue): \(d.message)"
            if let document = d.location.document { text += " (document \(document))" }
            return text
        }.joined(separator: "\n")
        let failing = hits.filter { $0.severity >= .warning }
        guard let worst = failing.map(\.severity).max() else {
            return open + ">\n      <system-out>" + XML.escape(body, attribute: false) + "</system-out>\n    </testcase>\n"
        }
        failed += 1
        let message = failing.count == 1 ? failing[0].message : Text.count(failing.count, "violation")
        return open + ">\n      <failure message=\"\(XML.escape(message, attribute: true))\" type=\"\(worst.rawValue)\">"
            + XML.escape(body, attribute: false) + "</failure>\n    </testcase>\n"
    }
}
