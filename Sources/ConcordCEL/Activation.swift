/// The variables visible to an evaluation: name → value, with an optional origin per variable.
///
/// Names may be qualified (`"a.b.c"`); `a.b.c` in an expression then resolves to that variable
/// before field selection is tried.
///
/// Activations hold few variables (`self`, `dataset`, a rule file's variables, macro variables
/// bound for blame), so they are a small array searched from the end: a later binding of a name
/// shadows an earlier one, and binding never rehashes a dictionary.
public struct Activation: Sendable {
    // Parallel arrays: looking a name up compares strings without copying values.
    private var entryNames: [String]
    private var entryValues: [Value]
    private var entryOrigins: [Origin?]
    private(set) var hasQualifiedNames: Bool
    /// Whether some variable is named like a type (`map`, `string`, ...), which then shadows it.
    private(set) var bindsTypeName: Bool

    /// An activation with the given variables (no origins).
    public init(_ values: [String: Value] = [:]) {
        entryNames = Array(values.keys)
        entryValues = entryNames.map { values[$0] ?? .null }
        entryOrigins = Array(repeating: nil, count: entryNames.count)
        hasQualifiedNames = values.keys.contains { Self.isQualified($0) }
        bindsTypeName = values.keys.contains { CELType.denotable[$0] != nil }
    }

    private static func isQualified(_ name: String) -> Bool {
        name.utf8.contains(UInt8(ascii: "."))
    }

    private func index(of name: String) -> Int? {
        var i = entryNames.count - 1
        while i >= 0 {
            if entryNames[i] == name { return i }
            i -= 1
        }
        return nil
    }

    /// Binds (or rebinds) `name` to `value`, optionally recording where the value came from.
    public mutating func bind(_ name: String, to value: Value, origin: Origin? = nil) {
        if let i = index(of: name) {
            entryValues[i] = value
            entryOrigins[i] = origin
            return
        }
        entryNames.append(name)
        entryValues.append(value)
        entryOrigins.append(origin)
        if Self.isQualified(name) { hasQualifiedNames = true }
        if CELType.denotable[name] != nil { bindsTypeName = true }
    }

    /// A copy with `name` bound to `value` (e.g. a comprehension variable, to evaluate a
    /// sub-expression of a macro for blame).
    public func binding(_ name: String, to value: Value, origin: Origin? = nil) -> Activation {
        var copy = self
        copy.bind(name, to: value, origin: origin)
        return copy
    }

    /// The value of variable `name`, if bound.
    public func value(of name: String) -> Value? {
        index(of: name).map { entryValues[$0] }
    }

    /// Applies `body` to the value of variable `name` in place (without copying it); nil when
    /// the name is not bound.
    @inline(__always)
    func withValue<T>(of name: String, _ body: (Value) -> T) -> T? {
        guard let i = index(of: name) else { return nil }
        return entryValues.withUnsafeBufferPointer { body($0[i]) }
    }

    /// The origin of variable `name`, if one was given.
    public func origin(of name: String) -> Origin? {
        index(of: name).flatMap { entryOrigins[$0] }
    }

    /// A copy whose values share no reference-counted storage with this one's (see
    /// `Value.isolatedCopy()`), for evaluations on another thread.
    public func isolatedCopy() -> Activation {
        var copy = Activation()
        for i in entryNames.indices {
            copy.bind(String(decoding: Array(entryNames[i].utf8), as: UTF8.self), to: entryValues[i].isolatedCopy(), origin: entryOrigins[i])
        }
        return copy
    }

    /// The names of all bound variables.
    public var names: [String] { entryNames }
}
