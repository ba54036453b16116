import Foundation

extension StandardLibrary {
    /// The CEL strings extension: `charAt`, `indexOf`, `lastIndexOf`, `lowerAscii`,
    /// `upperAscii`, `replace`, `split`, `substring`, `trim`, `join`, `reverse`, `format`,
    /// `strings.quote`. Indexes count Unicode code points.
    static func registerStrings(into t: inout FunctionTable) {
        @Sendable func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }
        @Sendable func string(_ a: ArraySlice<Unicode.Scalar>) -> String {
            var s = ""
            s.unicodeScalars.append(contentsOf: a)
            return s
        }
        @Sendable func find(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar], from: Int, backwards: Bool) -> Int {
            if needle.isEmpty { return from }
            let last = hay.count - needle.count
            if last < 0 { return -1 }
            let positions: [Int] = backwards ? Array(stride(from: min(from, last), through: 0, by: -1))
                                             : (from <= last ? Array(from...last) : [])
            for i in positions where hay[i..<i + needle.count].elementsEqual(needle) { return i }
            return -1
        }

        t.register("charAt", style: .receiver, arity: 1) { args in
            guard case .string(let s) = args[0], case .int(let i) = args[1] else { return .error(.noOverload("charAt", args)) }
            let a = scalars(s)
            guard i >= 0, i <= Int64(a.count) else { return .error("index out of range: \(i)") }
            return .string(i == Int64(a.count) ? "" : string(a[Int(i)...Int(i)]))
        }
        for arity in [1, 2] {
            for (name, backwards) in [("indexOf", false), ("lastIndexOf", true)] {
                t.register(name, style: .receiver, arity: arity) { args in
                    guard case .string(let s) = args[0], case .string(let sub) = args[1] else {
                        return .error(.noOverload(name, args))
                    }
                    let a = scalars(s)
                    let n = scalars(sub)
                    var from = backwards ? a.count : 0
                    if args.count == 3 {
                        guard case .int(let f) = args[2] else { return .error(.noOverload(name, args)) }
                        guard f >= 0, f <= Int64(a.count) else { return .error("index out of range: \(f)") }
                        from = Int(f)
                    }
                    if backwards && n.isEmpty { return .int(Int64(from)) }
                    return .int(Int64(find(a, n, from: from, backwards: backwards)))
                }
            }
        }
        t.register("lowerAscii", style: .receiver, arity: 0, keepsOrigin: true) { args in
            guard case .string(let s) = args[0] else { return .error(.noOverload("lowerAscii", args)) }
            var out = ""
            out.unicodeScalars.append(contentsOf: s.unicodeScalars.map { $0 >= "A" && $0 <= "Z" ? Unicode.Scalar($0.value + 32) ?? $0 : $0 })
            return .string(out)
        }
        t.register("upperAscii", style: .receiver, arity: 0, keepsOrigin: true) { args in
            guard case .string(let s) = args[0] else { return .error(.noOverload("upperAscii", args)) }
            var out = ""
            out.unicodeScalars.append(contentsOf: s.unicodeScalars.map { $0 >= "a" && $0 <= "z" ? Unicode.Scalar($0.value - 32) ?? $0 : $0 })
            return .string(out)
        }
        for arity in [2, 3] {
            t.register("replace", style: .receiver, arity: arity) { args in
                guard case .string(let s) = args[0], case .string(let old) = args[1], case .string(let new) = args[2] else {
                    return .error(.noOverload("replace", args))
                }
                var limit = -1
                if args.count == 4 {
                    guard case .int(let n) = args[3] else { return .error(.noOverload("replace", args)) }
                    limit = n < 0 ? -1 : Int(clamping: n)
                }
                let a = scalars(s)
                let o = scalars(old)
                let nw = scalars(new)
                var out: [Unicode.Scalar] = []
                var i = 0
                var done = 0
                while i <= a.count {
                    if limit >= 0 && done >= limit { break }
                    let j = find(a, o, from: i, backwards: false)
                    if j < 0 { break }
                    out.append(contentsOf: a[i..<j])
                    out.append(contentsOf: nw)
                    done += 1
                    if o.isEmpty {
                        if j < a.count { out.append(a[j]) }
                        i = j + 1
                    } else {
                        i = j + o.count
                    }
                }
                if i < a.count { out.append(contentsOf: a[i...]) }
                return .string(string(out[...]))
            }
        }
        for arity in [1, 2] {
            t.register("split", style: .receiver, arity: arity) { args in
                guard case .string(let s) = args[0], case .string(let sep) = args[1] else {
                    return .error(.noOverload("split", args))
                }
                var limit = -1
                if args.count == 3 {
                    guard case .int(let n) = args[2] else { return .error(.noOverload("split", args)) }
                    limit = n < 0 ? -1 : Int(clamping: n)
                }
                if limit == 0 { return .list([]) }
                let a = scalars(s)
                let p = scalars(sep)
                var parts: [Value] = []
                if p.isEmpty {
                    for (k, c) in a.enumerated() {
                        if limit > 0 && parts.count == limit - 1 {
                            parts.append(.string(string(a[k...])))
                            return .list(parts)
                        }
                        parts.append(.string(String(c)))
                    }
                    return .list(parts)
                }
                var i = 0
                while true {
                    if limit > 0 && parts.count == limit - 1 { break }
                    let j = find(a, p, from: i, backwards: false)
                    if j < 0 { break }
                    parts.append(.string(string(a[i..<j])))
                    i = j + p.count
                }
                parts.append(.string(string(a[i...])))
                return .list(parts)
            }
        }
        for arity in [1, 2] {
            t.register("substring", style: .receiver, arity: arity) { args in
                guard case .string(let s) = args[0], case .int(let start) = args[1] else {
                    return .error(.noOverload("substring", args))
                }
                let a = scalars(s)
                var end = Int64(a.count)
                if args.count == 3 {
                    guard case .int(let e) = args[2] else { return .error(.noOverload("substring", args)) }
                    end = e
                }
                guard start >= 0, start <= Int64(a.count), end >= start, end <= Int64(a.count) else {
                    return .error("substring index out of range: [\(start), \(end)) of size \(a.count)")
                }
                return .string(string(a[Int(start)..<Int(end)]))
            }
        }
        t.register("trim", style: .receiver, arity: 0, keepsOrigin: true) { args in
            guard case .string(let s) = args[0] else { return .error(.noOverload("trim", args)) }
            let a = scalars(s)
            func space(_ c: Unicode.Scalar) -> Bool {
                switch c.value {
                case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
                default: return false
                }
            }
            var lo = 0
            var hi = a.count
            while lo < hi && space(a[lo]) { lo += 1 }
            while hi > lo && space(a[hi - 1]) { hi -= 1 }
            return .string(string(a[lo..<hi]))
        }
        t.register("reverse", style: .receiver, arity: 0) { args in
            guard case .string(let s) = args[0] else { return .error(.noOverload("reverse", args)) }
            return .string(string(scalars(s).reversed()[...]))
        }
        for arity in [0, 1] {
            t.register("join", style: .receiver, arity: arity) { args in
                guard case .list(let l) = args[0] else { return .error(.noOverload("join", args)) }
                var sep = ""
                if args.count == 2 {
                    guard case .string(let s) = args[1] else { return .error(.noOverload("join", args)) }
                    sep = s
                }
                var parts: [String] = []
                for v in l.elements {
                    guard case .string(let s) = v else { return .error("join: list element is not a string") }
                    parts.append(s)
                }
                return .string(parts.joined(separator: sep))
            }
        }
        t.register("strings.quote", arity: 1) { args in
            guard case .string(let s) = args[0] else { return .error(.noOverload("strings.quote", args)) }
            return .string(Value.quote(s))
        }
        t.register("format", style: .receiver, arity: 1) { args in
            guard case .string(let f) = args[0], case .list(let l) = args[1] else { return .error(.noOverload("format", args)) }
            return StringFormat.format(f, l.elements)
        }
    }
}

