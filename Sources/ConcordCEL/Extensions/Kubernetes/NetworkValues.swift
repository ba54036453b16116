/// The CEL values of Kubernetes' IP, CIDR and URL libraries.
final class IPValue: OpaqueValue {
    static let type = CELType(name: "net.IP")
    let ip: IPAddress
    init(_ ip: IPAddress) { self.ip = ip }
    var celType: CELType { Self.type }
    var description: String { ip.description }
    func isEqual(to other: Value) -> Bool? {
        guard case .opaque(let o) = other, let b = o as? IPValue else { return false }
        return ip == b.ip
    }
}

final class CIDRValue: OpaqueValue {
    static let type = CELType(name: "net.CIDR")
    let prefix: IPPrefix
    init(_ prefix: IPPrefix) { self.prefix = prefix }
    var celType: CELType { Self.type }
    var description: String { prefix.description }
    func isEqual(to other: Value) -> Bool? {
        guard case .opaque(let o) = other, let b = o as? CIDRValue else { return false }
        return prefix == b.prefix
    }
}

final class URLValue: OpaqueValue {
    static let type = CELType(name: "kubernetes.URL")
    let url: RequestURI
    init(_ url: RequestURI) { self.url = url }
    var celType: CELType { Self.type }
    var description: String { url.text }
    func isEqual(to other: Value) -> Bool? {
        guard case .opaque(let o) = other, let b = o as? URLValue else { return false }
        return url.text == b.url.text
    }
}

extension Value {
    var asIP: IPAddress? {
        if case .opaque(let o) = self { return (o as? IPValue)?.ip }
        return nil
    }
    var asCIDR: IPPrefix? {
        if case .opaque(let o) = self { return (o as? CIDRValue)?.prefix }
        return nil
    }
    var asURL: RequestURI? {
        if case .opaque(let o) = self { return (o as? URLValue)?.url }
        return nil
    }
}
