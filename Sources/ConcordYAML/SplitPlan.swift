/// Where a large file is cut into parts that libyaml parses on different cores
/// (`ParallelEvents`).
///
/// A cut (a *seam*) is a line that looks like the start of an item of the file's first block
/// sequence: the same indentation, then `- `. Every part after the first is parsed by a parser
/// that first reads the file's `prefix` (from the start up to the second item of that sequence),
/// then the file from its seam on. Looking like an item is only a guess: a seam is used only when
/// the parser of the part before it arrives there in the very state that the part's own parser
/// arrived in (`SeamState`); otherwise the part before goes on by itself.
struct SplitPlan: Equatable {
    /// The end of the prefix (a byte offset in the text given to libyaml) and its characters.
    var prefixEnd: Int
    var prefixCharacters: Int
    /// Where the parts after the first begin: byte offsets, and character indexes as libyaml
    /// counts them.
    var seams: [Int]
    var seamCharacters: [Int]

    /// The plan for `body` (the text as libyaml reads it) in parts of about `partBytes`; nil when
    /// no two items start a block sequence within its first `prefixLimit` bytes, or the body is
    /// not more than one part.
    static func make(body: UnsafeBufferPointer<UInt8>, isASCII: Bool, partBytes: Int,
                     prefixLimit: Int = 1 << 16) -> SplitPlan? {
        let count = body.count
        let limit = min(count, prefixLimit)
        // The first line that opens an item (`- ` after spaces) sets the indentation.
        var line = 0
        var indent = -1
        while line < limit {
            var k = line
            while k < count, body[k] == UInt8(ascii: " ") { k += 1 }
            if k + 1 < count, body[k] == UInt8(ascii: "-"), body[k + 1] == UInt8(ascii: " ") {
                indent = k - line
                break
            }
            line = nextLine(after: line, in: body)
        }
        guard indent >= 0 else { return nil }
        let opensItem = { (q: Int) -> Bool in
            guard q + indent + 1 < count else { return false }
            for i in q..<(q + indent) where body[i] != UInt8(ascii: " ") { return false }
            return body[q + indent] == UInt8(ascii: "-") && body[q + indent + 1] == UInt8(ascii: " ")
        }
        var prefixEnd = nextLine(after: line, in: body)
        while prefixEnd < limit, !opensItem(prefixEnd) { prefixEnd = nextLine(after: prefixEnd, in: body) }
        guard prefixEnd < limit else { return nil }

        var seams: [Int] = []
        var target = prefixEnd + max(1, partBytes)
        while target < count {
            // The next line start at or after `target` that opens an item.
            var q = target == 0 || body[target - 1] == UInt8(ascii: "\n") ? target : nextLine(after: target, in: body)
            while q < count, !opensItem(q) { q = nextLine(after: q, in: body) }
            guard q < count else { break }
            seams.append(q)
            target = q + max(1, partBytes)
        }
        guard !seams.isEmpty else { return nil }
        var characters: [Int] = []
        var prefixCharacters = prefixEnd
        if isASCII {
            characters = seams
        } else {
            prefixCharacters = characterCount(body, 0, prefixEnd)
            var at = prefixEnd, total = prefixCharacters
            for seam in seams {
                total += characterCount(body, at, seam)
                at = seam
                characters.append(total)
            }
        }
        return SplitPlan(prefixEnd: prefixEnd, prefixCharacters: prefixCharacters, seams: seams,
                         seamCharacters: characters)
    }

    /// The offset just past the next line feed at or after `offset` (the end when none).
    private static func nextLine(after offset: Int, in body: UnsafeBufferPointer<UInt8>) -> Int {
        var i = offset
        while i < body.count, body[i] != UInt8(ascii: "\n") { i += 1 }
        return i + 1
    }

    /// UTF-8 characters in `body[from..<to]` (bytes that do not continue a character).
    private static func characterCount(_ body: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var n = 0
        for i in from..<to where body[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }
}
