import ConcordDiagnostics

enum Text {
    /// `"1 error"`, `"2 errors"`.
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : (plural ?? singular + "s"))
    }

    /// Characters that can reorder or hide text on a terminal (Trojan Source).
    static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// Makes text safe for a terminal or a one-line format: control characters (other than tab
    /// and, when `keepNewlines`, line breaks) and bidi controls become `\u{XX}`. Line breaks
    /// (`\r\n`, `\r`, `\n`) become `\n` when kept, the two characters `\n` otherwise.
    static func sanitize(_ text: String, keepNewlines: Bool) -> String {
        // Printable ASCII and tabs (most messages and paths) are safe as they are.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 }) { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var previousWasCR = false
        for s in text.unicodeScalars {
            if s == "\n" && previousWasCR { previousWasCR = false; continue }
            previousWasCR = (s == "\r")
            if s == "\n" || s == "\r" {
                if keepNewlines { out.unicodeScalars.append("\n") } else { out += "\\n" }
            } else if s == "\t" {
                out.unicodeScalars.append(s)
            } else if s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0) || isBidiControl(s) {
                out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// Splits on `\n` (after `sanitize(_:keepNewlines: true)`).
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func spaces(_ n: Int) -> String { String(repeating: " ", count: max(0, n)) }

    /// Seconds with two decimals, without Foundation or locale: `0.12`, `3.00`.
    static func seconds(_ value: Double) -> String? {
        guard value.isFinite, value >= 0, value < 1e12 else { return nil }
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// The severity counts: `"2 errors, 1 warning, 3 info"` (zero counts left out); `nil` when
    /// there is no diagnostic.
    static func problemCounts(_ report: Report) -> String? {
        var parts: [String] = []
        let errors = report.count(of: .error), warnings = report.count(of: .warning)
        let infos = report.count(of: .info)
        if errors > 0 { parts.append(count(errors, "error")) }
        if warnings > 0 { parts.append(count(warnings, "warning")) }
        if infos > 0 { parts.append("\(infos) info") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// `"in 3 files (120 records, 14 rules) in 0.12 s"`.
    static func scope(_ statistics: Report.Statistics) -> String {
        var s = "in " + count(statistics.files, "file")
        s += " (" + count(statistics.records, "record") + ", " + count(statistics.rules, "rule") + ")"
        if let seconds = statistics.seconds, let text = Text.seconds(seconds) {
            s += " in \(text) s"
        }
        return s
    }

    /// The summary line without its symbol: `"2 errors, 1 warning in 3 files (…) in 0.12 s"` or
    /// `"no problems in 3 files (…)"`.
    static func summary(_ report: Report) -> String {
        (problemCounts(report) ?? "no problems") + " " + scope(report.statistics) + fixAvailability(report)
    }

    /// `"; 2 fixable with --fix (1 more with --unsafe-fixes)"`, or nothing when no diagnostic
    /// has a fix.
    static func fixAvailability(_ report: Report) -> String {
        let (safe, unsafe) = report.fixCounts
        guard safe + unsafe > 0 else { return "" }
        return "; \(safe) fixable with --fix" + (unsafe > 0 ? " (\(unsafe) more with --unsafe-fixes)" : "")
    }

    /// `✖` when there are errors, `⚠` for warnings, `ℹ` for info only, `✔` for none.
    static func summarySymbol(_ report: Report) -> String {
        if report.count(of: .error) > 0 { return "✖" }
        if report.count(of: .warning) > 0 { return "⚠" }
        if report.count(of: .info) > 0 { return "ℹ" }
        return "✔"
    }
}

extension Diagnostic {
    /// The last line the diagnostic touches (a range ending at column 1 of a later line ends on
    /// the line before).
    var lastLine: Int? {
        guard let range = location.range else { return nil }
        return Coordinates.lastLine(of: range)
    }
}

/// Clamping of coordinates coming from producers, so that no reporter prints a line or column
/// below 1 or an end before its start.
enum Coordinates {
    static func clamped(_ range: SourceRange) -> (start: (line: Int, column: Int), end: (line: Int, column: Int)) {
        let sl = max(1, range.start.line), sc = max(1, range.start.column)
        var el = max(1, range.end.line), ec = max(1, range.end.column)
        if (el, ec) < (sl, sc) { el = sl; ec = sc }
        return ((sl, sc), (el, ec))
    }

    static func lastLine(of range: SourceRange) -> Int {
        let c = clamped(range)
        if c.end.line > c.start.line && c.end.column == 1 { return c.end.line - 1 }
        return c.end.line
    }
}
