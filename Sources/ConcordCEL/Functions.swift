/// The functions known to an `Evaluator` and a `Checker`, by name, call style and arity.
///
/// Operators (`+`, `==`, `&&`, `in`, ...), field selection, indexing and the macros are built
/// into the evaluator; everything called with parentheses is looked up here.
///
/// ## Registering a function
/// ```swift
/// var functions = FunctionTable.standard
/// // global style: isCurrency("EUR")
/// functions.register("isCurrency", arity: 1) { args in
///     guard case .string(let code) = args[0] else { return .error(.noMatchingOverload("isCurrency", args)) }
///     return .bool(currencies.contains(code))
/// }
/// // receiver style: [1, 2].sum() -- the receiver is args[0]
/// functions.register("sum", style: .receiver, arity: 0) { args in ... }
/// let evaluator = Evaluator(functions: functions)
/// let checker = Checker(variables: ["self"], functions: functions)
/// ```
/// A function whose result is about its first argument (the receiver in `x.f()`), such as
/// `size`, `date` or `trim`, is registered with `keepsOrigin: true`: a failing check that ends
/// in a call of it is then reported at the node that argument came from (`size(self.members) > 0`
/// points at `members`). Without it, the check is reported at the record.
///
/// Functions are strict: when an argument (or the receiver) evaluates to an error, the function
/// is not called and the error is the result. Report failures by returning `.error(...)`;
/// never throw or trap. `arity` counts the arguments in parentheses, not the receiver.
/// A qualified global name such as `strings.quote` may be registered and is called as written.
public struct FunctionTable: Sendable {
    /// A function implementation. For receiver-style calls `x.f(a, b)` the arguments are
    /// `[x, a, b]`; for global calls `f(a, b)` they are `[a, b]`.
    public typealias Implementation = @Sendable ([Value]) -> Value

    /// How a function is called.
    public enum Style: Hashable, Sendable {
        /// `f(a, b)`
        case global
        /// `x.f(a, b)`
        case receiver
    }

    struct Key: Hashable, Sendable {
        let name: String
        let style: Style
        let arity: Int
    }

    /// A one-argument implementation (`f(x)`, or `x.f()` in receiver style): called without an
    /// argument array.
    public typealias UnaryImplementation = @Sendable (Value) -> Value

    private var exact: [Key: Implementation] = [:]
    /// The functions registered with `registerUnary`, also in `exact` (wrapped).
    private var unary: [Key: UnaryImplementation] = [:]
    private var variadic: [String: [Style: Implementation]] = [:]
    private var arities: [String: Set<Key>] = [:]
    /// The functions registered with `keepsOrigin: true` (variadic ones with arity -1).
    private var originKeepers: Set<Key> = []
    /// Whether some global function has a dotted name (`strings.quote`).
    private(set) var hasQualifiedNames = false

    /// An empty table (no standard functions).
    public init() {}

    /// Registers `name` with the given style and arity; replaces an earlier registration with the
    /// same name, style and arity.
    ///
    /// `keepsOrigin`: the result is about the first argument (the receiver in receiver style),
    /// so blame looks through the call to where that argument came from.
    public mutating func register(_ name: String, style: Style = .global, arity: Int, keepsOrigin: Bool = false,
                                  _ implementation: @escaping Implementation) {
        let key = Key(name: name, style: style, arity: arity)
        exact[key] = implementation
        unary[key] = nil
        mark(key, keepsOrigin: keepsOrigin)
        arities[name, default: []].insert(key)
        if name.utf8.contains(UInt8(ascii: ".")) { hasQualifiedNames = true }
    }

    /// Registers `name` in both styles: `f(x, a...)` and `x.f(a...)`; `arity` counts all
    /// arguments of the global form (so the receiver form takes `arity - 1`).
    public mutating func registerBoth(_ name: String, arity: Int, keepsOrigin: Bool = false,
                                      _ implementation: @escaping Implementation) {
        register(name, style: .global, arity: arity, keepsOrigin: keepsOrigin, implementation)
        if arity >= 1 { register(name, style: .receiver, arity: arity - 1, keepsOrigin: keepsOrigin, implementation) }
    }

