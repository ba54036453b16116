/// Renders a syntax tree back to (fully parenthesized where needed) CEL text.
enum ExprPrinter {
    static func render(_ e: Expr) -> String {
        switch e.kind {
        case .literal(let v): return v.description
        case .ident(let n): return n
        case .unary(let op, let x): return op.rawValue + wrap(x)
        case .binary(let op, let l, let r): return "\(wrap(l)) \(op.rawValue) \(wrap(r))"
        case .conditional(let c, let t, let f): return "\(wrap(c)) ? \(wrap(t)) : \(wrap(f))"
        case .select(let x, let f): return "\(wrap(x)).\(fieldName(f))"
        case .index(let x, let i): return "\(wrap(x))[\(render(i))]"
        case .call(nil, OptionalSyntax.select, let args) where args.count == 2:
            if case .literal(.string(let f)) = args[1].kind { return "\(wrap(args[0])).?\(fieldName(f))" }
            return "\(wrap(args[0])).?\(render(args[1]))"
        case .call(nil, OptionalSyntax.index, let args) where args.count == 2:
            return "\(wrap(args[0]))[?\(render(args[1]))]"
        case .call(nil, OptionalSyntax.entry, let args) where args.count == 1:
            return "?" + render(args[0])
        case .map(let entries):
            return "{" + entries.map { entry in
                if case .call(nil, OptionalSyntax.entry, let v) = entry.value.kind, v.count == 1 {
                    return "?\(render(entry.key)): \(render(v[0]))"
                }
                return "\(render(entry.key)): \(render(entry.value))"
            }.joined(separator: ", ") + "}"
        case .call(let target, let f, let args):
            let a = args.map(render).joined(separator: ", ")
            if let target { return "\(wrap(target)).\(f)(\(a))" }
            return "\(f)(\(a))"
        case .list(let elems): return "[" + elems.map(render).joined(separator: ", ") + "]"
        case .has(let x, let f): return "has(\(wrap(x)).\(fieldName(f)))"
        case .comprehension(let c):
            var parts = [c.variable]
            if let v2 = c.variable2 { parts.append(v2) }
            if let p = c.predicate { parts.append(render(p)) }
            if let t = c.transform { parts.append(render(t)) }
            if c.kind == .bind, c.variable == Parser.sortByInput, case .call(_, _, let args) = c.transform?.kind,
               args.count == 2, case .comprehension(let keys) = args[1].kind, let key = keys.transform {
                return "\(wrap(c.range)).sortBy(\(keys.variable), \(render(key)))"
            }
            if c.kind == .bind { return "cel.bind(\(c.variable), \(render(c.range)), \(parts[1]))" }
            let name: String
            switch (c.kind, c.variable2) {
            case (.existsOne, .some): name = "existsOne"
            default: name = c.kind.rawValue
            }
            return "\(wrap(c.range)).\(name)(\(parts.joined(separator: ", ")))"
        }
    }

    static func fieldName(_ f: String) -> String {
        let simple = !f.isEmpty && f.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
        return simple ? f : "`\(f)`"
    }

    static func wrap(_ e: Expr) -> String {
        switch e.kind {
        case .binary, .conditional, .unary: return "(" + render(e) + ")"
        default: return render(e)
        }
    }
}
