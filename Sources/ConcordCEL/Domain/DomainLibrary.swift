import Collections

/// Concord's extensions to CEL, for datasets of coalitions and pledges (documented in
/// docs/rules.md): partial dates, ISO country and currency codes, and list helpers in the
/// spirit of the Kubernetes CEL libraries.
public enum DomainLibrary {
    public static func register(into t: inout FunctionTable) {
        // date("2023"), date("2023-11"), date("2023-11-30")
        t.registerUnary("date", keepsOrigin: true) { v in
            switch v {
            case .string(let s):
                do throws(CalendarDateError) {
                    return .opaque(DateValue(try CalendarDate(parsing: s)))
                } catch {
                    return .error(CELError(error.description))
                }
            case .opaque(let o) where o is DateValue:
                return v
            default:
                return .error(.noMatchingOverload("date", [v]))
            }
        }
        t.registerUnary("isDate", keepsOrigin: true) { v in
            guard case .string(let s) = v else { return .bool(false) }
            return .bool(CalendarDate.parse(s) != nil)
        }
        t.registerUnary("isCurrency", keepsOrigin: true) { v in
            guard case .string(let s) = v else { return .bool(false) }
            return .bool(ISOCodes.isCurrency(s))
        }
        t.registerUnary("isCountry", keepsOrigin: true) { v in
            guard case .string(let s) = v else { return .bool(false) }
            return .bool(ISOCodes.isCountry(s))
        }
        t.registerUnary("countryName", keepsOrigin: true) { v in
            guard case .string(let s) = v else { return .error(.noMatchingOverload("countryName", [v])) }
            guard let name = ISOCodes.countryName(s) else {
                return .error(CELError("'\(s)' is not an ISO 3166-1 country code"))
            }
            return .string(name)
        }

        // List helpers: receiver style, [1, 2].sum()
        t.register("sum", style: .receiver, arity: 0) { args in
            guard case .list(let l) = args[0] else { return .error(.noMatchingOverload("sum", args)) }
            return sum(l)
        }
        t.register("min", style: .receiver, arity: 0) { args in
            guard case .list(let l) = args[0] else { return .error(.noMatchingOverload("min", args)) }
            return extreme(l, name: "min", keep: .less)
        }
        t.register("max", style: .receiver, arity: 0) { args in
            guard case .list(let l) = args[0] else { return .error(.noMatchingOverload("max", args)) }
            return extreme(l, name: "max", keep: .greater)
        }
        t.register("isSorted", style: .receiver, arity: 0) { args in
            guard case .list(let l) = args[0] else { return .error(.noMatchingOverload("isSorted", args)) }
            var i = 1
            while i < l.count {
                let r = Operators.binary(.lessEqual, l[i - 1], l[i])
                switch r {
                case .bool(true): break
                case .bool(false): return .bool(false)
                default: return r
                }
                i += 1
            }
            return .bool(true)
        }
        t.register("distinct", style: .receiver, arity: 0) { args in
            guard case .list(let l) = args[0] else { return .error(.noMatchingOverload("distinct", args)) }
            var seen = Set<MapKey>()
            var out: [Value] = []
            var origins: [Origin?] = []
            for i in 0..<l.count {
                let v = l[i]
                if let k = MapKey(v) {
                    if !seen.insert(k).inserted { continue }
                } else if out.contains(where: { $0.celEquals(v) }) {
                    continue
                }
                out.append(v)
                origins.append(l.origin(at: i))
            }
            return .list(ListValue(out, origins: origins))
        }
        // keyBy(list, 'field'): a map from each element's field to the element (first wins).
        t.register("keyBy", arity: 2) { args in
            guard case .list(let l) = args[0], case .string(let field) = args[1] else {
                return .error(.noMatchingOverload("keyBy", args))
            }
            var d = OrderedDictionary<MapKey, Value>(minimumCapacity: l.count)
            var origins: [Origin?] = []
            for i in 0..<l.count {
                guard case .map(let m) = l[i], let keyValue = m[field], let key = MapKey(keyValue) else { continue }
                if d[key] == nil {
                    d[key] = l[i]
                    origins.append(l.origin(at: i))
                }
            }
            return .map(MapValue(d, origins: origins))
        }
    }

    private static func sum(_ l: ListValue) -> Value {
        var intTotal: Int64 = 0
        var uintTotal: UInt64 = 0
        var doubleTotal = 0.0
        var kind = 0 // 0 int, 1 uint, 2 double
        for i in 0..<l.count {
            switch l[i] {
            case .int(let x):
                if kind == 2 { doubleTotal += Double(x); continue }
                guard kind == 0 else { return .error(.noMatchingOverload("sum", [l[i]])) }
                let (r, o) = intTotal.addingReportingOverflow(x)
                if o { return .error(CELError("int overflow in sum()")) }
                intTotal = r
            case .uint(let x):
                guard kind == 1 || (kind == 0 && i == 0) else { return .error(.noMatchingOverload("sum", [l[i]])) }
                kind = 1
                let (r, o) = uintTotal.addingReportingOverflow(x)
                if o { return .error(CELError("uint overflow in sum()")) }
                uintTotal = r
            case .double(let x):
                if kind == 0 { doubleTotal = Double(intTotal); kind = 2 }
                guard kind == 2 else { return .error(.noMatchingOverload("sum", [l[i]])) }
                doubleTotal += x
            case .error:
                return l[i]
            default:
                return .error(.noMatchingOverload("sum", [l[i]]))
            }
        }
        switch kind {
        case 1: return .uint(uintTotal)
        case 2: return .double(doubleTotal)
        default: return .int(intTotal)
        }
    }

    private static func extreme(_ l: ListValue, name: String, keep op: BinaryOperator) -> Value {
        guard l.count > 0 else { return .error(CELError("\(name)() of an empty list")) }
        var best = l[0]
        for i in 1..<l.count {
            let v = l[i]
            switch Operators.binary(op, v, best) {
            case .bool(true): best = v
            case .bool(false): break
            case let r: return r
            }
        }
        return best
    }
}

extension FunctionTable {
    /// The CEL standard library plus Kubernetes' libraries and Concord's domain functions: what
    /// rules can call.
    public static var concord: FunctionTable {
        var t = FunctionTable.standard
        KubernetesLibrary.register(into: &t)
        DomainLibrary.register(into: &t)
        return t
    }
}
