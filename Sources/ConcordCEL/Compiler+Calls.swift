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
            if argCode.count == 1, let unary = functions.lookupUnary(function, style: .global) {
                return Compiler.unaryCall(argCode[0], unary, off, len)
            }
            let impl = functions.lookup(function, style: .global, arity: args.count)
            return Compiler.call(nil, nil, impl, function, missing, argCode, off, len)
        }
        var qualified: (root: String, impl: FunctionTable.Implementation)?
        if functions.hasQualifiedNames, let q = target.qualifiedName,
           let f = functions.lookup(q + "." + function, style: .global, arity: args.count),
           let root = target.rootIdent, slot(of: root) == nil {
            qualified = (root, f)
        }
        if qualified == nil, argCode.isEmpty, let unary = functions.lookupUnary(function, style: .receiver) {
            return Compiler.unaryCall(compile(target), unary, off, len)
        }
        let impl = functions.lookup(function, style: .receiver, arity: args.count)
        return Compiler.call(compile(target), qualified, impl, function, missing, argCode, off, len)
    }

    /// A call of a one-argument function (`f(x)` or `x.f()`): as `call`, without an argument
    /// array.
    private static func unaryCall(_ argument: @escaping Code, _ impl: @escaping FunctionTable.UnaryImplementation,
                                  _ off: Int, _ len: Int) -> Code {
        { f in
            if f.charge(1) { return EvalFrame.budgetError }
            let v = argument(&f)
            if v.isError { return v }
            if chargeSize(v, &f) { return EvalFrame.budgetError }
            return located(impl(v), off, len)
        }
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
        for v in values { size += Self.size(v) }
        return size > 0 && f.charge(size)
    }

    /// Charges the size of one argument; `true` once over budget.
    @inline(__always)
    private static func chargeSize(_ v: Value, _ f: inout EvalFrame) -> Bool {
        let size = Self.size(v)
        return size > 0 && f.charge(size)
    }

    /// What an argument costs beyond its node: the length of a list or map, a 32nd of the
    /// length of a string or bytes.
    @inline(__always)
    private static func size(_ v: Value) -> Int {
        switch v {
        case .list(let l): return l.count
        case .map(let m): return m.count
        case .string(let s): return s.utf8.count / 32
        case .bytes(let b): return b.count / 32
        default: return 0
        }
    }
}
