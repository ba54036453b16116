import Collections
import Foundation

/// Kubernetes' CEL libraries (k8s.io/apiserver/pkg/cel/library), as documented in "CEL in
/// Kubernetes": URLs, IP addresses and CIDRs, named formats, quantities and regex `find`. The
/// list helpers are in `ListsLibrary` and `DomainLibrary`.
public enum KubernetesLibrary {
    public static func register(into t: inout FunctionTable) {
        registerURLs(into: &t)
        registerIPs(into: &t)
        registerCIDRs(into: &t)
        registerFormats(into: &t)
        registerQuantities(into: &t)
        registerRegex(into: &t)
    }

    /// A receiver function of no argument on one opaque type.
    private static func method<T>(_ t: inout FunctionTable, _ name: String, _ unwrap: @escaping @Sendable (Value) -> T?,
                                  _ body: @escaping @Sendable (T) -> Value) {
        t.registerUnary(name, style: .receiver, keepsOrigin: true) { v in unwrap(v).map(body) ?? .error(.noOverload(name, [v])) }
    }

    /// A global function of one string argument (its result is about the string).
    private static func onString(_ t: inout FunctionTable, _ name: String, _ body: @escaping @Sendable (String) -> Value) {
        t.registerUnary(name, keepsOrigin: true) { v in
            guard case .string(let s) = v else { return .error(.noOverload(name, [v])) }
            return body(s)
        }
    }

    private static func registerURLs(into t: inout FunctionTable) {
        onString(&t, "isURL") { s in
            do throws(RequestURI.ParseError) { _ = try RequestURI(parsing: s); return .bool(true) } catch { return .bool(false) }
        }
        onString(&t, "url") { s in
            do throws(RequestURI.ParseError) {
                return .opaque(URLValue(try RequestURI(parsing: s)))
            } catch {
                return .error("URL parse error during conversion from string: parse \"\(s)\": \(error)")
            }
        }
        method(&t, "getScheme", \.asURL) { .string($0.scheme) }
        method(&t, "getHost", \.asURL) { .string($0.host) }
        method(&t, "getHostname", \.asURL) { .string($0.hostname) }
        method(&t, "getPort", \.asURL) { .string($0.port) }
        method(&t, "getEscapedPath", \.asURL) { .string($0.escapedPath) }
        method(&t, "getQuery", \.asURL) { url in
            var d = OrderedDictionary<MapKey, Value>()
            for (k, values) in url.query { d[.string(k)] = .list(values.map { .string($0) }) }
            return .map(MapValue(d))
        }
    }

    private static func registerIPs(into t: inout FunctionTable) {
        onString(&t, "isIP") { .bool(IPAddress($0) != nil) }
        onString(&t, "ip") { s in
            IPAddress(s).map { .opaque(IPValue($0)) } ?? .error("IP Address '\(s)' parse error during conversion from string")
        }
        onString(&t, "ip.isCanonical") { s in
            guard let ip = IPAddress(s) else { return .error("IP Address '\(s)' parse error during conversion from string") }
            return .bool(ip.description == s)
        }
        method(&t, "family", \.asIP) { .int(Int64($0.family)) }
        method(&t, "isUnspecified", \.asIP) { .bool($0.isUnspecified) }
        method(&t, "isLoopback", \.asIP) { .bool($0.isLoopback) }
        method(&t, "isLinkLocalMulticast", \.asIP) { .bool($0.isLinkLocalMulticast) }
        method(&t, "isLinkLocalUnicast", \.asIP) { .bool($0.isLinkLocalUnicast) }
        method(&t, "isGlobalUnicast", \.asIP) { .bool($0.isGlobalUnicast) }
    }

    private static func registerCIDRs(into t: inout FunctionTable) {
        onString(&t, "isCIDR") { .bool(IPPrefix($0) != nil) }
        onString(&t, "cidr") { s in
            IPPrefix(s).map { .opaque(CIDRValue($0)) } ?? .error("network address '\(s)' parse error during conversion from string")
        }
        method(&t, "ip", \.asCIDR) { .opaque(IPValue($0.address)) }
        method(&t, "prefixLength", \.asCIDR) { .int(Int64($0.bits)) }
        method(&t, "masked", \.asCIDR) { .opaque(CIDRValue(IPPrefix(address: $0.address.masked($0.bits), bits: $0.bits))) }
        t.register("containsIP", style: .receiver, arity: 1) { args in
            guard let prefix = args[0].asCIDR else { return .error(.noOverload("containsIP", args)) }
            if case .string(let s) = args[1] {
                guard let ip = IPAddress(s) else { return .error("IP Address '\(s)' parse error during conversion from string") }
                return .bool(prefix.contains(ip))
            }
            guard let ip = args[1].asIP else { return .error(.noOverload("containsIP", args)) }
            return .bool(prefix.contains(ip))
        }
        t.register("containsCIDR", style: .receiver, arity: 1) { args in
            guard let prefix = args[0].asCIDR else { return .error(.noOverload("containsCIDR", args)) }
            if case .string(let s) = args[1] {
                guard let other = IPPrefix(s) else { return .error("network address '\(s)' parse error during conversion from string") }
                return .bool(prefix.contains(other))
            }
            guard let other = args[1].asCIDR else { return .error(.noOverload("containsCIDR", args)) }
            return .bool(prefix.contains(other))
        }
    }

