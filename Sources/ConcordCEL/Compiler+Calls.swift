/// Compiling function calls: the implementation is resolved once, at compile time.
extension Compiler {
    /// A call `f(args)` or `target.f(args)`.
    ///
    /// `ns.fn(x)`, where `ns.fn` is a registered global function, calls that function unless
    /// `ns` is a variable (known only at run time for activation variables). When no function
    /// matches, the arguments are still evaluated first (an argument's error wins), then the
    /// result is "no matching overload" (the name exists) or "unbound function".
    mutating func call(_ target: Expr?, _ function: String, _ args: [Expr], _ off: Int, _ len: Int) -> Code {
        let argCode = args.map { compile($0) }
        let missing: Value? = functions.contains(function) ? nil : .error("unbound function '\(function)'")
        guard let target else {
            let impl = functions.lookup(function, style: .global, arity: args.count)
            return Compiler.call(nil, nil, impl, function, missing, argCode, off, len)
        }
        var qualified: (root: String, impl: FunctionTable.Implementation)?
        if functions.hasQualifiedNames, let q = target.qualifiedName,
           let f = functions.lookup(q + "." + function, style: .global, arity: args.count),
           let root = target.rootIdent, slot(of: root) == nil {
            qualified = (root, f)
        }
        let impl = functions.lookup(function, style: .receiver, arity: args.count)
        return Compiler.call(compile(target), qualified, impl, function, missing, argCode, off, len)
    }

    private static func call(_ target: Code?, _ qualified: (root: String, impl: FunctionTable.Implementation)?,
                             _ receiverOrGlobal: FunctionTable.Implementation?, _ function: String, _ missing: Value?,
                             _ args: [Code], _ off: Int, _ len: Int) -> Code {
        { f in
            if f.charge(1) { return EvalFrame.budgetError }
            var values = f.takeArgumentBuffer()
            defer { f.returnArgumentBuffer(&values) }
            var impl = receiverOrGlobal
            if let qualified, f.activation.value(of: qualified.root) == nil {
                impl = qualified.impl
            } else if let target {
                let t = target(&f)
                if t.isError { return t }
                values.append(t)
            }
            for a in args {
                let v = a(&f)
                if v.isError { return v }
                values.append(v)
            }
            guard let impl else {
                return located(missing ?? .error(CELError.noOverload(function, values)), off, len)
            }
            if chargeSizes(values, &f) { return EvalFrame.budgetError }
            return located(impl(values), off, len)
        }
    }

    /// Charges the sizes of list, map, string and bytes arguments; `true` once over budget.
    @inline(__always)
    private static func chargeSizes(_ values: [Value], _ f: inout EvalFrame) -> Bool {
        var size = 0
        for v in values {
            switch v {
            case .list(let l): size += l.count
            case .map(let m): size += m.count
            case .string(let s): size += s.utf8.count / 32
            case .bytes(let b): size += b.count / 32
            default: break
            }
        }
        return size > 0 && f.charge(size)
    }
}
