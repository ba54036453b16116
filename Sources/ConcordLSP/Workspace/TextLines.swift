import ConcordDiagnostics

/// How a client counts characters in a line: UTF-16 code units (the protocol's default),
/// UTF-8 bytes or Unicode scalars (UTF-32).
public enum PositionEncoding: String, Sendable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case utf32 = "utf-32"

    /// The encoding to use: the first of the client's offers that the server knows, else UTF-16.
    public static func negotiate(_ offered: [String]?) -> PositionEncoding {
        for name in offered ?? [] {
            if let e = PositionEncoding(rawValue: name) { return e }
        }
        return .utf16
    }

    func units(_ scalar: Unicode.Scalar) -> Int {
        switch self {
        case .utf8: return UTF8.width(scalar)
        case .utf16: return UTF16.width(scalar)
        case .utf32: return 1
        }
    }
}

/// A document's text with the start of each line, converting between Concord's positions
/// (1-based line, 1-based column in Unicode scalars) and the protocol's (0-based line,
/// 0-based character in the negotiated encoding). Lines end at `\n`, `\r\n` or `\r`.
public struct TextLines: Sendable {
    public let text: String
    private let scalars: [Unicode.Scalar]
    /// Index in `scalars` of the first scalar of each line.
    private let starts: [Int]

    public init(_ text: String) {
        self.text = text
        let scalars = Array(text.unicodeScalars)
        var starts = [0]
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
            if c == "\n" || c == "\r" { starts.append(i + 1) }
            i += 1
        }
        self.scalars = scalars
        self.starts = starts
    }

    public var lineCount: Int { starts.count }

    /// The scalars of a 0-based line, without its line break.
    public func line(_ index: Int) -> String {
        guard index >= 0, index < starts.count else { return "" }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[starts[index]..<lineEnd(index)])
        return String(s)
    }

    private func lineEnd(_ index: Int) -> Int {
        var end = index + 1 < starts.count ? starts[index + 1] : scalars.count
        while end > starts[index], scalars[end - 1] == "\n" || scalars[end - 1] == "\r" { end -= 1 }
        return end
    }

    /// The protocol position of a Concord position (clamped to the text).
    public func position(line: Int, column: Int, encoding: PositionEncoding) -> Position {
        let index = max(0, min(line - 1, starts.count - 1))
        let start = starts[index], end = lineEnd(index)
        var character = 0
        var i = start
        while i < end, i - start < column - 1 {
            character += encoding.units(scalars[i])
            i += 1
        }
        return Position(line: index, character: character)
    }

    public func range(_ range: SourceRange?, encoding: PositionEncoding) -> Range {
        guard let range else { return Range(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0)) }
        return Range(start: position(line: range.start.line, column: range.start.column, encoding: encoding),
                     end: position(line: range.end.line, column: range.end.column, encoding: encoding))
    }

    /// The Concord position (1-based line and scalar column) of a protocol position.
    public func sourcePosition(_ position: Position, encoding: PositionEncoding) -> (line: Int, column: Int) {
        let index = max(0, min(position.line, starts.count - 1))
        return (index + 1, scalarIndex(position, encoding: encoding) - starts[index] + 1)
    }

    /// The index in the text's scalars of a protocol position (clamped to its line).
    private func scalarIndex(_ position: Position, encoding: PositionEncoding) -> Int {
        if position.line >= starts.count { return scalars.count }
        let index = max(0, position.line)
        let start = starts[index], end = lineEnd(index)
        var units = 0
        var i = start
        while i < end {
            let w = encoding.units(scalars[i])
            if units + w > position.character { break }
            units += w
            i += 1
        }
        return i
    }

    /// The text after replacing `range` (protocol positions) with `newText`.
    public func replacing(_ range: Range, with newText: String, encoding: PositionEncoding) -> String {
        let a = scalarIndex(range.start, encoding: encoding), b = max(a, scalarIndex(range.end, encoding: encoding))
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[0..<a])
        out.append(contentsOf: newText.unicodeScalars)
        out.append(contentsOf: scalars[b...])
        return String(out)
    }
}
