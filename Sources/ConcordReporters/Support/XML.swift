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
        var out = ""
        for s in text.unicodeScalars where isAllowed(s) {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }
}
