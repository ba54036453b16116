import ConcordDiagnostics
import ConcordSupport

/// Human-readable output in the style of rustc: a header, the location, a code frame with the span
/// underlined, related locations as notes with their own frames, help, and a summary line.
///
///     error[unique-id]: duplicate id "PAR"
///       --> data/cities.yaml:12:7 (document 2)
///        |
///     12 |   id: PAR
///        |       ^^^
///     note: first defined here
///       --> data/cities.yaml:3:7
///        |
///      3 |   id: PAR
///        |       ^^^
///        |
///        = help: ids must be unique across the dataset
///
///     ✖ 1 error in 3 files (120 records, 14 rules) in 0.12 s
public struct PrettyReporter: Reporter {
    public static let format = OutputFormat.pretty

    /// Ranges spanning more lines than this show their first and last two lines only.
    static let maxFrameLines = 5

    public init() {}

    public func write<Out: ReportStream>(_ report: Report, options: ReporterOptions, to out: inout Out) {
        var renderer = Renderer(report: report, options: options)
        for diagnostic in report.diagnostics {
            out.write(renderer.render(diagnostic))
            out.write("\n")
        }
        let symbol = Text.summarySymbol(report)
        let ansi = ANSI(enabled: options.color)
        let painted: String
        if report.count(of: .error) > 0 {
            painted = ansi.severity(.error, symbol)
        } else if report.count(of: .warning) > 0 {
            painted = ansi.severity(.warning, symbol)
        } else if report.count(of: .info) > 0 {
            painted = ansi.severity(.info, symbol)
        } else {
            painted = ansi.paint(symbol, "1;32")
        }
        out.write(painted + " " + ansi.bold(Text.summary(report)) + "\n")
    }
}

/// One line of a code frame.
private struct FrameLine {
    /// `nil` for the elision marker.
    var number: Int?
    var text: String
    /// Spaces then carets, without trailing spaces; `nil` when the line has nothing to mark.
    var underline: String?
}

private struct Renderer {
    let report: Report
    let options: ReporterOptions
    let ansi: ANSI
    var cache: [String: SourceLines] = [:]

    init(report: Report, options: ReporterOptions) {
        self.report = report
        self.options = options
        self.ansi = ANSI(enabled: options.color)
    }

    mutating func render(_ d: Diagnostic) -> String {
        let locations = [d.location] + d.related.map(\.location)
        // The gutter fits the largest line number a frame will show.
        var maxLine = 1
        for location in locations {
            guard let range = location.range, let source = sourceLines(location.file) else { continue }
            maxLine = max(maxLine, min(Coordinates.lastLine(of: range), source.count))
        }
        let previews = fixPreviews(d)
        for preview in previews { maxLine = max(maxLine, preview.lines.map(\.number).max() ?? 1) }
        let gutterWidth = String(maxLine).count
        let pad = Text.spaces(gutterWidth)

        var out = ""
        let label = d.severity.rawValue + "[" + Text.sanitize(d.ruleID, keepNewlines: false) + "]"
        out += headline(ansi.severity(d.severity, label), plainPrefixLength: label.unicodeScalars.count + 2,
                        message: d.message, boldMessage: true)
        out += frame(for: d.location, severity: d.severity, gutterWidth: gutterWidth)

        for related in d.related {
            out += headline(ansi.note("note"), plainPrefixLength: 6, message: related.message, boldMessage: false)
            out += frame(for: related.location, severity: nil, gutterWidth: gutterWidth)
        }

        if let help = d.help {
            out += pad + " " + ansi.gutter("|") + "\n"
            let lines = Text.lines(Text.sanitize(help, keepNewlines: true))
            let prefix = pad + " " + ansi.gutter("=") + " " + ansi.help("help") + ": "
            let continuation = Text.spaces(gutterWidth + 9)
            for (i, line) in lines.enumerated() {
                out += (i == 0 ? prefix : (line.isEmpty ? "" : continuation)) + line + "\n"
            }
        }
        for preview in previews { out += fixBlock(preview, gutterWidth: gutterWidth) }
        return out
    }

