/// cel-go's list extension (`ext.Lists()`): `lists.range`, `flatten`, `slice`, `sort`,
/// `sortBy` (a macro over `@sortByAssociatedKeys`), `reverse`, `first`, `last`; and the list
/// forms of `indexOf` / `lastIndexOf` from Kubernetes' list library. `distinct`, `sum`, `min`,
/// `max` and `isSorted` are in `DomainLibrary`.
enum ListsLibrary {
    static func register(into t: inout FunctionTable) {
        t.registerUnary("lists.range") { v in
            guard case .int(let n) = v else { return .error(.noOverload("lists.range", [v])) }
            guard n <= 1_000_000 else { return .error("lists.range(\(n)): too many elements") }
            return .list((0..<max(n, 0)).map { .int($0) })
        }
        t.registerUnary("flatten", style: .receiver) { v in
            guard case .list(let l) = v else { return .error(.noOverload("flatten", [v])) }
            return .list(flatten(l.elements, depth: 1))
        }
        t.register("flatten", style: .receiver, arity: 1) { args in
            guard case .list(let l) = args[0], case .int(let depth) = args[1] else { return .error(.noOverload("flatten", args)) }
            guard depth >= 0 else { return .error("level must be non-negative") }
            return .list(flatten(l.elements, depth: depth))
        }
        t.register("slice", style: .receiver, arity: 2) { args in
            guard case .list(let l) = args[0], case .int(let start) = args[1], case .int(let end) = args[2] else {
                return .error(.noOverload("slice", args))
            }
            guard start >= 0, end >= 0 else { return .error("cannot slice(\(start), \(end)), negative indexes not supported") }
            guard start <= end else { return .error("cannot slice(\(start), \(end)), start index must be less than or equal to end index") }
            guard end <= l.count else { return .error("cannot slice(\(start), \(end)), list is length \(l.count)") }
            return .list(ListValue((Int(start)..<Int(end)).map { l[$0] }, origins: (Int(start)..<Int(end)).map { l.origin(at: $0) }))
        }
        t.registerUnary("sort", style: .receiver) { v in
            guard case .list(let l) = v else { return .error(.noOverload("sort", [v])) }
            return sorted(l, keys: l.elements)
        }
        t.register(sortByFunction, arity: 2) { args in
            guard case .list(let l) = args[0], case .list(let keys) = args[1], keys.count == l.count else {
                return .error(.noOverload("sortBy", args))
            }
            return sorted(l, keys: keys.elements)
        }
        t.registerUnary("first", style: .receiver) { v in
            guard case .list(let l) = v else { return .error(.noOverload("first", [v])) }
            return l.count > 0 ? OptionalValue.of(l[0]) : OptionalValue.none
        }
        t.registerUnary("last", style: .receiver) { v in
            guard case .list(let l) = v else { return .error(.noOverload("last", [v])) }
            return l.count > 0 ? OptionalValue.of(l[l.count - 1]) : OptionalValue.none
        }
        // `reverse`, `indexOf` and `lastIndexOf` also exist for strings: lists are added in front.
        t.registerListOverload("reverse", arity: 0) { l, _ in
            let indexes = (0..<l.count).reversed()
            return .list(ListValue(indexes.map { l[$0] }, origins: indexes.map { l.origin(at: $0) }))
        }
        for (name, backwards) in [("indexOf", false), ("lastIndexOf", true)] {
            t.registerListOverload(name, arity: 1) { l, args in
                let indexes = backwards ? Array((0..<l.count).reversed()) : Array(0..<l.count)
                return .int(Int64(indexes.first { l[$0].celEquals(args[1]) } ?? -1))
            }
        }
    }

    /// The function `sortBy(x, k)` calls: the list and the keys computed for its elements.
    static let sortByFunction = "@sortByAssociatedKeys"

    private static func flatten(_ elements: [Value], depth: Int64) -> [Value] {
        var out: [Value] = []
        for e in elements {
            if depth > 0, case .list(let inner) = e {
                out.append(contentsOf: flatten(inner.elements, depth: depth - 1))
            } else {
                out.append(e)
            }
        }
        return out
    }

    /// The list ordered by `keys` (stable); keys must be mutually comparable.
    private static func sorted(_ l: ListValue, keys: [Value]) -> Value {
        if let first = keys.first {
            for k in keys {
                switch k.celCompare(first) {
                case .success: break
                case .failure: return .error("sort: list elements must have the same type, got '\(first.celType)' and '\(k.celType)'")
                }
            }
        }
        let order = keys.indices.sorted { a, b in
            if case .success(.orderedAscending?) = keys[a].celCompare(keys[b]) { return true }
            return false
        }
        return .list(ListValue(order.map { l[$0] }, origins: order.map { l.origin(at: $0) }))
    }
}

extension FunctionTable {
    /// Registers a receiver function on lists in front of the implementation already
    /// registered under that name and arity (which keeps the other receiver types).
    mutating func registerListOverload(_ name: String, arity: Int, _ implementation: @escaping @Sendable (ListValue, [Value]) -> Value) {
        let other = lookup(name, style: .receiver, arity: arity)
        register(name, style: .receiver, arity: arity) { args in
            if case .list(let l) = args[0] { return implementation(l, args) }
            return other?(args) ?? .error(.noOverload(name, args))
        }
    }
}
