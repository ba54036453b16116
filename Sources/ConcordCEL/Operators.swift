/// The built-in operators: arithmetic with overflow checks, comparisons, `in` and indexing.
enum Operators {
    static func unary(_ op: UnaryOperator, _ v: Value) -> Value {
        switch (op, v) {
        case (_, .error): return v
        case (.not, .bool(let b)): return .bool(!b)
        case (.negate, .int(let i)):
            let (r, o) = Int64(0).subtractingReportingOverflow(i)
            return o ? .error(.overflow("int")) : .int(r)
        case (.negate, .double(let d)): return .double(-d)
        case (.negate, .duration(let d)):
            let (r, o) = Int64(0).subtractingReportingOverflow(d.nanoseconds)
            return o ? .error(.range("duration")) : .duration(CELDuration(nanoseconds: r))
        default:
            return .error(.noOverload(op == .not ? "!_" : "-_", [v]))
        }
    }

    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
        switch op {
        case .equal: return .bool(a.celEquals(b))
        case .notEqual: return .bool(!a.celEquals(b))
        case .less, .lessEqual, .greater, .greaterEqual:
            if case .opaque(let o) = a, let r = o.relation(op, to: b) { return r }
            if case .opaque(let o) = b, let r = o.relation(op.mirrored, to: a) { return r }
            switch a.celCompare(b) {
            case .failure(let e): return .error(CELError("no such overload: \(op.functionName) applied to (\(a.celType), \(b.celType))", offset: e.offset))
            case .success(nil): return .bool(false)
            case .success(let r?):
                switch op {
                case .less: return .bool(r == .orderedAscending)
                case .lessEqual: return .bool(r != .orderedDescending)
                case .greater: return .bool(r == .orderedDescending)
                default: return .bool(r != .orderedAscending)
                }
            }
        case .in:
            switch b {
            case .list(let l):
                for x in l.elements where a.celEquals(x) { return .bool(true) }
                return .bool(false)
            case .map(let m):
                return .bool(m.lookup(a) != nil)
            default:
                return .error(.noOverload("@in", [a, b]))
            }
        case .add: return add(a, b)
        case .subtract: return subtract(a, b)
        case .multiply:
            switch (a, b) {
            case (.int(let x), .int(let y)):
                let (r, o) = x.multipliedReportingOverflow(by: y)
                return o ? .error(.overflow("int")) : .int(r)
            case (.uint(let x), .uint(let y)):
                let (r, o) = x.multipliedReportingOverflow(by: y)
                return o ? .error(.overflow("uint")) : .uint(r)
            case (.double(let x), .double(let y)): return .double(x * y)
            default: return .error(.noOverload("_*_", [a, b]))
            }
        case .divide:
            switch (a, b) {
            case (.int(let x), .int(let y)):
                if y == 0 { return .error(.divideByZero) }
                let (r, o) = x.dividedReportingOverflow(by: y)
                return o ? .error(.overflow("int")) : .int(r)
            case (.uint(let x), .uint(let y)):
                if y == 0 { return .error(.divideByZero) }
                return .uint(x / y)
            case (.double(let x), .double(let y)): return .double(x / y)
            default: return .error(.noOverload("_/_", [a, b]))
            }
        case .modulo:
            switch (a, b) {
            case (.int(let x), .int(let y)):
                if y == 0 { return .error(.moduloByZero) }
                let (r, o) = x.remainderReportingOverflow(dividingBy: y)
                return o ? .error(.overflow("int")) : .int(r)
            case (.uint(let x), .uint(let y)):
                if y == 0 { return .error(.moduloByZero) }
                return .uint(x % y)
            default: return .error(.noOverload("_%_", [a, b]))
            }
        case .and, .or:
            return .error(.noOverload(op.functionName, [a, b]))
        }
    }

    static func add(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .error(.overflow("int")) : .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .error(.overflow("uint")) : .uint(r)
        case (.double(let x), .double(let y)): return .double(x + y)
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.bytes(let x), .bytes(let y)): return .bytes(x + y)
        case (.list(let x), .list(let y)):
            if y.count == 0 { return a }
            if x.count == 0 { return b }
            return .list(ListValue(x.elements + y.elements))
        case (.duration(let x), .duration(let y)):
            let (r, o) = x.nanoseconds.addingReportingOverflow(y.nanoseconds)
            return o ? .error(.range("duration")) : .duration(CELDuration(nanoseconds: r))
        case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
            return shift(t, d.nanoseconds)
        default:
            return .error(.noOverload("_+_", [a, b]))
        }
    }

    static func shift(_ t: CELTimestamp, _ nanos: Int64) -> Value {
        let s = nanos / 1_000_000_000
        let n = nanos % 1_000_000_000
        let (secs, o) = t.seconds.addingReportingOverflow(s)
        guard !o, let r = CELTimestamp(seconds: secs, nanos: t.nanos + Int32(n)) else {
            return .error(.range("timestamp"))
        }
        return .timestamp(r)
    }

    static func subtract(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .error(.overflow("int")) : .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .error(.overflow("uint")) : .uint(r)
        case (.double(let x), .double(let y)): return .double(x - y)
        case (.duration(let x), .duration(let y)):
            let (r, o) = x.nanoseconds.subtractingReportingOverflow(y.nanoseconds)
            return o ? .error(.range("duration")) : .duration(CELDuration(nanoseconds: r))
        case (.timestamp(let t), .duration(let d)):
            if d.nanoseconds == Int64.min { return .error(.range("timestamp")) }
            return shift(t, -d.nanoseconds)
        case (.timestamp(let x), .timestamp(let y)):
            let (ds, o1) = x.seconds.subtractingReportingOverflow(y.seconds)
            let (sn, o2) = ds.multipliedReportingOverflow(by: 1_000_000_000)
            let (r, o3) = sn.addingReportingOverflow(Int64(x.nanos) - Int64(y.nanos))
            if o1 || o2 || o3 { return .error(.range("duration")) }
            return .duration(CELDuration(nanoseconds: r))
        default:
            return .error(.noOverload("_-_", [a, b]))
        }
    }

    static func index(_ base: Value, _ i: Value) -> Value {
        switch base {
        case .list(let l):
            let idx: Int64
            switch i {
            case .int(let x): idx = x
            case .uint(let x):
                guard x <= UInt64(Int64.max) else { return .error("index out of range: \(x)") }
                idx = Int64(x)
            case .double(let d):
                guard let x = Int64(exactly: d) else { return .error("invalid list index \(Value.formatDouble(d))") }
                idx = x
            default:
                return .error(.noOverload("_[_]", [base, i]))
            }
            guard idx >= 0, idx < Int64(l.count) else { return .error("index out of range: \(idx) (size \(l.count))") }
            return l[Int(idx)]
        case .map(let m):
            if let v = m.lookup(i) { return v }
            switch i {
            case .int, .uint, .bool, .string, .double: return .error("no such key: \(i)")
            default: return .error("no such key: unsupported key type '\(i.celType)'")
            }
        case .opaque(let o) where o is OptionalValue:
            // An element of an optional is an optional (`optional.of(l)[0]` is `optional.of(l)[?0]`).
            return optionalIndex(base, i)
        default:
            return .error(.noOverload("_[_]", [base, i]))
        }
    }
}
