/// A lexical token with its position (in Unicode scalars).
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        /// A back-quoted identifier, only valid as a field name: `` a.`b-c` ``.
        case quotedIdentifier(String)
        /// An integer literal's magnitude; `9223372036854775808` is kept so `-9223372036854775808` parses.
        case int(UInt64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case punct(String)
        case eof
    }
    let kind: Kind
    let offset: Int
    let length: Int
}

/// Splits an expression into tokens. Offsets count Unicode scalars.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var pos = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    static let punctuation3: [String] = []
    static let punctuation2: Set<String> = ["==", "!=", "<=", ">=", "&&", "||"]
    static let punctuation1: Set<Character> = [
        "+", "-", "*", "/", "%", "<", ">", "!", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}", "=",
    ]

    mutating func tokenize() throws(CELError) -> [Token] {
        var tokens: [Token] = []
        while true {
            let tok = try next()
            tokens.append(tok)
            if tok.kind == .eof { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let i = pos + ahead
        return i < scalars.count ? scalars[i] : nil
    }

    private static func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c >= "0" && c <= "9"
    }
    private static func isHex(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F")
    }
    private static func isIdentStart(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }
    private static func isIdentPart(_ c: Unicode.Scalar?) -> Bool {
        isIdentStart(c) || isDigit(c)
    }

    private mutating func skipWhitespaceAndComments() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                pos += 1
            } else if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n" { pos += 1 }
            } else {
                return
            }
        }
    }

    private mutating func next() throws(CELError) -> Token {
        skipWhitespaceAndComments()
        let start = pos
        guard let c = peek() else { return Token(kind: .eof, offset: pos, length: 0) }

        // String and bytes literals with optional r/b prefixes.
        if let tok = try lexStringIfAny(start) { return tok }

        if Lexer.isIdentStart(c) {
            var name = ""
            while Lexer.isIdentPart(peek()), let d = peek() {
                name.unicodeScalars.append(d)
                pos += 1
            }
            return Token(kind: .identifier(name), offset: start, length: pos - start)
        }
        if Lexer.isDigit(c) || (c == "." && Lexer.isDigit(peek(1))) {
            return try lexNumber(start)
        }
        if c == "`" {
            pos += 1
            var name = ""
            while let d = peek(), d != "`" {
                if d == "\n" || d == "\r" { break }
                name.unicodeScalars.append(d)
                pos += 1
            }
            guard peek() == "`" else {
                throw CELError("unterminated quoted identifier", offset: start, length: pos - start)
            }
            pos += 1
            let valid = !name.isEmpty && name.unicodeScalars.allSatisfy {
                Lexer.isIdentPart($0) || $0 == "." || $0 == "-" || $0 == "/" || $0 == " "
            }
            guard valid else {
                throw CELError("invalid quoted identifier `\(name)`", offset: start, length: pos - start)
            }
            return Token(kind: .quotedIdentifier(name), offset: start, length: pos - start)
        }
        if let d = peek(1) {
            var two = String(c)
            two.unicodeScalars.append(d)
            if Lexer.punctuation2.contains(two) {
                pos += 2
                return Token(kind: .punct(two), offset: start, length: 2)
            }
        }
        if Lexer.punctuation1.contains(Character(c)) {
            pos += 1
            if c == "=" {
                throw CELError("unexpected '=' (use '==' to compare)", offset: start, length: 1)
            }
            return Token(kind: .punct(String(c)), offset: start, length: 1)
        }
        throw CELError("unexpected character '\(c.escaped(asASCII: false))'", offset: start, length: 1)
    }

    private mutating func lexNumber(_ start: Int) throws(CELError) -> Token {
        // Hexadecimal.
        if peek() == "0", peek(1) == "x" || peek(1) == "X" {
            pos += 2
            var digits = ""
            while Lexer.isHex(peek()), let d = peek() {
                digits.unicodeScalars.append(d)
                pos += 1
            }
            guard !digits.isEmpty, let value = UInt64(digits, radix: 16) else {
                throw CELError("invalid hexadecimal literal", offset: start, length: pos - start)
            }
            if peek() == "u" || peek() == "U" {
                pos += 1
                return Token(kind: .uint(value), offset: start, length: pos - start)
            }
            guard value <= UInt64(Int64.max) + 1 else {
                throw CELError("integer literal out of range", offset: start, length: pos - start)
            }
            return Token(kind: .int(value), offset: start, length: pos - start)
        }
        var text = ""
        var isDouble = false
        while Lexer.isDigit(peek()), let d = peek() {
            text.unicodeScalars.append(d)
            pos += 1
        }
        if peek() == ".", Lexer.isDigit(peek(1)) {
            isDouble = true
            text += "."
            pos += 1
            while Lexer.isDigit(peek()), let d = peek() {
                text.unicodeScalars.append(d)
                pos += 1
            }
        }
        if peek() == "e" || peek() == "E" {
            var look = 1
            if peek(1) == "+" || peek(1) == "-" { look = 2 }
            if Lexer.isDigit(peek(look)) {
                isDouble = true
                text += "e"
                if look == 2, let s = peek(1) { text.unicodeScalars.append(s) }
                pos += look
                while Lexer.isDigit(peek()), let d = peek() {
                    text.unicodeScalars.append(d)
                    pos += 1
                }
            }
        }
        if isDouble {
            if text.hasPrefix(".") { text = "0" + text }
            guard let value = Double(text) else {
                throw CELError("invalid floating-point literal", offset: start, length: pos - start)
            }
            return Token(kind: .double(value), offset: start, length: pos - start)
        }
        if peek() == "u" || peek() == "U" {
            pos += 1
            guard let value = UInt64(text) else {
                throw CELError("unsigned integer literal out of range", offset: start, length: pos - start)
            }
            return Token(kind: .uint(value), offset: start, length: pos - start)
        }
        guard let value = UInt64(text), value <= UInt64(Int64.max) + 1 else {
            throw CELError("integer literal out of range", offset: start, length: pos - start)
        }
        return Token(kind: .int(value), offset: start, length: pos - start)
    }

    /// Lexes a string or bytes literal if one starts here (with optional `r`, `b` prefixes).
    private mutating func lexStringIfAny(_ start: Int) throws(CELError) -> Token? {
        var i = 0
        var raw = false
        var bytes = false
        while i < 2, let c = peek(i) {
            if (c == "r" || c == "R") && !raw {
                raw = true
            } else if (c == "b" || c == "B") && !bytes {
                bytes = true
            } else {
                break
            }
            i += 1
        }
        guard let quote = peek(i), quote == "'" || quote == "\"" else { return nil }
        pos += i
        let triple = peek(1) == quote && peek(2) == quote
        pos += triple ? 3 : 1

        var scalarsOut: [Unicode.Scalar] = []
        var bytesOut: [UInt8] = []
        func appendScalar(_ s: Unicode.Scalar) {
            if bytes { bytesOut.append(contentsOf: Array(String(s).utf8)) } else { scalarsOut.append(s) }
        }
        while true {
            guard let c = peek() else {
                throw CELError("unterminated string literal", offset: start, length: pos - start)
            }
            if c == quote {
                if !triple {
                    pos += 1
                    break
                }
                if peek(1) == quote && peek(2) == quote {
                    pos += 3
                    break
                }
            }
            if !triple && (c == "\n" || c == "\r") {
                throw CELError("newline in string literal", offset: pos, length: 1)
            }
            if c == "\\" && !raw {
                let escStart = pos
                pos += 1
                guard let e = peek() else {
                    throw CELError("unterminated string literal", offset: start, length: pos - start)
                }
                pos += 1
                switch e {
                case "a": appendScalar("\u{07}")
                case "b": appendScalar("\u{08}")
                case "f": appendScalar("\u{0C}")
                case "n": appendScalar("\n")
                case "r": appendScalar("\r")
                case "t": appendScalar("\t")
                case "v": appendScalar("\u{0B}")
                case "\\", "'", "\"", "`", "?": appendScalar(e)
                case "x", "X":
                    let v = try readHex(2, escStart)
                    if bytes { bytesOut.append(UInt8(v)) } else if let s = Unicode.Scalar(v) { scalarsOut.append(s) }
                case "u", "U":
                    if bytes {
                        throw CELError("\\\(e) escape not allowed in bytes literal", offset: escStart, length: pos - escStart)
                    }
                    let v = try readHex(e == "u" ? 4 : 8, escStart)
                    guard let s = Unicode.Scalar(v) else {
                        throw CELError("invalid code point in escape", offset: escStart, length: pos - escStart)
                    }
                    scalarsOut.append(s)
                case "0", "1", "2", "3":
                    var v = UInt32(e.value - 48)
                    for _ in 0..<2 {
                        guard let d = peek(), d >= "0" && d <= "7" else {
                            throw CELError("invalid octal escape", offset: escStart, length: pos - escStart)
                        }
                        v = v * 8 + (d.value - 48)
                        pos += 1
                    }
                    if bytes { bytesOut.append(UInt8(v)) } else if let s = Unicode.Scalar(v) { scalarsOut.append(s) }
                default:
                    throw CELError("invalid escape sequence '\\\(e)'", offset: escStart, length: pos - escStart)
                }
                continue
            }
            appendScalar(c)
            pos += 1
        }
        if bytes {
            return Token(kind: .bytes(bytesOut), offset: start, length: pos - start)
        }
        var s = ""
        s.unicodeScalars.append(contentsOf: scalarsOut)
        return Token(kind: .string(s), offset: start, length: pos - start)
    }

    private mutating func readHex(_ count: Int, _ escStart: Int) throws(CELError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<count {
            guard let d = peek(), Lexer.isHex(d), let digit = UInt32(String(d), radix: 16) else {
                throw CELError("invalid hexadecimal escape", offset: escStart, length: pos - escStart)
            }
            v = v &* 16 &+ digit
            pos += 1
        }
        return v
    }
}
