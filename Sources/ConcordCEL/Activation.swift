/// The variables visible to an evaluation: name → value, with an optional origin per variable.
///
/// Names may be qualified (`"a.b.c"`); `a.b.c` in an expression then resolves to that variable
/// before field selection is tried.
public struct Activation: Sendable {
    private var values: [String: Value]
    private var origins: [String: Origin]
    private(set) var hasQualifiedNames: Bool

    /// An activation with the given variables (no origins).
    public init(_ values: [String: Value] = [:]) {
        self.values = values
        self.origins = [:]
        self.hasQualifiedNames = values.keys.contains { $0.contains(".") }
    }

    /// Binds (or rebinds) `name` to `value`, optionally recording where the value came from.
    public mutating func bind(_ name: String, to value: Value, origin: Origin? = nil) {
        values[name] = value
        if let origin { origins[name] = origin } else { origins.removeValue(forKey: name) }
        if name.contains(".") { hasQualifiedNames = true }
    }

    /// A copy with `name` bound to `value` (e.g. a comprehension variable, to evaluate a
    /// sub-expression of a macro for blame).
    public func binding(_ name: String, to value: Value, origin: Origin? = nil) -> Activation {
        var copy = self
        copy.bind(name, to: value, origin: origin)
        return copy
    }

    /// The value of variable `name`, if bound.
    public func value(of name: String) -> Value? { values[name] }

    /// The origin of variable `name`, if one was given.
    public func origin(of name: String) -> Origin? { origins[name] }

    /// The names of all bound variables.
    public var names: Dictionary<String, Value>.Keys { values.keys }
}
