/// Reads JSON text token by token from its UTF-8 bytes: the one JSON reader in Concord (CEL's
/// `json` values build a tree with it; the baseline reads its entries straight from it).
public struct JSONReader {
    /// What is wrong and the byte offset where it was found.
    public struct Failure: Error {
        public var message: String
        public var offset: Int
    }

    public let bytes: [UInt8]
    /// The offset of the next byte to read.
    public private(set) var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next byte after white space, without reading it (nil at the end).
    public mutating func peek() -> UInt8? {
        skipWhiteSpace()
        return offset < bytes.count ? bytes[offset] : nil
    }

    /// Reads `byte` (after white space), or fails with `expected`.
    public mutating func expect(_ byte: UInt8, _ expected: String) throws(Failure) {
        guard peek() == byte else { throw failure(expected) }
        offset += 1
    }

    /// Reads `byte` (after white space) if it comes next.
    public mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    /// After the opening `[` or `{`: reads `,` and answers true, or reads `close` and answers
    /// false; `first` says whether no member was read yet (then `close` may come at once).
    public mutating func nextMember(first: Bool, close: UInt8) throws(Failure) -> Bool {
        if first { return !take(close) }
        if take(UInt8(ascii: ",")) { return true }
        if take(close) { return false }
        throw failure(close == UInt8(ascii: "]") ? "expected ',' or ']'" : "expected ',' or '}'")
    }

    /// Whether only white space is left.
    public mutating func atEnd() -> Bool { peek() == nil }

    public func failure(_ message: String) -> Failure { Failure(message: message, offset: offset) }

    private mutating func skipWhiteSpace() {
        while offset < bytes.count, bytes[offset] == 32 || bytes[offset] == 9 || bytes[offset] == 10 || bytes[offset] == 13 {
            offset += 1
        }
    }

    /// Reads a string (after white space), unescaping it.
    public mutating func string() throws(Failure) -> String {
        try expect(UInt8(ascii: "\""), "expected a string")
        // Most strings hold no escape: their text is the bytes up to the closing quote.
        let start = offset
        while offset < bytes.count, bytes[offset] != UInt8(ascii: "\""), bytes[offset] != UInt8(ascii: "\\") { offset += 1 }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") {
            offset += 1
            return String(decoding: bytes[start..<offset - 1], as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            if !run.isEmpty {
                scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
                run.removeAll()
            }
        }
        offset = start
        while true {
            guard offset < bytes.count else { throw failure("unterminated string") }
            let c = bytes[offset]
            offset += 1
            if c == UInt8(ascii: "\"") { break }
            if c != UInt8(ascii: "\\") { run.append(c); continue }
            flush()
            guard offset < bytes.count else { throw failure("unterminated string") }
            let e = bytes[offset]
            offset += 1
            switch e {
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "u"):
                var v = try hex4()
                if v >= 0xD800 && v < 0xDC00, offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                   bytes[offset + 1] == UInt8(ascii: "u") {
                    offset += 2
                    let lo = try hex4()
                    guard lo >= 0xDC00 && lo < 0xE000 else { throw failure("bad surrogate pair") }
                    v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                }
                scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            default: scalars.append(Unicode.Scalar(e))
            }
        }
        flush()
        return String(scalars)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard offset + 4 <= bytes.count,
              let v = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16) else {
            throw failure("bad \\u escape")
        }
        offset += 4
        return v
    }

    /// Reads the literal `word` (`true`, `false`, `null`).
    public mutating func literal(_ word: String) throws(Failure) {
        guard peek() != nil, bytes[offset...].starts(with: word.utf8) else { throw failure("bad literal") }
        offset += word.utf8.count
    }

    /// Reads the text of a number (after white space): the characters a JSON number may hold.
    public mutating func numberText() -> String {
        _ = peek()
        let start = offset
        while offset < bytes.count, let c = Optional(bytes[offset]),
              (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
              || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { offset += 1 }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    /// Reads and drops one value of any kind (nested at most `depth` deep).
    public mutating func skipValue(depth: Int = 512) throws(Failure) {
        guard depth > 0 else { throw failure("nested too deeply") }
        switch peek() {
        case UInt8(ascii: "{"):
            offset += 1
            var first = true
            while try nextMember(first: first, close: UInt8(ascii: "}")) {
                first = false
                _ = try string()
                try expect(UInt8(ascii: ":"), "expected ':'")
                try skipValue(depth: depth - 1)
            }
        case UInt8(ascii: "["):
            offset += 1
            var first = true
            while try nextMember(first: first, close: UInt8(ascii: "]")) {
                first = false
                try skipValue(depth: depth - 1)
            }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case nil: throw failure("unexpected end")
        default:
            guard Double(numberText()) != nil else { throw failure("bad number") }
        }
    }
}
