import ConcordSupport

/// Equality and ordering of values, following the CEL specification: numbers compare across
/// int, uint and double by mathematical value; other values of different types are unequal.
extension Value {
    /// CEL equality (`==`). Heterogeneous values are unequal (not an error); NaN is unequal to
    /// everything. Errors are never equal.
    public func celEquals(_ other: Value) -> Bool {
        switch (self, other) {
        case (.int(let a), .int(let b)): return a == b
        case (.uint(let a), .uint(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.int, .uint), (.uint, .int), (.int, .double), (.double, .int), (.uint, .double), (.double, .uint):
            return Value.compareNumbers(self, other) == .orderedSame
        case (.string(let a), .string(let b)): return ExactText.same(a, b)
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.type(let a), .type(let b)): return a == b
        case (.timestamp(let a), .timestamp(let b)): return a == b
        case (.duration(let a), .duration(let b)): return a == b
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            for i in 0..<a.count where !a[i].celEquals(b[i]) { return false }
            return true
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            for (k, v) in a.entries {
                guard let w = b[k], v.celEquals(w) else { return false }
            }
            return true
        case (.opaque(let a), _): return a.isEqual(to: other) ?? false
        case (_, .opaque(let b)): return b.isEqual(to: self) ?? false
        default: return false
        }
    }

    /// Compares two numbers (int, uint, double) by mathematical value; `nil` if either is NaN or
    /// not a number.
    static func compareNumbers(_ a: Value, _ b: Value) -> ComparisonResultCEL? {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> ComparisonResultCEL {
            x < y ? .orderedAscending : (x == y ? .orderedSame : .orderedDescending)
        }
        // As in the reference implementation: out-of-range doubles order beyond every integer;
        // otherwise the integer is converted to double (so 2^63-1 and 2^63 as doubles are equal).
        func intVsDouble(_ i: Int64, _ d: Double) -> ComparisonResultCEL? {
            if d.isNaN { return nil }
            if d < -9_223_372_036_854_775_808.0 { return .orderedDescending }
            if d > 9_223_372_036_854_775_808.0 { return .orderedAscending }
            return cmp(Double(i), d)
        }
        func uintVsDouble(_ u: UInt64, _ d: Double) -> ComparisonResultCEL? {
            if d.isNaN { return nil }
            if d < 0 { return .orderedDescending }
            if d > 18_446_744_073_709_551_616.0 { return .orderedAscending }
            return cmp(Double(u), d)
        }
        func flip(_ r: ComparisonResultCEL?) -> ComparisonResultCEL? {
            switch r {
            case .orderedAscending: return .orderedDescending
            case .orderedDescending: return .orderedAscending
            default: return r
            }
        }
        switch (a, b) {
        case (.int(let x), .int(let y)): return cmp(x, y)
        case (.uint(let x), .uint(let y)): return cmp(x, y)
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return nil }
            return cmp(x, y)
        case (.int(let x), .uint(let y)): return x < 0 ? .orderedAscending : cmp(UInt64(x), y)
        case (.uint(let x), .int(let y)): return y < 0 ? .orderedDescending : cmp(x, UInt64(y))
        case (.int(let x), .double(let y)): return intVsDouble(x, y)
        case (.double(let x), .int(let y)): return flip(intVsDouble(y, x))
        case (.uint(let x), .double(let y)): return uintVsDouble(x, y)
        case (.double(let x), .uint(let y)): return flip(uintVsDouble(y, x))
        default: return nil
        }
    }

    /// CEL ordering for `<`, `<=`, `>`, `>=`. Returns `.failure` when the values are not
    /// comparable ("no matching overload"), and `.success(nil)` when they are comparable but
    /// unordered (NaN).
    func celCompare(_ other: Value) -> Result<ComparisonResultCEL?, CELError> {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> ComparisonResultCEL {
            x < y ? .orderedAscending : (x == y ? .orderedSame : .orderedDescending)
        }
        switch (self, other) {
        case (.int, .int), (.int, .uint), (.int, .double), (.uint, .int), (.uint, .uint), (.uint, .double),
             (.double, .int), (.double, .uint), (.double, .double):
            return .success(Value.compareNumbers(self, other))
        case (.string(let a), .string(let b)):
            return .success(a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? .orderedAscending
                            : (ExactText.same(a, b) ? .orderedSame : .orderedDescending))
        case (.bytes(let a), .bytes(let b)):
            return .success(a.lexicographicallyPrecedes(b) ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending))
        case (.bool(let a), .bool(let b)):
            return .success(a == b ? .orderedSame : (!a ? .orderedAscending : .orderedDescending))
        case (.timestamp(let a), .timestamp(let b)): return .success(cmp(a, b))
        case (.duration(let a), .duration(let b)): return .success(cmp(a, b))
        case (.opaque(let a), _):
            if let r = a.compare(to: other) { return .success(r) }
            return .failure(CELError("values of type '\(celType)' and '\(other.celType)' cannot be ordered"))
        default:
            return .failure(CELError("no such overload: cannot order '\(celType)' and '\(other.celType)'"))
        }
    }
}

extension Value: CustomStringConvertible {
    /// A CEL-like rendering: `1`, `1u`, `1.5`, `"text"`, `b"\x01"`, `[1, 2]`, `{"a": 1}`,
    /// `timestamp("...")`, `duration("...")`, `int` (type), `error: message`.
    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .uint(let u): return "\(u)u"
        case .double(let d): return Value.formatDouble(d)
        case .string(let s): return Value.quote(s)
        case .bytes(let b):
            var out = "b\""
            for byte in b {
                if byte >= 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x5C {
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    out += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
                }
            }
            return out + "\""
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .list(let l): return "[" + l.elements.map(\.description).joined(separator: ", ") + "]"
        case .map(let m):
            return "{" + m.entries.map { "\($0.key.value.description): \($0.value.description)" }.joined(separator: ", ") + "}"
        case .type(let t): return t.name
        case .timestamp(let t): return "timestamp(\"\(t)\")"
        case .duration(let d): return "duration(\"\(d)\")"
        case .error(let e): return "error: \(e.message)"
        case .opaque(let o): return o.description
        }
    }

    /// Formats a double the way CEL's `string()` does (shortest round-trip form, no trailing `.0`
    /// in exponent form; `1.0` for integral values in `description`).
    static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return "\(d)"
    }

    /// `s` as a CEL string literal.
    static func quote(_ s: String) -> String {
        "\"" + ScalarEscaping.escaped(s) { u in
            if let escape = ScalarEscaping.sharedBackslashEscape(u) { return escape }
            switch u {
            case "\u{07}": return "\\a"
            case "\u{08}": return "\\b"
            case "\u{0C}": return "\\f"
            case "\u{0B}": return "\\v"
            default: return u.value < 0x20 || u.value == 0x7F ? "\\x" + Hex.padded(u.value, width: 2) : nil
            }
        } + "\""
    }
}
