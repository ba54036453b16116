import ConcordSupport

/// A value to write into a YAML file (the editor's input; the loader never makes one).
public indirect enum YAMLValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case list([YAMLValue])
    /// Pairs in order.
    case map([Pair])

    public struct Pair: Hashable, Sendable {
        public var key: String
        public var value: YAMLValue
        public init(key: String, value: YAMLValue) {
            self.key = key
            self.value = value
        }
    }
}

/// Writes values as YAML text: scalars in the style asked for when the value allows it (a
/// plain scalar must read back as the same string in YAML 1.2 and in YAML 1.1, and must not
/// break the flow or block context it is written into), else double-quoted; collections in
/// flow style.
public enum YAMLWriter {
    /// A scalar or a flow collection as one line of YAML. `style` is the style to keep for
    /// strings (nil: plain when possible); `inFlow` whether the text goes into a flow
    /// collection (where `,[]{}` end a plain scalar).
    public static func inline(_ value: YAMLValue, style: ScalarStyle? = nil, inFlow: Bool) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return number(d)
        case .string(let s): return string(s, style: style ?? .plain, inFlow: inFlow)
        case .list(let items):
            return "[" + items.map { inline($0, inFlow: true) }.joined(separator: ", ") + "]"
        case .map(let pairs):
            return "{" + pairs.map { key($0.key, inFlow: true) + ": " + inline($0.value, inFlow: true) }
                .joined(separator: ", ") + "}"
        }
    }

    /// A mapping key (plain when possible, else double-quoted).
    public static func key(_ text: String, style: ScalarStyle = .plain, inFlow: Bool) -> String {
        string(text, style: style, inFlow: inFlow)
    }

    /// A string in `style` when the text allows it: plain when `isPlainSafe`, single-quoted
    /// when it has no line break or control character; otherwise (and for block styles)
    /// double-quoted.
    public static func string(_ s: String, style: ScalarStyle, inFlow: Bool) -> String {
        switch style {
        case .plain where isPlainSafe(s, inFlow: inFlow):
            return s
        case .singleQuoted where s.unicodeScalars.allSatisfy({ !isControl($0) }):
            return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        default:
            return doubleQuoted(s)
        }
    }

    /// `"text"` with YAML escapes for `"`, `\` and control characters.
    public static func doubleQuoted(_ s: String) -> String {
        "\"" + ScalarEscaping.escaped(s) { u in
            if let escape = ScalarEscaping.sharedBackslashEscape(u) { return escape }
            guard isControl(u) else { return nil }
            return u.value <= 0xFF ? "\\x" + Hex.padded(u.value, width: 2, uppercase: true)
                : "\\u" + Hex.padded(u.value, width: 4, uppercase: true)
        } + "\""
    }

    /// A double that reads back as a float in the core schema.
    static func number(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        let text = "\(d)"
        return text
    }

    /// Whether `s` can be written plain and read back as the same string by YAML 1.2 and 1.1.
    public static func isPlainSafe(_ s: String, inFlow: Bool) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        if first == " " || last == " " || first == "\t" || last == "\t" { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if last == ":" { return false }
        var previous: Unicode.Scalar = " "
        for u in s.unicodeScalars {
            if isControl(u) || u == "\n" || u == "\r" || u == "\t" || u == "\u{FEFF}" { return false }
            if u == "#", previous == " " { return false }
            if previous == ":", u == " " { return false }
            if inFlow, ",[]{}".unicodeScalars.contains(u) { return false }
            if inFlow, previous == ":" { return false }
            previous = u
        }
        guard case .string = CoreSchema.resolvePlain(s) else { return false }
        return YAML11Readings.differingReading(of: s, resolvedAs: .string) == nil
    }

    private static func isControl(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u != "\t") || u.value == 0x7F || (u.value >= 0x80 && u.value < 0xA0)
            || u.value == 0x2028 || u.value == 0x2029
    }
}
