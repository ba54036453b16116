/// cel-go's optional types (`cel.OptionalTypes()`): `optional.of`, `optional.none`,
/// `optional.ofNonZeroValue`, `hasValue`, `value`, `orValue`, `or`, and the functions behind
/// `e.?f` and `e[?i]` (see `OptionalSyntax`). `optMap` and `optFlatMap` are macros (compiled in
/// Comprehensions.swift).
enum OptionalLibrary {
    static func register(into t: inout FunctionTable) {
        t.registerUnary("optional.of") { v in OptionalValue.of(v) }
        t.register("optional.none", arity: 0) { _ in OptionalValue.none }
        t.registerUnary("optional.ofNonZeroValue") { v in v.isZeroValue ? OptionalValue.none : OptionalValue.of(v) }
        t.registerUnary("hasValue", style: .receiver, keepsOrigin: true) { v in
            guard let opt = v.asOptional else { return .error(.noOverload("hasValue", [v])) }
            return .bool(opt.wrapped != nil)
        }
        t.registerUnary("value", style: .receiver) { v in
            guard let opt = v.asOptional else { return .error(.noOverload("value", [v])) }
            return opt.wrapped ?? .error("optional.none() dereference")
        }
        t.register("orValue", style: .receiver, arity: 1) { args in
            guard let opt = args[0].asOptional else { return .error(.noOverload("orValue", args)) }
            return opt.wrapped ?? args[1]
        }
        t.register("or", style: .receiver, arity: 1) { args in
            guard let opt = args[0].asOptional, args[1].asOptional != nil else { return .error(.noOverload("or", args)) }
            return opt.wrapped != nil ? args[0] : args[1]
        }
        t.register(OptionalSyntax.select, arity: 2) { args in
            guard case .string(let field) = args[1] else { return .error(.noOverload(OptionalSyntax.select, args)) }
            return Operators.optionalSelect(args[0], field)
        }
        t.register(OptionalSyntax.index, arity: 2) { args in Operators.optionalIndex(args[0], args[1]) }
    }
}
