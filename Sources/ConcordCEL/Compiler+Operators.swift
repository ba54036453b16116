import ConcordSupport
/// Compiling the operators: `!`, `-`, the binary operators, and `?:`.
extension Compiler {
    /// `!e` or `-e`.
    static func unary(_ op: UnaryOperator, _ operand: @escaping Code, _ off: Int, _ len: Int) -> Code {
        if op == .not {
            return { f in
                if f.charge(1) { return EvalFrame.budgetError }
                let v = operand(&f)
                if case .bool(let b) = v { return .bool(!b) }
                return located(Operators.unary(op, v), off, len)
            }
        }
        return { f in
            if f.charge(1) { return EvalFrame.budgetError }
            return located(Operators.unary(op, operand(&f)), off, len)
        }
    }

    /// `a op b`; `&&` and `||` absorb errors (see `logical`).
    static func binary(_ op: BinaryOperator, _ l: @escaping Code, _ r: @escaping Code, _ off: Int, _ len: Int) -> Code {
        switch op {
        case .and: return logical(l, r, decisive: false, "_&&_", off, len)
        case .or: return logical(l, r, decisive: true, "_||_", off, len)
        default:
            // `==` and `!=` compare directly; the other operators go through `Operators`.
            let equality: Bool? = op == .equal ? true : (op == .notEqual ? false : nil)
            return { f in
                if f.charge(1) { return EvalFrame.budgetError }
                let a = l(&f)
                if a.isError { return a }
                let b = r(&f)
                if b.isError { return b }
                if let equality { return .bool(Self.equals(a, b) == equality) }
                return located(Operators.binary(op, a, b), off, len)
            }
        }
    }

    /// `a == b`, with the commonest cases of rules (types, strings, ints, bools) compared
    /// before the general comparison.
    @inline(__always)
    static func equals(_ a: Value, _ b: Value) -> Bool {
        if case .type(let x) = a, case .type(let y) = b { return x == y }
        if case .string(let x) = a, case .string(let y) = b { return ExactText.same(x, y) }
        if case .int(let x) = a, case .int(let y) = b { return x == y }
        if case .bool(let x) = a, case .bool(let y) = b { return x == y }
        return a.celEquals(b)
    }

    /// `&&` (`decisive` false) and `||` (`decisive` true): commutative, absorbing errors. The
    /// result is `decisive` when either side is; otherwise an error of either side; otherwise
    /// `!decisive` when both are bools; otherwise "no matching overload".
    static func logical(_ l: @escaping Code, _ r: @escaping Code, decisive: Bool, _ name: String, _ off: Int, _ len: Int) -> Code {
        { f in
            if f.charge(1) { return EvalFrame.budgetError }
            let a = l(&f)
            switch a {
            case .bool(let x):
                if x == decisive { return .bool(decisive) }
                let b = r(&f)
                switch b {
                case .bool, .error: return b
                default: return located(.error(CELError.noOverload(name, [a, b])), off, len)
                }
            case .error:
                if case .bool(decisive) = r(&f) { return .bool(decisive) }
                return a
            default:
                let b = r(&f)
                switch b {
                case .bool(decisive): return .bool(decisive)
                case .error: return b
                default: return located(.error(CELError.noOverload(name, [a, b])), off, len)
                }
            }
        }
    }

    /// `c ? t : e`: only the branch taken is evaluated.
    static func conditional(_ c: @escaping Code, _ t: @escaping Code, _ e: @escaping Code, _ off: Int, _ len: Int) -> Code {
        { f in
            if f.charge(1) { return EvalFrame.budgetError }
            let cond = c(&f)
            switch cond {
            case .bool(true): return t(&f)
            case .bool(false): return e(&f)
            case .error: return cond
            default: return located(.error(CELError.noOverload("_?_:_", [cond])), off, len)
            }
        }
    }
}
