/// Whether a fix keeps what the data means (`safe`: `concord check --fix` applies it) or may
/// change it (`unsafe`: applied only with `--unsafe-fixes`).
public enum FixApplicability: String, Sendable, Codable, CaseIterable, Comparable {
    case safe
    case unsafe

    public static func < (lhs: FixApplicability, rhs: FixApplicability) -> Bool {
        lhs == .safe && rhs == .unsafe
    }
}

/// One replacement of bytes of a file: the half-open `range` of the original text (its byte
/// offsets are what is replaced; lines and columns are for editors and SARIF) becomes
/// `newText`. An empty range inserts; an empty `newText` deletes.
public struct TextEdit: Hashable, Sendable, Codable {
    public var file: String
    public var range: SourceRange
    public var newText: String

    public init(file: String, range: SourceRange, newText: String) {
        self.file = file
        self.range = range
        self.newText = newText
    }

    /// The byte offsets replaced.
    public var byteRange: Range<Int> { range.start.offset..<max(range.start.offset, range.end.offset) }
}

/// A repair of a diagnostic: edits of the original text, applied together or not at all.
public struct Fix: Hashable, Sendable, Codable {
    /// What the fix does, for a person ("set member_count to 12").
    public var description: String
    public var applicability: FixApplicability
    /// Non-overlapping edits, in file and offset order.
    public var edits: [TextEdit]

    public init(description: String, applicability: FixApplicability, edits: [TextEdit]) {
        self.description = description
        self.applicability = applicability
        self.edits = edits.sorted { ($0.file, $0.range.start.offset, $0.range.end.offset) < ($1.file, $1.range.start.offset, $1.range.end.offset) }
    }

    /// The files the fix edits, in order.
    public var files: [String] {
        var seen: [String] = []
        for edit in edits where !seen.contains(edit.file) { seen.append(edit.file) }
        return seen
    }
}
