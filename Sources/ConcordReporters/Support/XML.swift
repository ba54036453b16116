import ConcordSupport

/// XML 1.0 escaping.
enum XML {
    /// Whether `s` may appear in an XML 1.0 document.
    static func isAllowed(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Escapes `& < > " '` and drops characters XML 1.0 does not allow. In attributes, tab and
    /// line breaks become character references so that they survive attribute normalisation.
    static func escape(_ text: String, attribute: Bool) -> String {
        ScalarEscaping.escaped(text) { s in
            guard isAllowed(s) else { return "" }
            switch s {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&apos;"
            case "\n" where attribute: return "&#10;"
            case "\r": return "&#13;"
            case "\t" where attribute: return "&#9;"
            default: return nil
            }
        }
    }
}
