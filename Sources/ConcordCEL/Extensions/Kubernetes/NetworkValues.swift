/// What a value of one of Kubernetes' CEL types holds: an IP, a CIDR, a URL, a quantity or a
/// named format.
protocol KubernetesPayload: Sendable, CustomStringConvertible {
    static var celType: CELType { get }
    /// Equality as `==` sees it.
    func sameValue(as other: Self) -> Bool
}

/// A CEL value of one of Kubernetes' types (`net.IP`, `net.CIDR`, `kubernetes.URL`,
/// `kubernetes.Quantity`, `kubernetes.NamedFormat`); `string(x)` is its payload's description.
final class KubernetesValue<Payload: KubernetesPayload>: OpaqueValue {
    let payload: Payload
    init(_ payload: Payload) { self.payload = payload }
    var celType: CELType { Payload.celType }
    var description: String { payload.description }
    func isEqual(to other: Value) -> Bool? {
        guard case .opaque(let o) = other, let b = o as? KubernetesValue<Payload> else { return false }
        return payload.sameValue(as: b.payload)
    }
}

typealias IPValue = KubernetesValue<IPAddress>
typealias CIDRValue = KubernetesValue<IPPrefix>
typealias URLValue = KubernetesValue<RequestURI>
typealias QuantityValue = KubernetesValue<Quantity>
typealias NamedFormatValue = KubernetesValue<NamedFormat>

extension IPAddress: KubernetesPayload {
    static let celType = CELType(name: "net.IP")
    func sameValue(as other: IPAddress) -> Bool { self == other }
}

extension IPPrefix: KubernetesPayload {
    static let celType = CELType(name: "net.CIDR")
    func sameValue(as other: IPPrefix) -> Bool { self == other }
}

extension RequestURI: KubernetesPayload {
    static let celType = CELType(name: "kubernetes.URL")
    var description: String { text }
    func sameValue(as other: RequestURI) -> Bool { text == other.text }
}

extension Quantity: KubernetesPayload {
    static let celType = CELType(name: "kubernetes.Quantity")
    var description: String { text }
    func sameValue(as other: Quantity) -> Bool { value == other.value }
}

extension Value {
    /// The payload of a value of one of Kubernetes' types, when it is of type `T`.
    func kubernetesPayload<T: KubernetesPayload>(_ type: T.Type) -> T? {
        if case .opaque(let o) = self { return (o as? KubernetesValue<T>)?.payload }
        return nil
    }
    var asIP: IPAddress? { kubernetesPayload(IPAddress.self) }
    var asCIDR: IPPrefix? { kubernetesPayload(IPPrefix.self) }
    var asURL: RequestURI? { kubernetesPayload(RequestURI.self) }
    var asQuantity: Quantity? { kubernetesPayload(Quantity.self) }
}
