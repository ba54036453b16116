/// A point in a source file.
///
/// Coordinates follow the convention of compilers and editors:
/// - `line` is 1-based;
/// - `column` is 1-based and counts **Unicode scalars** (code points) from the start of the line,
///   so `é` or `→` counts as one column whatever its UTF-8 length;
/// - `offset` is the 0-based **byte** offset into the file's UTF-8 text (a leading BOM included).
public struct SourcePosition: Hashable, Sendable, Codable, Comparable {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A half-open span `[start, end)` of a source file: `end` is the position just after the last
/// character of the span.
public struct SourceRange: Hashable, Sendable, Codable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// An empty range at one point.
    public init(at position: SourcePosition) {
        self.init(start: position, end: position)
    }

    /// Whether the range touches `line` (a range ending at column 1 of a line does not touch it,
    /// unless it is empty and starts there).
    public func touches(line: Int) -> Bool {
        if line < start.line || line > end.line { return false }
        if line == end.line, end.column == 1, end.line > start.line { return false }
        return true
    }
}

/// Where a diagnostic or a value is: a file (as given to Concord, usually relative to the current
/// folder), an optional range in it, and for multi-document files the 1-based document number.
public struct SourceLocation: Hashable, Sendable, Codable {
    public var file: String
    public var range: SourceRange?
    /// 1-based index of the YAML document inside a multi-document file; `nil` for single-document
    /// files and for whole-file locations.
    public var document: Int?

    public init(file: String, range: SourceRange? = nil, document: Int? = nil) {
        self.file = file
        self.range = range
        self.document = document
    }
}
