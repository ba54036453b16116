import ConcordDiagnostics

/// The bytes of one file, checked for encoding before libyaml sees them, and the mapping from
/// libyaml's character indexes to byte offsets.
struct SourceText {
    enum EncodingProblem: Error, Equatable {
        case unsupportedEncoding(String)
        case invalidUTF8(SourcePosition)
        case nulByte(SourcePosition)
    }

    let bytes: [UInt8]
    /// 3 when the file starts with a UTF-8 byte order mark (which libyaml never sees), else 0.
    let bomLength: Int
    /// Pure ASCII: character index and byte offset coincide.
    let isASCII: Bool
    let lines: LineTable

    /// Checks the encoding; returns the problem at its position when the text is not plain UTF-8.
    static func validate(_ bytes: [UInt8]) -> Result<SourceText, EncodingProblem> {
        let count = bytes.count
        if count >= 4, bytes[0] == 0, bytes[1] == 0, bytes[2] == 0xFE, bytes[3] == 0xFF {
            return .failure(.unsupportedEncoding("UTF-32 (big-endian)"))
        }
        if count >= 4, bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0, bytes[3] == 0 {
            return .failure(.unsupportedEncoding("UTF-32 (little-endian)"))
        }
        if count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return .failure(.unsupportedEncoding("UTF-16 (big-endian)"))
        }
        if count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return .failure(.unsupportedEncoding("UTF-16 (little-endian)"))
        }
        let bom = (count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) ? 3 : 0

        if count >= Int(UInt32.max) {
            return .failure(.unsupportedEncoding("larger than 4 GiB"))
        }
        var ascii = true
        var lineASCII = true
        var line = 1
        var column = 1
        var starts: [UInt32] = [UInt32(bom)]
        starts.reserveCapacity(count / 24 + 16)
        var nonASCII: [UInt64] = []
        func endLine(nextStart: Int) {
            if !lineASCII {
                let index = line - 1, word = index / 64
                while nonASCII.count <= word { nonASCII.append(0) }
                nonASCII[word] |= UInt64(1) << UInt64(index % 64)
            }
            starts.append(UInt32(nextStart))
            line += 1
            column = 1
            lineASCII = true
        }
        var i = bom
        while i < count {
            let b = bytes[i]
            // Skip runs of plain ASCII quickly.
            if b >= 0x20, b < 0x80 {
                var j = asciiRunEnd(bytes, from: i + 1)
                while j < count {
                    let c = bytes[j]
                    if c < 0x20 || c >= 0x80 { break }
                    j += 1
                }
                column += j - i
                i = j
                continue
            }
            if b < 0x80 {
                if b == 0 {
                    return .failure(.nulByte(SourcePosition(line: line, column: column, offset: i)))
                }
                if b == 0x0A {
                    endLine(nextStart: i + 1)
                } else if b == 0x0D {
                    if i + 1 < count, bytes[i + 1] == 0x0A {
                        i += 1
                    }
                    endLine(nextStart: i + 1)
                } else {
                    column += 1
                }
                i += 1
                continue
            }
            ascii = false
            lineASCII = false
            let width = utf8SequenceLength(bytes, at: i)
            if width == 0 {
                return .failure(.invalidUTF8(SourcePosition(line: line, column: column, offset: i)))
            }
            i += width
            column += 1
        }
        if !lineASCII {
            let index = line - 1, word = index / 64
            while nonASCII.count <= word { nonASCII.append(0) }
            nonASCII[word] |= UInt64(1) << UInt64(index % 64)
        }
        return .success(SourceText(bytes: bytes, bomLength: bom, isASCII: ascii,
                                   lines: LineTable(starts: starts, nonASCII: nonASCII)))
    }

    /// The end of the run of printable ASCII bytes (0x20–0x7F) from `start`, found eight bytes
    /// at a time (it may stop up to seven bytes early; the caller finishes byte by byte).
    @inline(__always)
    static func asciiRunEnd(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            var k = start
            while k + 8 <= raw.count {
                let w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                // A byte with its top bit set, or (the others being below 0x80) below 0x20.
                let high = w & 0x8080_8080_8080_8080
                let low = (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080
                if high | low != 0 { break }
                k += 8
            }
            return k
        }
    }

    /// The length of the well-formed UTF-8 sequence at `i`, or 0 when it is ill-formed
    /// (overlong forms, surrogates and code points above U+10FFFF are ill-formed).
    private static func utf8SequenceLength(_ b: [UInt8], at i: Int) -> Int {
        let n = b.count
        let b0 = b[i]
        func cont(_ k: Int) -> Bool { i + k < n && b[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return cont(1) && b[i + 1] >= 0xA0 && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xED:
            return cont(1) && b[i + 1] < 0xA0 && cont(2) ? 3 : 0
        case 0xF0:
            return cont(1) && b[i + 1] >= 0x90 && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return cont(1) && b[i + 1] < 0x90 && cont(2) && cont(3) ? 4 : 0
        default:
            return 0
        }
    }
}

/// Maps libyaml's 0-based character indexes to byte offsets. Marks arrive almost in order, so a
/// forward cursor with checkpoints every few thousand characters keeps the whole file O(n).
final class OffsetMapper {
    private let bytes: [UInt8]
    private let base: Int
    private let isASCII: Bool
    private var cursorChar = 0
    private var cursorByte: Int
    /// (character index, byte offset) every `stride` characters, in increasing order.
    private var checkpoints: [(Int, Int)] = []
    private let stride = 4096

    init(_ text: SourceText) {
        bytes = text.bytes
        base = text.bomLength
        isASCII = text.isASCII
        cursorByte = text.bomLength
        checkpoints.append((0, text.bomLength))
    }

    func byteOffset(ofCharacter index: Int) -> Int {
        if isASCII { return min(base + index, bytes.count) }
        if index < cursorChar {
            // Jump back to the nearest checkpoint at or before `index`.
            var lo = 0, hi = checkpoints.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if checkpoints[mid].0 <= index { lo = mid } else { hi = mid - 1 }
            }
            (cursorChar, cursorByte) = checkpoints[lo]
        }
        while cursorChar < index && cursorByte < bytes.count {
            let b = bytes[cursorByte]
            let width: Int
            if b < 0x80 { width = 1 } else if b < 0xE0 { width = 2 } else if b < 0xF0 { width = 3 } else { width = 4 }
            cursorByte += width
            cursorChar += 1
            if cursorChar % stride == 0, let last = checkpoints.last, last.0 < cursorChar {
                checkpoints.append((cursorChar, cursorByte))
            }
        }
        return min(cursorByte, bytes.count)
    }
}
