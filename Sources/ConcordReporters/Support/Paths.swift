/// Path display and URI helpers shared by the reporters.
enum Paths {
    /// `file` relative to `currentDirectory` when it is an absolute path under it; otherwise `file`
    /// unchanged.
    static func display(_ file: String, relativeTo currentDirectory: String?) -> String {
        guard let cwd = currentDirectory, cwd.hasPrefix("/"), file.hasPrefix("/") else { return file }
        var base = Array(cwd.utf8)
        while base.count > 1, base.last == UInt8(ascii: "/") { base.removeLast() }
        if base != [UInt8(ascii: "/")] { base.append(UInt8(ascii: "/")) }
        let bytes = Array(file.utf8)
        guard bytes.count > base.count, bytes.starts(with: base) else { return file }
        return String(decoding: bytes[base.count...], as: UTF8.self)
    }

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

enum Hex {
    private static let lower = Array("0123456789abcdef")
    private static let upper = Array("0123456789ABCDEF")

    static func byte(_ b: UInt8, uppercase: Bool = false) -> String {
        let digits = uppercase ? upper : lower
        return String([digits[Int(b >> 4)], digits[Int(b & 0x0F)]])
    }

    static func string(_ bytes: [UInt8]) -> String {
        bytes.map { byte($0) }.joined()
    }

    /// `value` as at least `width` hex digits.
    static func padded(_ value: UInt32, width: Int, uppercase: Bool = false) -> String {
        var s = String(value, radix: 16, uppercase: uppercase)
        while s.count < width { s = "0" + s }
        return s
    }
}
