import ConcordDiagnostics

/// The edit that removes a comment: a comment alone on its line takes the line (and its line
/// break) with it; one after content takes the blanks before it, and the line break stays.
public enum CommentRemoval {
    /// The edit removing the comment at bytes `[start, end)` (`start` at its `#`), or nil.
    public static func edit(bytes: [UInt8], start: Int, end: Int, file: String,
                            position: (Int) -> SourcePosition) -> TextEdit? {
        guard start >= 0, end <= bytes.count, start < end, bytes[start] == UInt8(ascii: "#") else { return nil }
        func make(_ from: Int, _ to: Int) -> TextEdit {
            TextEdit(file: file, range: SourceRange(start: position(from), end: position(to)), newText: "")
        }
        var lineStart = start
        while lineStart > 0, bytes[lineStart - 1] != 0x0A, bytes[lineStart - 1] != 0x0D { lineStart -= 1 }
        if bytes[lineStart..<start].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            var next = end
            while next < bytes.count, bytes[next] != 0x0A, bytes[next] != 0x0D { next += 1 }
            if next < bytes.count, bytes[next] == 0x0D { next += 1 }
            if next < bytes.count, bytes[next] == 0x0A { next += 1 }
            if next > end || lineStart == 0 { return make(lineStart, next) }
            // The last line of a file without a final line break: take the break before it.
            let previousEnd = lineStart - (lineStart >= 2 && bytes[lineStart - 2] == 0x0D ? 2 : 1)
            return make(previousEnd, end)
        }
        var from = start
        while from > lineStart, bytes[from - 1] == 0x20 || bytes[from - 1] == 0x09 { from -= 1 }
        return make(from, end)
    }
}
