import XCTest
@testable import ConcordYAML

/// The encoding check's fast path and the line table it builds.
final class SourceTextTests: XCTestCase {
    /// Eight bytes at a time, the run of printable ASCII stops where the byte-by-byte scan
    /// would, or at most seven bytes before it (never after).
    func testASCIIRunsEndWhereAByteByByteScanEnds() {
        var generator = SystemRandomNumberGenerator()
        let edges: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x41, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...40, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0x20...0x7F, using: &generator) }
            if !bytes.isEmpty, Bool.random(using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = edges.randomElement(using: &generator) ?? 0
            }
            let start = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &generator)
            var exact = start
            while exact < bytes.count, bytes[exact] >= 0x20, bytes[exact] < 0x80 { exact += 1 }
            let fast = SourceText.asciiRunEnd(bytes, from: start)
            XCTAssertLessThanOrEqual(fast, exact, "\(bytes) from \(start)")
            XCTAssertGreaterThan(fast + 8, exact, "\(bytes) from \(start)")
        }
    }

    /// Lines, columns and problems are found at the same places whether the bytes before
    /// them are read eight at a time or one at a time.
    func testPositionsAfterLongASCIIRuns() throws {
        let long = String(repeating: "abcdefgh", count: 5)
        guard case .success(let text) = SourceText.validate(Array("\(long)x\n\(long)é\n\(long)\r\nz".utf8)) else {
            return XCTFail("valid UTF-8 was refused")
        }
        XCTAssertFalse(text.isASCII)
        XCTAssertEqual(text.lines.position(ofOffset: 127, in: text.bytes).line, 4)
        guard case .failure(.invalidUTF8(let p)) = SourceText.validate(Array("\(long)\n\(long)abc".utf8) + [0xFF]) else {
            return XCTFail("invalid UTF-8 was accepted")
        }
        XCTAssertEqual([p.line, p.column, p.offset], [2, 44, 84])
        guard case .failure(.nulByte(let n)) = SourceText.validate(Array("\(long)abcdefg".utf8) + [0]) else {
            return XCTFail("a NUL byte was accepted")
        }
        XCTAssertEqual([n.line, n.column, n.offset], [1, 48, 47])
    }
}
