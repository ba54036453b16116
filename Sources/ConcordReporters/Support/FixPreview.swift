import ConcordDiagnostics

/// The lines a fix changes, before and after, for showing an edit to a person: the lines the
/// edit's range touches (`-`) and the same lines with the edit made (`+`).
enum FixPreview {
    struct Line: Equatable {
        var sign: Character
        var number: Int
        var text: String
    }

    /// The preview of `edit` in `source` (the file's text), or nil when the edit does not fit it.
    static func lines(of edit: TextEdit, in source: String) -> [Line]? {
        let bytes = Array(source.utf8)
        let start = edit.range.start.offset, end = edit.range.end.offset
        guard start >= 0, start <= end, end <= bytes.count else { return nil }
        var from = start
        while from > 0, bytes[from - 1] != 0x0A { from -= 1 }
        // A range that ends at the start of a line (whole lines removed) stops before it.
        var to = end
        if end > start, end > 0, bytes[end - 1] == 0x0A {
            to = end
        } else {
            while to < bytes.count, bytes[to] != 0x0A { to += 1 }
            if to < bytes.count { to += 1 }
        }
        let pureInsertion = start == end && start == from && !edit.newText.isEmpty
        let old = pureInsertion ? [] : split(bytes[from..<to])
        let new = pureInsertion
            ? split(ArraySlice(Array(edit.newText.utf8)))
            : split(ArraySlice(Array(bytes[from..<start]) + Array(edit.newText.utf8) + Array(bytes[end..<to])))
        let firstLine = edit.range.start.line
        return old.enumerated().map { Line(sign: "-", number: firstLine + $0.offset, text: $0.element) }
            + new.enumerated().map { Line(sign: "+", number: firstLine + $0.offset, text: $0.element) }
    }

    /// Lines without their line ends (`\n` or `\r\n`; a trailing one makes no empty last line).
    private static func split(_ bytes: ArraySlice<UInt8>) -> [String] {
        guard !bytes.isEmpty else { return [] }
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if bytes.last == 0x0A { lines.removeLast() }
        return lines.map { line in String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self) }
    }
}

extension Report {
    /// How many diagnostics `--fix` would fix (a safe fix), and how many more `--unsafe-fixes`
    /// would (unsafe fixes only).
    var fixCounts: (safe: Int, unsafeOnly: Int) {
        var safe = 0, unsafe = 0
        for d in diagnostics where !d.fixes.isEmpty {
            if d.fixes.contains(where: { $0.applicability == .safe }) { safe += 1 } else { unsafe += 1 }
        }
        return (safe, unsafe)
    }
}