/// The `format` function of the strings extension (`%s %d %f %e %b %o %x %X %%`).
enum StringFormat {
    static func format(_ f: String, _ args: [Value]) -> Value {
        var out = ""
        var it = Array(f.unicodeScalars)[...]
        var argIndex = 0
        while let c = it.popFirst() {
            guard c == "%" else { out.unicodeScalars.append(c); continue }
            var precision: Int? = nil
            if it.first == "." {
                it.removeFirst()
                var digits = ""
                while let d = it.first, d >= "0", d <= "9" { digits.unicodeScalars.append(d); it.removeFirst() }
                precision = min(Int(digits) ?? 0, 100)
            }
            guard let verb = it.popFirst() else { return .error("format: unterminated formatting clause") }
            if verb == "%" { out += "%"; continue }
            guard argIndex < args.count else { return .error("format: missing argument for clause %\(verb)") }
            let arg = args[argIndex]
            argIndex += 1
            switch clause(verb, precision, arg) {
            case .success(let s): out += s
            case .failure(let e): return .error(e)
            }
        }
        return .string(out)
    }

    static func asString(_ v: Value) -> String? {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return StandardLibrary.formatDoubleG(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .type(let t): return t.name
        case .timestamp(let t): return t.description
        case .duration(let d): return d.description
        case .list(let l):
            var parts: [String] = []
            for e in l.elements {
                guard let s = asString(e) else { return nil }
                parts.append(s)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .map(let m):
            var parts: [String] = []
            for (k, e) in m.entries {
                guard let ks = asString(k.value), let s = asString(e) else { return nil }
                parts.append("\(ks): \(s)")
            }
            return "{" + parts.sorted().joined(separator: ", ") + "}"
        case .opaque(let o): return o.description
        case .error: return nil
        }
    }

    static func nonFinite(_ d: Double) -> String? {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return nil
    }

    static func clause(_ verb: Unicode.Scalar, _ precision: Int?, _ v: Value) -> Result<String, CELError> {
        let bad = CELError("format: clause %\(verb) does not support a value of type '\(v.celType)'")
        switch verb {
        case "s":
            guard let s = asString(v) else { return .failure(bad) }
            return .success(s)
        case "d":
            switch v {
            case .int(let i): return .success(String(i))
            case .uint(let u): return .success(String(u))
            case .double(let d): if let s = nonFinite(d) { return .success(s) }
            default: break
            }
            return .failure(bad)
        case "f", "e":
            let d: Double
            switch v {
            case .int(let i): d = Double(i)
            case .uint(let u): d = Double(u)
            case .double(let x): d = x
            default: return .failure(bad)
            }
            if let s = nonFinite(d) { return .success(s) }
            return .success(String(format: "%.\(precision ?? 6)\(verb == "f" ? "f" : "e")", d))
        case "b", "o", "x", "X":
            let radix = verb == "b" ? 2 : (verb == "o" ? 8 : 16)
            let upper = verb == "X"
            switch v {
            case .int(let i): return .success((i < 0 ? "-" : "") + String(i.magnitude, radix: radix, uppercase: upper))
            case .uint(let u): return .success(String(u, radix: radix, uppercase: upper))
            case .bool(let b) where verb == "b": return .success(b ? "1" : "0")
            case .string(let s) where radix == 16:
                return .success(s.utf8.map { String(format: upper ? "%02X" : "%02x", $0) }.joined())
            case .bytes(let b) where radix == 16:
                return .success(b.map { String(format: upper ? "%02X" : "%02x", $0) }.joined())
            case .double(let d) where radix == 16:
                if let s = nonFinite(d) { return .success(s) }
                return .failure(bad)
            default: return .failure(bad)
            }
        default:
            return .failure(CELError("format: unrecognized formatting clause %\(verb)"))
        }
    }
}
