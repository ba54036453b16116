import Foundation

extension StandardLibrary {
    /// `int`, `uint`, `double`, `string`, `bytes`, `bool`, `timestamp`, `duration`.
    static func registerConversions(into t: inout FunctionTable) {
        t.registerUnary("int", keepsOrigin: true) { v in
            switch v {
            case .int: return v
            case .uint(let u):
                guard u <= UInt64(Int64.max) else { return .error(.range("int")) }
                return .int(Int64(u))
            case .double(let d):
                guard d.isFinite, d > -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_807.0 else {
                    return .error(.range("int"))
                }
                return .int(Int64(d.rounded(.towardZero)))
            case .string(let s):
                guard let i = Int64(s) else { return .error("cannot convert '\(s)' to int") }
                return .int(i)
            case .timestamp(let ts): return .int(ts.seconds)
            case .duration(let d): return .int(d.nanoseconds)
            default: return .error(.noOverload("int", [v]))
            }
        }
        t.registerUnary("uint", keepsOrigin: true) { v in
            switch v {
            case .uint: return v
            case .int(let i):
                guard i >= 0 else { return .error(.range("uint")) }
                return .uint(UInt64(i))
            case .double(let d):
                guard d.isFinite, d > -1, d < 18_446_744_073_709_551_616.0 else { return .error(.range("uint")) }
                return .uint(UInt64(d.rounded(.towardZero)))
            case .string(let s):
                guard let u = UInt64(s) else { return .error("cannot convert '\(s)' to uint") }
                return .uint(u)
            default: return .error(.noOverload("uint", [v]))
            }
        }
        t.registerUnary("double", keepsOrigin: true) { v in
            switch v {
            case .double: return v
            case .int(let i): return .double(Double(i))
            case .uint(let u): return .double(Double(u))
            case .string(let s):
                switch s {
                case "NaN": return .double(.nan)
                case "Infinity", "+Infinity", "inf", "+inf": return .double(.infinity)
                case "-Infinity", "-inf": return .double(-.infinity)
                default:
                    guard let d = Double(s), !s.lowercased().contains("n") else { return .error("cannot convert '\(s)' to double") }
                    return .double(d)
                }
            default: return .error(.noOverload("double", [v]))
            }
        }
        t.registerUnary("string", keepsOrigin: true) { v in
            switch v {
            case .string: return v
            case .int(let i): return .string(String(i))
            case .uint(let u): return .string(String(u))
            case .double(let d): return .string(formatDoubleG(d))
            case .bool(let b): return .string(b ? "true" : "false")
            case .bytes(let b):
                guard let s = String(validating: b, as: UTF8.self) else { return .error("invalid UTF-8 in bytes") }
                return .string(s)
            case .timestamp(let ts): return .string(ts.description)
            case .duration(let d): return .string(d.description)
            case .type(let ty): return .string(ty.name)
            case .null: return .string("null")
            case .opaque(let o): return .string(o.description)
            default: return .error(.noOverload("string", [v]))
            }
        }
        t.register("bytes", arity: 1) { args in
            switch args[0] {
            case .bytes: return args[0]
            case .string(let s): return .bytes(Array(s.utf8))
            default: return .error(.noOverload("bytes", args))
            }
        }
        t.register("bool", arity: 1) { args in
            switch args[0] {
            case .bool: return args[0]
            case .string(let s):
                switch s {
                case "1", "t", "T", "true", "TRUE", "True": return .bool(true)
                case "0", "f", "F", "false", "FALSE", "False": return .bool(false)
                default: return .error("Type conversion error: cannot convert '\(s)' to bool")
                }
            default: return .error(.noOverload("bool", args))
            }
        }
        t.register("timestamp", arity: 1) { args in
            switch args[0] {
            case .timestamp: return args[0]
            case .string(let s):
                guard let ts = CELTimestamp(rfc3339: s) else {
                    return .error("timestamp out of range or invalid: '\(s)'")
                }
                return .timestamp(ts)
            case .int(let i):
                guard let ts = CELTimestamp(seconds: i) else { return .error(.range("timestamp")) }
                return .timestamp(ts)
            default: return .error(.noOverload("timestamp", args))
            }
        }
        t.register("duration", arity: 1) { args in
            switch args[0] {
            case .duration: return args[0]
            case .string(let s):
                guard let d = CELDuration(parsing: s) else { return .error("invalid or out of range duration '\(s)'") }
                return .duration(d)
            case .int(let i): return .duration(CELDuration(nanoseconds: i))
            default: return .error(.noOverload("duration", args))
            }
        }
    }

    /// Formats like Go's `strconv.FormatFloat(d, 'g', -1, 64)`: shortest digits, exponent form
    /// when the exponent is < -4 or >= 21.
    static func formatDoubleG(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        // Shortest round-trip digits and decimal exponent from Swift's description.
        let text = "\(d.magnitude)"
        var mantissa = text
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(text[..<e])
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var pointPos = intPart.count + exp // digits before the decimal point
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointPos -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        let x = pointPos - 1
        var out = d < 0 ? "-" : ""
        if x < -4 || x >= 21 {
            out += String(digits.prefix(1))
            if digits.count > 1 { out += "." + digits.dropFirst() }
            out += "e" + (x < 0 ? "-" : "+") + (abs(x) < 10 ? "0" : "") + String(abs(x))
        } else if pointPos <= 0 {
            out += "0." + String(repeating: "0", count: -pointPos) + digits
        } else if pointPos >= digits.count {
            out += digits + String(repeating: "0", count: pointPos - digits.count)
        } else {
            out += digits.prefix(pointPos) + "." + digits.dropFirst(pointPos)
        }
        return out
    }
}