    /// `label: message`, continuation lines of the message aligned under its first line.
    private func headline(_ label: String, plainPrefixLength: Int, message: String, boldMessage: Bool) -> String {
        let lines = Text.lines(Text.sanitize(message, keepNewlines: true))
        var out = ""
        for (i, line) in lines.enumerated() {
            let text = boldMessage ? ansi.bold(line) : line
            if i == 0 {
                out += label + (boldMessage ? ansi.bold(":") : ":") + (line.isEmpty ? "" : " " + text) + "\n"
            } else {
                out += (line.isEmpty ? "" : Text.spaces(plainPrefixLength) + text) + "\n"
            }
        }
        return out
    }

    private func locationText(_ location: SourceLocation) -> String {
        var s = Text.sanitize(RelativePath.display(location.file, under: options.currentDirectory), keepNewlines: false)
        if let range = location.range {
            let c = Coordinates.clamped(range)
            s += ":\(c.start.line):\(c.start.column)"
        }
        if let document = location.document { s += " (document \(document))" }
        return s
    }

    /// The `-->` line and, when the source text is known, the code frame.
    private mutating func frame(for location: SourceLocation, severity: Severity?, gutterWidth: Int) -> String {
        let pad = Text.spaces(gutterWidth)
        var out = pad + ansi.gutter("-->") + " " + locationText(location) + "\n"
        guard let range = location.range, let lines = frameLines(location.file, range, gutterWidth: gutterWidth),
              !lines.isEmpty
        else { return out }
        let bar = ansi.gutter("|")
        out += pad + " " + bar + "\n"
        for line in lines {
            guard let number = line.number else {
                out += ansi.gutter("...") + "\n"
                continue
            }
            let numberText = String(number)
            out += ansi.gutter(Text.spaces(gutterWidth - numberText.count) + numberText + " |")
            out += line.text.isEmpty ? "\n" : " " + line.text + "\n"
            if let underline = line.underline {
                let carets = String(underline.drop { $0 == " " })
                let indent = Text.spaces(underline.count - carets.count)
                let painted = severity.map { ansi.severity($0, carets) } ?? ansi.note(carets)
                out += pad + " " + bar + " " + indent + painted + "\n"
            }
        }
        return out
    }

    private mutating func sourceLines(_ file: String) -> SourceLines? {
        if let cached = cache[file] { return cached }
        guard let text = report.sources[file] else { return nil }
        let lines = SourceLines(text)
        cache[file] = lines
        return lines
    }

    private mutating func frameLines(_ file: String, _ range: SourceRange, gutterWidth: Int) -> [FrameLine]? {
        guard let source = sourceLines(file) else { return nil }
        let c = Coordinates.clamped(range)
        let firstLine = c.start.line
        let lastLine = Coordinates.lastLine(of: range)
        guard source.line(firstLine) != nil else { return nil }

        // Never materialise a huge line range: at most `maxFrameLines` numbers.
        let last = max(firstLine, min(lastLine, source.count))
        var numbers: [Int]
        var elideAfter: Int?
        if last - firstLine + 1 > PrettyReporter.maxFrameLines {
            numbers = [firstLine, firstLine + 1, last - 1, last]
            elideAfter = 1
        } else {
            numbers = Array(firstLine...last)
        }
        let available = options.width.map { $0 - gutterWidth - 3 }

        var result: [FrameLine] = []
        for (index, number) in numbers.enumerated() {
            guard let scalars = source.line(number) else { break }
            let line = DisplayLine(scalars)
            let count = line.scalarCount
            var from: Int, to: Int
            if number == firstLine {
                from = c.start.column - 1
                to = number == c.end.line ? c.end.column - 1 : count
            } else {
                from = line.firstNonBlank(scalars)
                to = number == c.end.line ? c.end.column - 1 : count
            }
            // Columns past the end of the line point just after it.
            from = min(from, count)
            to = min(to, count + 1)
            var marks = true
            if number != firstLine, to <= from { marks = false }
            if number == firstLine, to < from { to = from }
            result.append(FrameLine.make(number: number, line: line, from: from, to: to,
                                         marks: marks, available: available))
            if index == elideAfter { result.append(FrameLine(number: nil, text: "", underline: nil)) }
        }
        return result
    }
}

