import ConcordDiagnostics
import ConcordSupport

/// GitHub Actions workflow commands, which the runner turns into annotations on the changed files:
///
///     ::error file=data/cities.yaml,line=3,col=7,endLine=3,endColumn=10,title=unique-id::duplicate id "PAR"
///
/// `warning` → `::warning`, `info` → `::notice`. Values are escaped exactly as `@actions/core`
/// does: in the message `%`, `\r`, `\n` become `%25`, `%0D`, `%0A`; in properties `:` and `,`
/// also become `%3A` and `%2C`. `endColumn` is exclusive and only given for single-line ranges
/// (GitHub ignores columns on multi-line annotations). Related locations and help are appended
/// to the message as `note:` / `help:` lines. The title is the rule id.
public struct GitHubReporter: Reporter {
    public static let format = OutputFormat.github

    public init() {}

    public func write<Out: ReportStream>(_ report: Report, options: ReporterOptions, to out: inout Out) {
        for d in report.diagnostics {
            var properties: [(String, String)] = [
                ("file", RelativePath.display(d.location.file, under: options.currentDirectory)),
            ]
            if let range = d.location.range {
                let c = Coordinates.clamped(range)
                let lastLine = Coordinates.lastLine(of: range)
                properties.append(("line", String(c.start.line)))
                properties.append(("col", String(c.start.column)))
                properties.append(("endLine", String(lastLine)))
                if lastLine == c.start.line, c.end.line == c.start.line {
                    properties.append(("endColumn", String(c.end.column)))
                }
            }
            properties.append(("title", d.ruleID))

            var message = d.message
            for related in d.related {
                message += "\nnote: " + GitHubReporter.locationText(related.location, options) + ": " + related.message
            }
            if let help = d.help { message += "\nhelp: " + help }

            out.write("::" + GitHubReporter.command(d.severity) + " ")
            out.write(properties.map { $0.0 + "=" + GitHubReporter.escapeProperty($0.1) }.joined(separator: ","))
            out.write("::" + GitHubReporter.escapeData(message) + "\n")
        }
    }

    static func command(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "notice"
        }
    }

    /// `@actions/core` `escapeData`: `%` → `%25`, `\r` → `%0D`, `\n` → `%0A`.
    public static func escapeData(_ value: String) -> String {
        percentEscaped(value, inProperty: false)
    }

    /// `@actions/core` `escapeProperty`: `escapeData` plus `:` → `%3A`, `,` → `%2C`.
    public static func escapeProperty(_ value: String) -> String {
        percentEscaped(value, inProperty: true)
    }

    private static func percentEscaped(_ value: String, inProperty: Bool) -> String {
        ScalarEscaping.escaped(value) { s in
            switch s {
            case "%": return "%25"
            case "\r": return "%0D"
            case "\n": return "%0A"
            case ":" where inProperty: return "%3A"
            case "," where inProperty: return "%2C"
            default: return nil
            }
        }
    }

    static func locationText(_ location: SourceLocation, _ options: ReporterOptions) -> String {
        var s = RelativePath.display(location.file, under: options.currentDirectory)
        if let range = location.range {
            let c = Coordinates.clamped(range)
            s += ":\(c.start.line):\(c.start.column)"
        }
        return s
    }

    /// A Markdown job summary for `$GITHUB_STEP_SUMMARY`: a heading, the summary line and a table
    /// of at most `maxRows` diagnostics (then a line saying how many were left out).
    public static func stepSummary(_ report: Report, options: ReporterOptions = ReporterOptions(),
                                   maxRows: Int = 200) -> String {
        var out = "## Concord\n\n"
        out += Text.summarySymbol(report) + " " + markdown(Text.summary(report)) + "\n"
        guard !report.diagnostics.isEmpty else { return out }
        out += "\n| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n"
        let limit = max(0, maxRows)
        for d in report.diagnostics.prefix(limit) {
            let icon: String
            switch d.severity {
            case .error: icon = "❌"
            case .warning: icon = "⚠️"
            case .info: icon = "ℹ️"
            }
            var message = markdown(d.message)
            if let help = d.help { message += "<br>*help:* " + markdown(help) }
            out += "| " + icon + " " + d.severity.rawValue
            out += " | " + code(d.ruleID)
            out += " | " + code(locationText(d.location, options))
            out += " | " + message + " |\n"
        }
        if report.diagnostics.count > limit {
            out += "\n… and " + Text.count(report.diagnostics.count - limit, "more diagnostic") + " not shown.\n"
        }
        return out
    }

    /// Text for a Markdown table cell: HTML-escaped, Markdown punctuation and `|` backslash-escaped,
    /// line breaks as `<br>`.
    static func markdown(_ text: String) -> String {
        var out = ""
        var previousWasCR = false
        for s in text.unicodeScalars {
            if s == "\n" && previousWasCR { previousWasCR = false; continue }
            previousWasCR = (s == "\r")
            switch s {
            case "\n", "\r": out += "<br>"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~", "!":
                out += "\\"
                out.unicodeScalars.append(s)
            default:
                if s.value < 0x20 || s.value == 0x7F { out += " " } else { out.unicodeScalars.append(s) }
            }
        }
        return out
    }

    /// A code span, or escaped text when `text` itself holds a backtick or a line break.
    static func code(_ text: String) -> String {
        if text.unicodeScalars.contains(where: { $0 == "`" || $0 == "\n" || $0 == "\r" || $0 == "|" }) {
            return markdown(text)
        }
        return "`" + text + "`"
    }
}