    /// Registers a function of one argument: `f(x)` (global style) or `x.f()` (receiver
    /// style). Its calls pass the value directly instead of an argument array.
    public mutating func registerUnary(_ name: String, style: Style = .global, keepsOrigin: Bool = false,
                                       _ implementation: @escaping UnaryImplementation) {
        let arity = style == .global ? 1 : 0
        register(name, style: style, arity: arity, keepsOrigin: keepsOrigin) { args in implementation(args[0]) }
        unary[Key(name: name, style: style, arity: arity)] = implementation
    }

    /// Registers a function of one argument in both styles: `f(x)` and `x.f()`.
    public mutating func registerUnaryBoth(_ name: String, keepsOrigin: Bool = false,
                                           _ implementation: @escaping UnaryImplementation) {
        registerUnary(name, style: .global, keepsOrigin: keepsOrigin, implementation)
        registerUnary(name, style: .receiver, keepsOrigin: keepsOrigin, implementation)
    }

    /// The one-argument implementation of a call with one argument (global style) or none
    /// (receiver style), when it was registered with `registerUnary`.
    func lookupUnary(_ name: String, style: Style) -> UnaryImplementation? {
        unary[Key(name: name, style: style, arity: style == .global ? 1 : 0)]
    }

    /// Registers `name` for any number of arguments in the given style.
    public mutating func registerVariadic(_ name: String, style: Style = .global, keepsOrigin: Bool = false,
                                          _ implementation: @escaping Implementation) {
        variadic[name, default: [:]][style] = implementation
        mark(Key(name: name, style: style, arity: -1), keepsOrigin: keepsOrigin)
        if name.utf8.contains(UInt8(ascii: ".")) { hasQualifiedNames = true }
    }

    /// The implementation for a call, if any.
    public func lookup(_ name: String, style: Style, arity: Int) -> Implementation? {
        if let f = exact[Key(name: name, style: style, arity: arity)] { return f }
        return variadic[name]?[style]
    }

    private mutating func mark(_ key: Key, keepsOrigin: Bool) {
        if keepsOrigin { originKeepers.insert(key) } else { originKeepers.remove(key) }
    }

    /// Whether a call's result is about its first argument (the receiver in receiver style):
    /// the function was registered with `keepsOrigin: true`.
    public func keepsOrigin(_ name: String, style: Style, arity: Int) -> Bool {
        if exact[Key(name: name, style: style, arity: arity)] != nil {
            return originKeepers.contains(Key(name: name, style: style, arity: arity))
        }
        return originKeepers.contains(Key(name: name, style: style, arity: -1))
    }

    /// Whether any function of that name exists (in any style or arity).
    public func contains(_ name: String) -> Bool {
        arities[name] != nil || variadic[name] != nil
    }

    /// The arities registered for `name` in `style` (empty when unknown); `nil` when variadic.
    public func arities(of name: String, style: Style) -> [Int]? {
        if variadic[name]?[style] != nil { return nil }
        return (arities[name] ?? []).filter { $0.style == style }.map(\.arity).sorted()
    }

    /// Merges another table into this one (its entries win).
    public mutating func merge(_ other: FunctionTable) {
        exact.merge(other.exact) { _, new in new }
        for key in other.exact.keys {
            unary[key] = other.unary[key]
            mark(key, keepsOrigin: other.originKeepers.contains(key))
        }
        for (name, styles) in other.variadic {
            for style in styles.keys {
                let key = Key(name: name, style: style, arity: -1)
                mark(key, keepsOrigin: other.originKeepers.contains(key))
            }
        }
        for (k, v) in other.arities { arities[k, default: []].formUnion(v) }
        for (k, v) in other.variadic { variadic[k, default: [:]].merge(v) { _, new in new } }
        hasQualifiedNames = hasQualifiedNames || other.hasQualifiedNames
    }

    /// The CEL standard library and cel-go's extensions (strings, math, optionals, lists, `cel.bind`). Each access builds a new table
    /// (with its own compiled-regex cache).
    public static var standard: FunctionTable {
        var t = FunctionTable()
        StandardLibrary.registerCore(into: &t)
        StandardLibrary.registerConversions(into: &t)
        StandardLibrary.registerTime(into: &t)
        StandardLibrary.registerStrings(into: &t)
        MathLibrary.register(into: &t)
        OptionalLibrary.register(into: &t)
        ListsLibrary.register(into: &t)
        return t
    }
}

extension CELError {
    /// "no matching overload for 'f' applied to (types)" — the conventional error for a
    /// function called with argument types it does not accept.
    public static func noMatchingOverload(_ function: String, _ args: [Value]) -> CELError {
        noOverload(function, args)
    }
}