private extension FrameLine {
    /// The frame line for `line` with scalars `[from, to)` underlined (at least one caret),
    /// shortened around the span when wider than `available` columns.
    static func make(number: Int, line: DisplayLine, from: Int, to: Int, marks: Bool, available: Int?) -> FrameLine {
        var startColumn = line.displayColumn(ofScalar: from)
        var endColumn = max(line.displayColumn(ofScalar: to), startColumn + 1)
        var text: String
        if let available, available >= 20, line.width > available {
            let count = line.scalarCount
            let anchor = min(from, count)
            let anchorColumn = line.displayColumn(ofScalar: anchor)
            var lo = anchor
            while lo > 0, anchorColumn - line.displayColumn(ofScalar: lo - 1) <= available / 4 { lo -= 1 }
            let prefix = lo > 0 ? "…" : ""
            let budget = available - (prefix.isEmpty ? 0 : 1) - 1
            var hi = lo
            while hi < count, line.displayColumn(ofScalar: hi + 1) - line.displayColumn(ofScalar: lo) <= budget {
                hi += 1
            }
            let suffix = hi < count ? "…" : ""
            text = prefix + line.text(lo..<hi) + suffix
            let shift = line.displayColumn(ofScalar: lo) - (prefix.isEmpty ? 0 : 1)
            let visibleEnd = line.displayColumn(ofScalar: hi) - shift + (suffix.isEmpty ? 0 : 1)
            startColumn = max(0, startColumn - shift)
            endColumn = max(startColumn + 1, min(endColumn - shift, max(visibleEnd, startColumn + 1)))
        } else {
            text = line.text(0..<line.scalarCount)
        }
        while let last = text.unicodeScalars.last, last == " " { text.unicodeScalars.removeLast() }
        let underline = marks
            ? Text.spaces(startColumn) + String(repeating: "^", count: endColumn - startColumn)
            : nil
        return FrameLine(number: number, text: text, underline: underline)
    }
}

/// Fixes under their diagnostic: `= fix (safe): description`, then for each edit in a file
/// whose text is known, the lines it changes before (`-`) and after (`+`):
///
///        |
///        = fix (unsafe): set member_count to 12
///        |
///     17 -     member_count: 11
///     17 +     member_count: 12
private struct FixBlock {
    var fix: Fix
    var lines: [FixPreview.Line]
}

private extension Renderer {
    func fixPreviews(_ d: Diagnostic) -> [FixBlock] {
        d.fixes.map { fix in
            var lines: [FixPreview.Line] = []
            for edit in fix.edits {
                guard let text = report.sources[edit.file], let preview = FixPreview.lines(of: edit, in: text) else { continue }
                lines += preview
            }
            return FixBlock(fix: fix, lines: lines)
        }
    }

    func fixBlock(_ block: FixBlock, gutterWidth: Int) -> String {
        let pad = Text.spaces(gutterWidth)
        let bar = ansi.gutter("|")
        var out = pad + " " + bar + "\n"
        out += pad + " " + ansi.gutter("=") + " " + ansi.help("fix (\(block.fix.applicability.rawValue))") + ": "
            + Text.sanitize(block.fix.description, keepNewlines: false) + "\n"
        guard !block.lines.isEmpty else { return out }
        out += pad + " " + bar + "\n"
        for line in block.lines {
            let number = String(line.number)
            let sign = line.sign == "-" ? ansi.severity(.error, "-") : ansi.note("+")
            let text = Text.sanitize(line.text, keepNewlines: false)
            out += ansi.gutter(Text.spaces(gutterWidth - number.count) + number) + " " + sign
                + (text.isEmpty ? "" : " " + text) + "\n"
        }
        return out
    }
}
