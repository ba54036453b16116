import ConcordDiagnostics
import ConcordSupport
import ConcordYAML
import Foundation

/// A baseline: the fingerprints of the violations a dataset had when it was written
/// (`concord check --write-baseline FILE`); `--baseline FILE` then reports only new ones.
public struct Baseline: Sendable, Codable {
    public struct Entry: Sendable, Codable, Hashable {
        public var ruleId: String
        public var file: String
        public var fingerprint: String
        public var message: String

        /// The members of an entry in the file, in the order of `init`.
        static let memberNames = ["ruleId", "file", "fingerprint", "message"]
    }

    public var version = 1
    public var entries: [Entry]

    init(version: Int, entries: [Entry]) {
        self.version = version
        self.entries = entries
    }

    public init(diagnostics: [Diagnostic]) {
        entries = diagnostics.compactMap { d in
            d.fingerprint.map { Entry(ruleId: d.ruleID, file: d.location.file, fingerprint: $0, message: d.message) }
        }
    }

    /// The baseline file's text: the JSON that `JSONEncoder` writes with `.prettyPrinted`,
    /// `.sortedKeys` and `.withoutEscapingSlashes`, byte for byte (so that a baseline written
    /// again from the same violations does not change), written directly in one pass.
    public func encoded() -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(64 + entries.count * 256)
        out.append(contentsOf: "{\n  \"entries\" : [\n".utf8)
        if entries.isEmpty { out.append(0x0A) }
        for (i, e) in entries.enumerated() {
            out.append(contentsOf: "    {\n      \"file\" : ".utf8)
            Self.writeQuoted(e.file, into: &out)
            out.append(contentsOf: ",\n      \"fingerprint\" : ".utf8)
            Self.writeQuoted(e.fingerprint, into: &out)
            out.append(contentsOf: ",\n      \"message\" : ".utf8)
            Self.writeQuoted(e.message, into: &out)
            out.append(contentsOf: ",\n      \"ruleId\" : ".utf8)
            Self.writeQuoted(e.ruleId, into: &out)
            out.append(contentsOf: (i == entries.count - 1 ? "\n    }\n" : "\n    },\n").utf8)
        }
        out.append(contentsOf: "  ],\n  \"version\" : \(version)\n}".utf8)
        return Data(out)
    }

    /// A JSON string as `JSONEncoder` escapes it: `"` and `\`, `\b \f \n \r \t`, other
    /// control characters as `\u00xx`; everything else (`/`, DEL, non-ASCII) as it is.
    private static func writeQuoted(_ text: String, into out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        let plain = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain {
            out.append(0x22)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(contentsOf: Hex.byte(byte).utf8)
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String)
        case invalid(String)
        public var description: String {
            switch self {
            case .unreadable(let path): return "cannot read the baseline \(path)"
            case .invalid(let reason): return "the baseline is not a Concord baseline: \(reason)"
            }
        }
    }

    public static func load(_ path: String) -> Result<Baseline, LoadError> {
        guard case .success(let bytes) = PosixFileSystem().contents(of: path) else { return .failure(.unreadable(path)) }
        return decode(bytes)
    }

    /// Reads a baseline from the bytes of its file.
    public static func decode(_ data: Data) -> Result<Baseline, LoadError> {
        decode([UInt8](data))
    }

    /// Reads a baseline from the bytes of its file: a JSON object with an integer `version`
    /// and `entries`, each an object with the string members `ruleId`, `file`, `fingerprint`
    /// and `message` (other members are ignored). Read as a stream, without a tree.
    public static func decode(_ bytes: [UInt8]) -> Result<Baseline, LoadError> {
        var reader = JSONReader(bytes)
        do throws(JSONReader.Failure) {
            return try read(&reader)
        } catch {
            return .failure(.invalid("JSON: " + error.message + " at " + place(of: error.offset, in: bytes)))
        }
    }

    private static func read(_ r: inout JSONReader) throws(JSONReader.Failure) -> Result<Baseline, LoadError> {
        guard r.peek() == UInt8(ascii: "{") else { return .failure(.invalid("the file is not a JSON object")) }
        try r.expect(UInt8(ascii: "{"), "expected '{'")
        var version: Int?, entries: [Entry]?
        var first = true
        while try r.nextMember(first: first, close: UInt8(ascii: "}")) {
            first = false
            let key = try r.string()
            try r.expect(UInt8(ascii: ":"), "expected ':'")
            switch key {
            case "version":
                guard r.peek() != UInt8(ascii: "\""), let v = Int(r.numberText()) else {
                    return .failure(.invalid("\"version\" is not an integer"))
                }
                version = v
            case "entries":
                guard r.peek() == UInt8(ascii: "[") else { return .failure(.invalid("it has no \"entries\" list")) }
                switch try readEntries(&r) {
                case .success(let list): entries = list
                case .failure(let problem): return .failure(problem)
                }
            default:
                try r.skipValue()
            }
        }
        guard r.atEnd() else { throw r.failure("trailing characters") }
        guard let version else { return .failure(.invalid("it has no \"version\"")) }
        guard let entries else { return .failure(.invalid("it has no \"entries\" list")) }
        return .success(Baseline(version: version, entries: entries))
    }

    private static func readEntries(_ r: inout JSONReader) throws(JSONReader.Failure) -> Result<[Entry], LoadError> {
        try r.expect(UInt8(ascii: "["), "expected '['")
        var entries: [Entry] = []
        while try r.nextMember(first: entries.isEmpty, close: UInt8(ascii: "]")) {
            let n = entries.count + 1
            guard r.peek() == UInt8(ascii: "{") else { return .failure(.invalid("entry \(n) is not an object")) }
            try r.expect(UInt8(ascii: "{"), "expected '{'")
            var fields: [String?] = [nil, nil, nil, nil]
            var first = true
            while try r.nextMember(first: first, close: UInt8(ascii: "}")) {
                first = false
                let key = try r.string()
                try r.expect(UInt8(ascii: ":"), "expected ':'")
                guard let slot = Entry.memberNames.firstIndex(of: key) else {
                    try r.skipValue()
                    continue
                }
                guard r.peek() == UInt8(ascii: "\"") else {
                    return .failure(.invalid("\"\(key)\" of entry \(n) is not a string"))
                }
                fields[slot] = try r.string()
            }
            guard let ruleId = fields[0], let file = fields[1], let fingerprint = fields[2], let message = fields[3] else {
                let missing = zip(Entry.memberNames, fields).first { $0.1 == nil }?.0 ?? ""
                return .failure(.invalid("entry \(n) has no \"\(missing)\""))
            }
            entries.append(Entry(ruleId: ruleId, file: file, fingerprint: fingerprint, message: message))
        }
        return .success(entries)
    }

    /// "line L, column C" (1-based, columns in bytes) of a byte offset.
    private static func place(of offset: Int, in bytes: [UInt8]) -> String {
        let before = bytes.prefix(offset)
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let column = offset - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        return "line \(line), column \(column)"
    }

    /// The diagnostics whose fingerprints the baseline does not hold (each entry hides one).
    public func filter(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var remaining: [FingerprintKey: Int] = [:]
        remaining.reserveCapacity(entries.count)
        for e in entries { remaining[FingerprintKey(e.fingerprint), default: 0] += 1 }
        return diagnostics.filter { d in
            guard let f = d.fingerprint.map(FingerprintKey.init), let n = remaining[f], n > 0 else { return true }
            remaining[f] = n - 1
            return false
        }
    }
}

/// A fingerprint as a dictionary key: the 32 hex digits Concord writes as two integers (cheap
/// to hash and compare), any other text as it is.
private enum FingerprintKey: Hashable {
    case hex(UInt64, UInt64)
    case text(String)

    init(_ fingerprint: String) {
        var text = fingerprint
        let halves = text.withUTF8 { utf8 -> (UInt64, UInt64)? in
            guard utf8.count == 32, let high = Self.value(utf8[0..<16]), let low = Self.value(utf8[16..<32]) else { return nil }
            return (high, low)
        }
        if let (high, low) = halves {
            self = .hex(high, low)
        } else {
            self = .text(fingerprint)
        }
    }

    /// Sixteen lower-case hex digits as an integer (upper case is another fingerprint).
    private static func value(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        var v: UInt64 = 0
        for c in digits {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v << 4 | UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v << 4 | UInt64(c - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return v
    }
}
