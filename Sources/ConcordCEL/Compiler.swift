/// Compiled code for one node of a syntax tree (and its subtree): evaluates it in a frame.
///
/// Every node charges one unit of cost before it runs, and gives an error result without a
/// position its own offset and length, as the tree-walking definition of CEL evaluation does.
typealias Code = @Sendable (inout EvalFrame) -> Value

/// An expression compiled for repeated evaluation (see `Evaluator.compile(_:)`).
///
/// The syntax tree becomes a tree of closures, each holding its children's code directly:
/// function implementations are resolved once (by name, call style and arity) and comprehension
/// variables, which are lexically scoped, get slot numbers, so an evaluation walks no syntax
/// tree, hashes no function name and compares no variable name of a macro.
///
/// A reference type: rules hold their compiled expressions and pass them on every evaluation,
/// which then retains one object instead of copying the tree's parts.
public final class CompiledExpression: Sendable {
    /// The expression this was compiled from.
    public let expr: Expr
    let code: Code
    /// How many comprehension-variable slots an evaluation needs.
    let slotCount: Int

    init(_ expr: Expr, functions: FunctionTable) {
        var compiler = Compiler(functions: functions)
        self.code = compiler.compile(expr)
        self.slotCount = compiler.slotCount
        self.expr = expr
    }
}

/// Turns syntax trees into `Code`. Operators, literals, calls and comprehensions are compiled in
/// the `Compiler+*.swift` files and `Comprehensions.swift`.
struct Compiler {
    let functions: FunctionTable
    /// The comprehension variables in scope, innermost last; a variable's slot is its index.
    var scope: [String] = []
    /// The largest scope seen (the number of slots an evaluation needs).
    private(set) var slotCount = 0

    init(functions: FunctionTable) {
        self.functions = functions
    }

    /// The slot of comprehension variable `name`, when one is in scope.
    func slot(of name: String) -> Int? {
        scope.lastIndex(of: name)
    }

    /// Runs `body` with `names` in scope (their slots, in order, are passed to it).
    mutating func withScope<T>(_ names: [String], _ body: (inout Compiler, [Int]) -> T) -> T {
        let first = scope.count
        scope.append(contentsOf: names)
        slotCount = max(slotCount, scope.count)
        let result = body(&self, Array(first..<scope.count))
        scope.removeLast(names.count)
        return result
    }

    /// The code of `e` and its subtree.
    mutating func compile(_ e: Expr) -> Code {
        switch e.kind {
        case .literal(let v): return Compiler.literal(v, e.offset, e.length)
        case .ident(let name): return ident(name, e.offset, e.length)
        case .select(let operand, let field): return select(e, operand, field)
        case .has(let operand, let field): return has(operand, field, e.offset, e.length)
        case .index(let operand, let index): return Compiler.index(compile(operand), compile(index), e.offset, e.length)
        case .unary(let op, let operand): return Compiler.unary(op, compile(operand), e.offset, e.length)
        case .binary(let op, let l, let r): return Compiler.binary(op, compile(l), compile(r), e.offset, e.length)
        case .conditional(let c, let t, let f):
            return Compiler.conditional(compile(c), compile(t), compile(f), e.offset, e.length)
        case .list(let elems):
            if elems.contains(where: \.isOptionalEntry) { return optionalEntryList(elems, e.offset, e.length) }
            return Compiler.list(elems, elems.map { compile($0) }, e.offset, e.length)
        case .call(nil, OptionalSyntax.entry, let args) where args.count == 1:
            // An optional entry compiled on its own (a blame step): its optional value.
            return compile(args[0])
        case .map(let entries): return map(entries, e.offset, e.length)
        case .call(let target, let function, let args): return call(target, function, args, e.offset, e.length)
        case .comprehension(let c): return comprehension(c, e.offset, e.length)
        }
    }

    /// A constant.
    static func literal(_ v: Value, _ off: Int, _ len: Int) -> Code {
        let v = located(v, off, len)
        return { f in
            if f.charge(1) { return EvalFrame.budgetError }
            return v
        }
    }

    /// A variable: a comprehension variable's slot, else the activation, else a type name.
    func ident(_ name: String, _ off: Int, _ len: Int) -> Code {
        if let slot = slot(of: name) {
            return { f in
                if f.charge(1) { return EvalFrame.budgetError }
                return located(f.locals[slot], off, len)
            }
        }
        let fallback = Compiler.unbound(name, off, len)
        if CELType.denotable[name] != nil {
            // A type name (`map`, `string`, ...), unless a variable of that name is bound.
            return { f in
                if f.charge(1) { return EvalFrame.budgetError }
                if f.activation.bindsTypeName, let v = f.activation.value(of: name) { return located(v, off, len) }
                return fallback
            }
        }
        return { f in
            if f.charge(1) { return EvalFrame.budgetError }
            if let v = f.activation.value(of: name) { return located(v, off, len) }
            return fallback
        }
    }