    private static func registerFormats(into t: inout FunctionTable) {
        for name in NamedFormats.validators.keys {
            t.register("format." + name, arity: 0) { _ in .opaque(NamedFormatValue(NamedFormat(name: name))) }
        }
        onString(&t, "format.named") { name in
            NamedFormats.validators[name] != nil ? OptionalValue.of(.opaque(NamedFormatValue(NamedFormat(name: name)))) : OptionalValue.none
        }
        t.register("validate", style: .receiver, arity: 1) { args in
            guard let format = args[0].kubernetesPayload(NamedFormat.self), case .string(let s) = args[1] else {
                return .error(.noOverload("validate", args))
            }
            let problems = format.validate(s)
            return problems.isEmpty ? OptionalValue.none : OptionalValue.of(.list(problems.map { .string($0) }))
        }
    }

    private static func registerQuantities(into t: inout FunctionTable) {
        onString(&t, "isQuantity") { .bool(Quantity($0) != nil) }
        onString(&t, "quantity") { s in
            Quantity(s).map { .opaque(QuantityValue($0)) } ?? .error("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
        }
        method(&t, "sign", \.asQuantity) { .int($0.sign) }
        method(&t, "isInteger", \.asQuantity) { .bool($0.isInteger) }
        method(&t, "asInteger", \.asQuantity) { q in
            q.int64.map { .int($0) } ?? .error("cannot convert value to integer")
        }
        method(&t, "asApproximateFloat", \.asQuantity) { .double($0.double) }
        for (name, negate) in [("add", false), ("sub", true)] {
            t.register(name, style: .receiver, arity: 1) { args in
                guard let a = args[0].asQuantity else { return .error(.noOverload(name, args)) }
                let b: Decimal
                if let q = args[1].asQuantity {
                    b = q.value
                } else if case .int(let i) = args[1] {
                    b = Decimal(i)
                } else {
                    return .error(.noOverload(name, args))
                }
                return .opaque(QuantityValue(Quantity(value: negate ? a.value - b : a.value + b)))
            }
        }
        let comparisons: [(String, @Sendable (Decimal, Decimal) -> Value)] = [
            ("compareTo", { .int($0 < $1 ? -1 : ($0 == $1 ? 0 : 1)) }),
            ("isGreaterThan", { .bool($0 > $1) }),
            ("isLessThan", { .bool($0 < $1) }),
        ]
        for (name, compare) in comparisons {
            t.register(name, style: .receiver, arity: 1) { args in
                guard let a = args[0].asQuantity, let b = args[1].asQuantity else { return .error(.noOverload(name, args)) }
                return compare(a.value, b.value)
            }
        }
    }

    /// `s.find(re)`: the first match or ""; `s.findAll(re)` / `s.findAll(re, n)`: the matches
    /// (at most `n`; all when `n` is negative).
    private static func registerRegex(into t: inout FunctionTable) {
        let cache = RegexCache()
        @Sendable func matches(_ args: [Value], _ name: String, limit: Int) -> Value {
            guard case .string(let s) = args[0], case .string(let pattern) = args[1] else { return .error(.noOverload(name, args)) }
            switch cache.regex(pattern) {
            case .failure(let e): return .error(e)
            case .success(let re):
                let ns = s as NSString
                var out: [Value] = []
                re.enumerateMatches(in: s, options: [], range: NSRange(location: 0, length: ns.length)) { m, _, stop in
                    guard let m else { return }
                    out.append(.string(ns.substring(with: m.range)))
                    if limit >= 0 && out.count >= limit { stop.pointee = true }
                }
                return .list(out)
            }
        }
        t.register("find", style: .receiver, arity: 1) { args in
            let found = matches(args, "find", limit: 1)
            guard case .list(let l) = found else { return found }
            return l.count > 0 ? l[0] : .string("")
        }
        t.register("findAll", style: .receiver, arity: 1) { args in matches(args, "findAll", limit: -1) }
        t.register("findAll", style: .receiver, arity: 2) { args in
            guard case .int(let n) = args[2] else { return .error(.noOverload("findAll", args)) }
            if n == 0 { return .list([]) }
            return matches(Array(args.prefix(2)), "findAll", limit: n < 0 ? -1 : Int(clamping: n))
        }
    }
}
