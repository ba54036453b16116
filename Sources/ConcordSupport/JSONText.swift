/// Where JSON text is written: a `String`, or a writer that hands text on in chunks.
public protocol JSONOutput {
    mutating func append(_ text: String)
    mutating func append(_ scalar: Unicode.Scalar)
}

extension String: JSONOutput {
    public mutating func append(_ scalar: Unicode.Scalar) { unicodeScalars.append(scalar) }
}

/// JSON string literals: the one JSON string escaping in Concord (the reporters' JSON, `concord
/// dump`'s JSON, the CEL JSON values' text).
public enum JSONText {
    /// `s` as a quoted JSON string.
    public static func quoted(_ s: String) -> String {
        var out = ""
        writeQuoted(s, into: &out)
        return out
    }

    /// Appends `s` as a quoted JSON string: `"` and `\` escaped, control characters and DEL as
    /// `\n`, `\r`, `\t`, `\b`, `\f` or `\uXXXX`, and U+2028/U+2029 escaped for JavaScript.
    public static func writeQuoted<Out: JSONOutput>(_ s: String, into out: inout Out) {
        out.append("\"")
        // Most strings need no escape: bytes below 0x7F other than controls, `"` and `\`.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 >= 0x7F }) {
            out.append(s)
            out.append("\"")
            return
        }
        for scalar in s.unicodeScalars {
            if let escape = ScalarEscaping.sharedBackslashEscape(scalar) {
                out.append(escape)
                continue
            }
            switch scalar {
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out.append("\\u" + Hex.padded(scalar.value, width: 4))
                } else {
                    out.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
