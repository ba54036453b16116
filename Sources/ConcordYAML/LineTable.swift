import ConcordDiagnostics

/// Line starts of a file, to turn byte offsets into 1-based lines and columns (columns count
/// Unicode scalars). Line breaks are `\n`, `\r\n` and a lone `\r`, as editors count them.
struct LineTable: Sendable {
    /// Byte offset of the first character of each line; line 1 starts after a BOM.
    let starts: [UInt32]
    /// One bit per line: set when the line holds a byte ≥ 0x80 (then columns need counting).
    let nonASCII: [UInt64]

    init(starts: [UInt32], nonASCII: [UInt64]) {
        self.starts = starts
        self.nonASCII = nonASCII
    }

    /// The position of a byte offset (clamped to the text).
    func position(ofOffset offset: Int, in bytes: [UInt8]) -> SourcePosition {
        let target = UInt32(clamping: max(0, min(offset, bytes.count)))
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= target { lo = mid } else { hi = mid - 1 }
        }
        let lineStart = Int(starts[lo])
        let end = Int(target)
        var column = 1
        if end > lineStart {
            let word = lo / 64, bit = UInt64(1) << UInt64(lo % 64)
            if word < nonASCII.count, nonASCII[word] & bit != 0 {
                for i in lineStart..<end where bytes[i] & 0xC0 != 0x80 { column += 1 }
            } else {
                column += end - lineStart
            }
        }
        return SourcePosition(line: lo + 1, column: column, offset: end)
    }
}
