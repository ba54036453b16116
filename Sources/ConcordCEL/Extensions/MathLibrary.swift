#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// cel-go's math extension (`ext.Math()`): `math.greatest`, `math.least`, rounding, `abs`,
/// `sign`, the floating-point tests and the bit operations. Numbers of different types compare
/// by value; the result keeps the type of the argument it came from.
enum MathLibrary {
    static func register(into t: inout FunctionTable) {
        t.registerVariadic("math.greatest") { args in extreme(args, "math.greatest", keep: .orderedDescending) }
        t.registerVariadic("math.least") { args in extreme(args, "math.least", keep: .orderedAscending) }

        let rounding: [(String, @Sendable (Double) -> Double)] = [
            ("math.ceil", { $0.rounded(.up) }), ("math.floor", { $0.rounded(.down) }),
            ("math.round", { $0.rounded(.toNearestOrAwayFromZero) }), ("math.trunc", { $0.rounded(.towardZero) }),
        ]
        for (name, round) in rounding {
            t.registerUnary(name, keepsOrigin: true) { v in
                guard case .double(let d) = v else { return .error(.noOverload(name, [v])) }
                return .double(round(d))
            }
        }
        let tests: [(String, @Sendable (Double) -> Bool)] = [
            ("math.isNaN", { $0.isNaN }), ("math.isInf", { $0.isInfinite }), ("math.isFinite", { $0.isFinite }),
        ]
        for (name, test) in tests {
            t.registerUnary(name, keepsOrigin: true) { v in
                guard case .double(let d) = v else { return .error(.noOverload(name, [v])) }
                return .bool(test(d))
            }
        }
        t.registerUnary("math.abs", keepsOrigin: true) { v in
            switch v {
            case .int(let x):
                guard x != .min else { return .error(.overflow()) }
                return .int(Swift.abs(x))
            case .uint: return v
            case .double(let d): return .double(Swift.abs(d))
            default: return .error(.noOverload("math.abs", [v]))
            }
        }
        t.registerUnary("math.sign", keepsOrigin: true) { v in
            switch v {
            case .int(let x): return .int(x.signum())
            case .uint(let x): return .uint(x == 0 ? 0 : 1)
            case .double(let d): return .double(d.isNaN ? d : (d > 0 ? 1 : (d < 0 ? -1 : 0)))
            default: return .error(.noOverload("math.sign", [v]))
            }
        }
        registerBitOperations(into: &t)
    }

    private static func registerBitOperations(into t: inout FunctionTable) {
        let binary: [(String, @Sendable (UInt64, UInt64) -> UInt64)] = [
            ("math.bitAnd", { $0 & $1 }), ("math.bitOr", { $0 | $1 }), ("math.bitXor", { $0 ^ $1 }),
        ]
        for (name, op) in binary {
            t.register(name, arity: 2) { args in
                switch (args[0], args[1]) {
                case (.int(let a), .int(let b)): return .int(Int64(bitPattern: op(UInt64(bitPattern: a), UInt64(bitPattern: b))))
                case (.uint(let a), .uint(let b)): return .uint(op(a, b))
                default: return .error(.noOverload(name, args))
                }
            }
        }
        t.registerUnary("math.bitNot") { v in
            switch v {
            case .int(let x): return .int(~x)
            case .uint(let x): return .uint(~x)
            default: return .error(.noOverload("math.bitNot", [v]))
            }
        }
        // Shifts are logical (a negative int shifted right fills with zeros), as in cel-go;
        // shifting by 64 or more gives 0.
        for (name, left) in [("math.bitShiftLeft", true), ("math.bitShiftRight", false)] {
            t.register(name, arity: 2) { args in
                guard case .int(let n) = args[1] else { return .error(.noOverload(name, args)) }
                guard n >= 0 else { return .error("math.bitShift: negative offset \(n)") }
                @Sendable func shift(_ x: UInt64) -> UInt64 { n >= 64 ? 0 : (left ? x << UInt64(n) : x >> UInt64(n)) }
                switch args[0] {
                case .int(let x): return .int(Int64(bitPattern: shift(UInt64(bitPattern: x))))
                case .uint(let x): return .uint(shift(x))
                default: return .error(.noOverload(name, args))
                }
            }
        }
    }

    /// `math.greatest` / `math.least`: of one number, of several, or of a list of numbers.
    private static func extreme(_ args: [Value], _ name: String, keep: ComparisonResultCEL) -> Value {
        var values = args
        if args.count == 1, case .list(let l) = args[0] {
            values = l.elements
            if values.isEmpty { return .error("\(name)(list) argument must not be empty") }
        }
        guard var best = values.first else { return .error("\(name)() requires at least one argument") }
        for v in values {
            switch v {
            case .int, .uint, .double: break
            default: return .error(.noOverload(name, args))
            }
            if Value.compareNumbers(v, best) == keep { best = v }
        }
        return best
    }
}
