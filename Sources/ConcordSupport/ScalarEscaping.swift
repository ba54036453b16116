/// The one loop behind Concord's text escapings (CEL string literals, YAML double-quoted
/// scalars, GitHub workflow commands, XML): each caller names only its table of replacements.
/// JSON strings have their own writer (`JSONText`), which streams into any output.
public enum ScalarEscaping {
    /// `text` with every scalar that `replacement` maps replaced by what it returns (`""` drops
    /// the scalar); the others are kept.
    public static func escaped(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if let r = replacement(scalar) { out += r } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// The backslash escapes that JSON, CEL and YAML share: `\"`, `\\`, `\n`, `\r`, `\t`.
    public static func sharedBackslashEscape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return nil
        }
    }
}
