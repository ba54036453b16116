/// A static check run before any data is seen: it resolves identifiers against the declared
/// variables (and comprehension variables in scope), and calls against the function table
/// (names, call style and arity). Types are dynamic, so only certain mistakes are reported.
///
/// ```swift
/// let checker = Checker(variables: ["self"], functions: functions)
/// let problems = checker.check(expression)   // [] when fine
/// ```
public struct Checker: Sendable {
    /// Declared variable names (qualified names such as `"a.b"` are allowed).
    public let variables: Set<String>
    /// The functions that calls may use.
    public let functions: FunctionTable

    public init(variables: Set<String>, functions: FunctionTable = .standard) {
        self.variables = variables
        self.functions = functions
    }

    /// All problems found, in source order (empty when the expression passes).
    public func check(_ expression: Expression) -> [CELError] {
        check(expression.root)
    }

    /// Checks a syntax tree.
    public func check(_ root: Expr) -> [CELError] {
        var errors: [CELError] = []
        walk(root, scope: [], into: &errors)
        return errors.sorted { ($0.offset ?? 0) < ($1.offset ?? 0) }
    }

    private func isDeclared(_ name: String, _ scope: [String]) -> Bool {
        scope.contains(name) || variables.contains(name) || CELType.denotable[name] != nil
    }

    private func walk(_ e: Expr, scope: [String], into errors: inout [CELError]) {
        switch e.kind {
        case .literal:
            return
        case .ident(let name):
            if !isDeclared(name, scope) {
                errors.append(CELError("undeclared reference to '\(name)'", offset: e.offset, length: e.length))
            }
        case .select(let operand, _):
            // A qualified variable name (`a.b.c`) may be declared as a whole.
            if let q = e.qualifiedName, let root = e.rootIdent, !scope.contains(root),
               variables.contains(where: { q == $0 || q.hasPrefix($0 + ".") }) {
                return
            }
            walk(operand, scope: scope, into: &errors)
        case .call(nil, OptionalSyntax.entry, let args):
            for a in args { walk(a, scope: scope, into: &errors) }
        case .call(let target, let function, let args):
            var style: FunctionTable.Style = target == nil ? .global : .receiver
            var name = function
            if let target, let q = target.qualifiedName, let root = target.rootIdent,
               !isDeclared(root, scope), functions.lookup(q + "." + function, style: .global, arity: args.count) != nil {
                style = .global
                name = q + "." + function
            } else if let target {
                walk(target, scope: scope, into: &errors)
            }
            for a in args { walk(a, scope: scope, into: &errors) }
            if functions.lookup(name, style: style, arity: args.count) == nil {
                let known = functions.arities(of: name, style: style) ?? []
                if !known.isEmpty {
                    let list = known.map(String.init).joined(separator: " or ")
                    errors.append(CELError("function '\(name)' takes \(list) argument\(known == [1] ? "" : "s"), not \(args.count)",
                                           offset: e.offset, length: e.length))
                } else if functions.contains(name) {
                    let how = style == .global ? "as a method (x.\(name)(...))" : "as a function (\(name)(x, ...))"
                    errors.append(CELError("function '\(name)' must be called \(how)", offset: e.offset, length: e.length))
                } else {
                    errors.append(CELError("unknown function '\(name)'", offset: e.offset, length: e.length))
                }
            }
        case .comprehension(let c):
            walk(c.range, scope: scope, into: &errors)
            var inner = scope
            inner.append(c.variable)
            if let v2 = c.variable2 { inner.append(v2) }
            if let p = c.predicate { walk(p, scope: inner, into: &errors) }
            if let t = c.transform { walk(t, scope: inner, into: &errors) }
        default:
            for child in e.children { walk(child, scope: scope, into: &errors) }
        }
    }
}
