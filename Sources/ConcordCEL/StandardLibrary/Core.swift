import Foundation

/// Namespace for the built-in function registrations.
enum StandardLibrary {
    /// `size`, `contains`, `startsWith`, `endsWith`, `matches`, `type`, `dyn`.
    static func registerCore(into t: inout FunctionTable) {
        t.registerUnaryBoth("size", keepsOrigin: true) { v in
            switch v {
            case .string(let s): return .int(Int64(s.unicodeScalars.count))
            case .bytes(let b): return .int(Int64(b.count))
            case .list(let l): return .int(Int64(l.count))
            case .map(let m): return .int(Int64(m.count))
            default: return .error(.noOverload("size", [v]))
            }
        }
        t.register("contains", style: .receiver, arity: 1) { args in
            guard case .string(let s) = args[0], case .string(let sub) = args[1] else {
                return .error(.noOverload("contains", args))
            }
            return .bool(sub.isEmpty || s.utf8.firstRange(of: sub.utf8) != nil)
        }
        t.register("startsWith", style: .receiver, arity: 1) { args in
            guard case .string(let s) = args[0], case .string(let p) = args[1] else {
                return .error(.noOverload("startsWith", args))
            }
            return .bool(s.utf8.starts(with: p.utf8))
        }
        t.register("endsWith", style: .receiver, arity: 1) { args in
            guard case .string(let s) = args[0], case .string(let p) = args[1] else {
                return .error(.noOverload("endsWith", args))
            }
            return .bool(s.utf8.reversed().starts(with: p.utf8.reversed()))
        }
        let cache = RegexCache()
        t.registerBoth("matches", arity: 2) { args in
            guard case .string(let s) = args[0], case .string(let pattern) = args[1] else {
                return .error(.noOverload("matches", args))
            }
            switch cache.regex(pattern) {
            case .failure(let e): return .error(e)
            case .success(let re):
                let ns = s as NSString
                return .bool(re.firstMatch(in: s, options: [], range: NSRange(location: 0, length: ns.length)) != nil)
            }
        }
        t.registerUnary("type") { v in .type(v.celType) }
        t.registerUnary("dyn") { v in v }
    }
}

/// Compiled regular expressions, shared by the `matches` function of one function table.
final class RegexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var cache: [String: NSRegularExpression] = [:]

    func regex(_ pattern: String) -> Result<NSRegularExpression, CELError> {
        lock.lock()
        defer { lock.unlock() }
        if let re = cache[pattern] { return .success(re) }
        do {
            // NSRegularExpression rejects the empty pattern, which matches everything in RE2.
            let re = try NSRegularExpression(pattern: pattern.isEmpty ? "(?:)" : pattern, options: [])
            if cache.count > 256 { cache.removeAll() }
            cache[pattern] = re
            return .success(re)
        } catch {
            return .failure(CELError("invalid regular expression '\(pattern)'"))
        }
    }
}
