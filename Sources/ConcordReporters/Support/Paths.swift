import ConcordSupport

/// URI helpers shared by the reporters (paths are shown with `RelativePath.display`).
enum Paths {
    static func isAbsolute(_ path: String) -> Bool { path.hasPrefix("/") }

    /// Percent-encodes a file path for use as a URI reference (RFC 3986 path characters; `:` is
    /// always encoded so a relative path never looks like a scheme).
    static func uriEncode(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            let isUnreserved = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || (byte >= 0x30 && byte <= 0x39) || "-._~/!$&'()*+,;=@".contains(c)
            if isUnreserved && byte < 0x80 {
                out.append(c)
            } else {
                out += "%" + Hex.byte(byte, uppercase: true)
            }
        }
        return out
    }

    /// A `file://` URI for an absolute path.
    static func fileURI(_ absolutePath: String) -> String {
        "file://" + uriEncode(absolutePath)
    }
}
