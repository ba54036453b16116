import Foundation

/// An IPv4 or IPv6 address, parsed and printed as Go's `net/netip` does (which Kubernetes'
/// `ip()` and `cidr()` use): IPv4 in dotted decimal without leading zeros, IPv6 in RFC 5952
/// form. Zones (`fe80::1%eth0`) and IPv4-mapped IPv6 addresses are rejected, as Kubernetes does.
struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    let bytes: [UInt8]

    var family: Int { bytes.count == 4 ? 4 : 6 }

    init?(_ text: String) {
        if text.contains("%") { return nil }
        if text.contains(":") {
            guard let b = Self.parseIPv6(Substring(text)) else { return nil }
            // ::ffff:a.b.c.d (IPv4-mapped) is not allowed.
            if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xff && b[11] == 0xff { return nil }
            bytes = b
        } else {
            guard let b = Self.parseIPv4(Substring(text)) else { return nil }
            bytes = b
        }
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    private static func parseIPv4(_ s: Substring) -> [UInt8]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }),
                  !(p.count > 1 && p.hasPrefix("0")), let n = UInt8(p) else { return nil }
            out.append(n)
        }
        return out
    }

    private static func parseIPv6(_ s: Substring) -> [UInt8]? {
        var head: [UInt16] = [], tail: [UInt16] = []
        var sawGap = false
        let halves = s.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        sawGap = halves.count == 2
        func groups(_ text: String, allowIPv4: Bool) -> [UInt16]? {
            if text.isEmpty { return [] }
            var out: [UInt16] = []
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            for (i, p) in parts.enumerated() {
                if allowIPv4, i == parts.count - 1, p.contains(".") {
                    guard let v4 = parseIPv4(p) else { return nil }
                    out.append(UInt16(v4[0]) << 8 | UInt16(v4[1]))
                    out.append(UInt16(v4[2]) << 8 | UInt16(v4[3]))
                    continue
                }
                guard !p.isEmpty, p.count <= 4, let g = UInt16(p, radix: 16) else { return nil }
                out.append(g)
            }
            return out
        }
        guard let h = groups(halves[0], allowIPv4: !sawGap) else { return nil }
        head = h
        if sawGap {
            guard let t = groups(halves[1], allowIPv4: true) else { return nil }
            tail = t
        }
        let total = head.count + tail.count
        if sawGap ? total > 7 : total != 8 { return nil }
        let all = head + Array(repeating: 0, count: 8 - total) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
    }

    /// The canonical text: dotted decimal, or RFC 5952 (lower case, the longest run of two or
    /// more zero groups as `::`).
    var description: String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        let groups = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
        var best = (start: -1, length: 0), run = (start: -1, length: 0)
        for (i, g) in groups.enumerated() {
            if g == 0 {
                run = run.start < 0 ? (i, 1) : (run.start, run.length + 1)
                if run.length > best.length { best = run }
            } else {
                run = (-1, 0)
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        return hex[..<best.start].joined(separator: ":") + "::" + hex[(best.start + best.length)...].joined(separator: ":")
    }

    var isUnspecified: Bool { bytes.allSatisfy { $0 == 0 } }
    var isLoopback: Bool { family == 4 ? bytes[0] == 127 : bytes == Array(repeating: 0, count: 15) + [1] }
    var isMulticast: Bool { family == 4 ? bytes[0] & 0xf0 == 0xe0 : bytes[0] == 0xff }
    var isLinkLocalMulticast: Bool {
        family == 4 ? bytes[0] == 224 && bytes[1] == 0 && bytes[2] == 0 : bytes[0] == 0xff && bytes[1] & 0x0f == 0x02
    }
    var isLinkLocalUnicast: Bool {
        family == 4 ? bytes[0] == 169 && bytes[1] == 254 : bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80
    }
    var isGlobalUnicast: Bool {
        if family == 4 && bytes == [255, 255, 255, 255] { return false }
        return !isUnspecified && !isLoopback && !isMulticast && !isLinkLocalUnicast
    }

    /// The address with all but the first `bits` bits cleared.
    func masked(_ bits: Int) -> IPAddress {
        IPAddress(bytes: bytes.enumerated().map { i, b in
            let keep = max(0, min(8, bits - 8 * i))
            return keep == 8 ? b : b & ~(UInt8(0xff) >> UInt8(keep))
        })
    }
}

/// An IP prefix `address/bits` (Kubernetes' `cidr()`).
struct IPPrefix: Hashable, Sendable, CustomStringConvertible {
    let address: IPAddress
    let bits: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddress(String(parts[0])),
              !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              !(parts[1].count > 1 && parts[1].hasPrefix("0")),
              let bits = Int(parts[1]), bits <= address.bytes.count * 8 else { return nil }
        self.address = address
        self.bits = bits
    }

    init(address: IPAddress, bits: Int) {
        self.address = address
        self.bits = bits
    }

    var description: String { "\(address)/\(bits)" }

    func contains(_ ip: IPAddress) -> Bool {
        ip.family == address.family && ip.masked(bits) == address.masked(bits)
    }

    func contains(_ other: IPPrefix) -> Bool {
        other.bits >= bits && contains(other.address)
    }
}
