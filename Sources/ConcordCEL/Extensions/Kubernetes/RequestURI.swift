/// A URL parsed as Go's `url.ParseRequestURI` does (which Kubernetes' `url()` and `isURL` use):
/// an absolute URL (`scheme:` then `//authority/path?query` or an opaque part) or an absolute
/// path (`/path?query`). Nothing follows a `#` specially. Bytes below 0x20 and 0x7f, bad
/// `%` escapes, a bad port and characters not allowed in a host are errors.
struct RequestURI: Sendable {
    let text: String
    var scheme = ""
    /// `host[:port]`, IPv6 addresses in brackets; no user information.
    var host = ""
    /// The path as written (still escaped).
    var rawPath = ""
    var rawQuery = ""
    var opaque = ""

    enum ParseError: Error, CustomStringConvertible {
        case invalid(String)
        var description: String { if case .invalid(let m) = self { return m }; return "" }
    }

    init(parsing text: String) throws(ParseError) {
        self.text = text
        if text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) { throw .invalid("invalid control character in URL") }
        var rest = Substring(text)
        if text.isEmpty { throw .invalid("empty url") }
        if let colon = rest.firstIndex(of: ":"), Self.isScheme(rest[..<colon]) {
            scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        } else if rest.first == ":" {
            throw .invalid("missing protocol scheme")
        }
        if let q = rest.firstIndex(of: "?") {
            rawQuery = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        guard rest.hasPrefix("/") else {
            guard !scheme.isEmpty else { throw .invalid("invalid URI for request") }
            opaque = String(rest)
            return
        }
        if !scheme.isEmpty, rest.hasPrefix("//") {
            let authority = rest.dropFirst(2).prefix { $0 != "/" }
            rest = rest.dropFirst(2 + authority.count)
            let hostPart = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
            try Self.validateHost(hostPart)
            host = String(hostPart)
        }
        guard Self.unescape(rest) != nil else { throw .invalid("invalid URL escape in path") }
        rawPath = String(rest)
    }

    private static func isScheme(_ s: Substring) -> Bool {
        guard let first = s.unicodeScalars.first, first.isASCIILetter else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == "." }
    }

    private static func validateHost(_ host: Substring) throws(ParseError) {
        var name = host
        var port: Substring = ""
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw .invalid("missing ']' in host") }
            name = host[host.index(after: host.startIndex)..<close]
            let after = host[host.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { throw .invalid("invalid port \"\(after)\" after host") }
            port = after.dropFirst()
            guard IPAddress(String(name.split(separator: "%").first ?? "")) != nil else { throw .invalid("invalid IPv6 host") }
        } else if let colon = host.lastIndex(of: ":") {
            name = host[..<colon]
            port = host[host.index(after: colon)...]
            if port.isEmpty == false, !port.allSatisfy({ $0.isASCII && $0.isNumber }) { throw .invalid("invalid port \":\(port)\" after host") }
        }
        guard port.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .invalid("invalid port \":\(port)\" after host") }
        let allowed = Set("-._~!$&'()*+,;=%[]<>\":")
        for c in name where !(c.isASCII && (c.isLetter || c.isNumber)) && !allowed.contains(c) && c.isASCII {
            throw .invalid("invalid character \"\(c)\" in host name")
        }
        guard unescape(name) != nil else { throw .invalid("invalid URL escape in host") }
    }

    /// `%XX` decoded (and `+` as a space when `plusIsSpace`); nil on a bad escape.
    static func unescape(_ s: Substring, plusIsSpace: Bool = false) -> String? {
        var out: [UInt8] = []
        var bytes = Array(s.utf8)[...]
        while let b = bytes.popFirst() {
            if b == UInt8(ascii: "%") {
                guard bytes.count >= 2, let v = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                out.append(v)
                bytes = bytes.dropFirst(2)
            } else {
                out.append(plusIsSpace && b == UInt8(ascii: "+") ? UInt8(ascii: " ") : b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The host without port and without the brackets of an IPv6 address.
    var hostname: String {
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            return String(host[host.index(after: host.startIndex)..<close])
        }
        if let colon = host.lastIndex(of: ":") { return String(host[..<colon]) }
        return host
    }

    /// The port, or "" when none is given.
    var port: String {
        let afterBracket = host.lastIndex(of: "]").map { host[host.index(after: $0)...] } ?? Substring(host)
        guard let colon = afterBracket.lastIndex(of: ":") else { return "" }
        return String(afterBracket[afterBracket.index(after: colon)...])
    }

    /// The path in escaped form, as Go's `URL.EscapedPath`: as written when that is a valid
    /// encoding, else the decoded path escaped.
    var escapedPath: String {
        let validRaw = Set("-._~!$&'()*+,;=:@[]/%")
        if rawPath.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || validRaw.contains($0)) }) { return rawPath }
        let keep = Set("-_.~$&+,/:;=@".utf8)
        var out = ""
        for b in (Self.unescape(Substring(rawPath)) ?? rawPath).utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 0x80 && (c.isLetter || c.isNumber || keep.contains(b)) {
                out.append(c)
            } else {
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// The query as Go's `url.ParseQuery`: keys to their values in order (pairs that fail to
    /// decode, or hold a `;`, are skipped).
    var query: [(String, [String])] {
        var out: [(String, [String])] = []
        for pair in rawQuery.split(separator: "&") where !pair.contains(";") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let k = Self.unescape(kv[0], plusIsSpace: true),
                  let v = Self.unescape(kv.count > 1 ? kv[1] : "", plusIsSpace: true) else { continue }
            if let i = out.firstIndex(where: { $0.0 == k }) { out[i].1.append(v) } else { out.append((k, [v])) }
        }
        return out
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