    /// What an identifier that names no variable denotes: a type (`map`, `string`, ...), or
    /// the error "undeclared reference".
    static func unbound(_ name: String, _ off: Int, _ len: Int) -> Value {
        located(CELType.denotable[name].map { .type($0) } ?? .error("undeclared reference to '\(name)'"), off, len)
    }

    /// Field selection `e.f`, or the qualified variable `a.b.f` when the activation has one.
    mutating func select(_ e: Expr, _ operand: Expr, _ field: String) -> Code {
        let off = e.offset, len = e.length
        if case .ident(let name) = operand.kind {
            // `x.f`, the commonest node of a rule: the field is read from the variable in place.
            let read = variable(name, operand.offset, operand.length)
            guard slot(of: name) == nil else {
                return { f in
                    if f.charge(1) { return EvalFrame.budgetError }
                    return located(read(&f) { Operators.selectField($0, field) }, off, len)
                }
            }
            // A field of an activation variable: read once per binding (`FieldCache`), charged
            // as the identifier and the selection always are.
            let qualified = name + "." + field
            let key = FieldCache.Key(variable: name, field: field, presence: false)
            return { f in
                if f.charge(1) { return EvalFrame.budgetError }
                if f.activation.hasQualifiedNames, let v = f.activation.value(of: qualified) { return located(v, off, len) }
                return located(FieldCache.read(key, &f) { read(&$0) { Operators.selectField($0, field) } }, off, len)
            }
        }
        let base = compile(operand)
        // `a.b.c` may name a qualified variable, unless `a` is a comprehension variable.
        if let root = operand.rootIdent, slot(of: root) == nil, let name = e.qualifiedName {
            return { f in
                if f.charge(1) { return EvalFrame.budgetError }
                if f.activation.hasQualifiedNames, let v = f.activation.value(of: name) { return located(v, off, len) }
                return located(Operators.selectField(base(&f), field), off, len)
            }
        }
        return { f in
            if f.charge(1) { return EvalFrame.budgetError }
            return located(Operators.selectField(base(&f), field), off, len)
        }
    }

    /// `has(e.f)`: whether the map (or opaque value) has the field.
    mutating func has(_ operand: Expr, _ field: String, _ off: Int, _ len: Int) -> Code {
        if case .ident(let name) = operand.kind {
            // `has(x.f)`: the variable is tested in place.
            let read = variable(name, operand.offset, operand.length)
            guard slot(of: name) == nil else {
                return { f in
                    if f.charge(1) { return EvalFrame.budgetError }
                    return read(&f) { Compiler.has($0, field, off, len) }
                }
            }
            // Kept per binding, as fields are (see `select`).
            let key = FieldCache.Key(variable: name, field: field, presence: true)
            return { f in
                if f.charge(1) { return EvalFrame.budgetError }
                return FieldCache.read(key, &f) { read(&$0) { Compiler.has($0, field, off, len) } }
            }
        }
        let base = compile(operand)
        return { f in
            if f.charge(1) { return EvalFrame.budgetError }
            return Compiler.has(base(&f), field, off, len)
        }
    }

    static func has(_ b: Value, _ field: String, _ off: Int, _ len: Int) -> Value {
        switch b {
        case .error: return b
        case .map(let m): return .bool(m.containsKey(field))
        case .opaque(let o):
            // `has(o.f)` on an optional: false when empty, else whether its value has `f`.
            if let opt = o as? OptionalValue { return opt.wrapped.map { has($0, field, off, len) } ?? .bool(false) }
            return .bool(o.field(field) != nil)
        default: return located(.error("type '\(b.celType)' does not support field selection"), off, len)
        }
    }

    /// Reads variable `name` as the identifier node `ident` would (charging it, with the same
    /// fallback), and applies a function to its value in place.
    typealias VariableReader = @Sendable (inout EvalFrame, (Value) -> Value) -> Value

    func variable(_ name: String, _ off: Int, _ len: Int) -> VariableReader {
        if let slot = slot(of: name) {
            return { f, body in
                if f.charge(1) { return EvalFrame.budgetError }
                return f.locals.withUnsafeBufferPointer { body($0[slot]) }
            }
        }
        let fallback = Compiler.unbound(name, off, len)
        return { f, body in
            if f.charge(1) { return EvalFrame.budgetError }
            // An error value without a position gets the identifier's (as `ident` does).
            return f.activation.withValue(of: name) { $0.isError ? body(located($0, off, len)) : body($0) } ?? body(fallback)
        }
    }

    /// Indexing `e[i]`.
    static func index(_ base: @escaping Code, _ index: @escaping Code, _ off: Int, _ len: Int) -> Code {
        { f in
            if f.charge(1) { return EvalFrame.budgetError }
            let b = base(&f)
            if b.isError { return b }
            let i = index(&f)
            if i.isError { return i }
            return located(Operators.index(b, i), off, len)
        }
    }
}
