/// An error of the expression language: a syntax error, a static-check error or a runtime error.
///
/// `offset` and `length` locate the faulty part of the expression, counted in Unicode scalars from
/// the start of the source text (0-based). They are `nil` when the error has no known position
/// (for example an error produced by an embedder's function).
public struct CELError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The fields, in one immutable object: an error is then one word, and `Value` (of which it
    /// would otherwise be the largest case) stays small enough to be passed in registers by
    /// every node of an evaluation. Setting a field makes a new object.
    private final class Fields: Sendable {
        let message: String
        let offset: Int?
        let length: Int?

        init(_ message: String, _ offset: Int?, _ length: Int?) {
            self.message = message
            self.offset = offset
            self.length = length
        }
    }

    private var fields: Fields

    /// A human-readable message, e.g. `"no matching overload for '_+_' applied to (int, uint)"`.
    public var message: String {
        get { fields.message }
        set { fields = Fields(newValue, fields.offset, fields.length) }
    }
    /// 0-based offset, in Unicode scalars, of the expression part that caused the error.
    public var offset: Int? {
        get { fields.offset }
        set { fields = Fields(fields.message, newValue, fields.length) }
    }
    /// Length, in Unicode scalars, of the expression part that caused the error.
    public var length: Int? {
        get { fields.length }
        set { fields = Fields(fields.message, fields.offset, newValue) }
    }

    public init(_ message: String, offset: Int? = nil, length: Int? = nil) {
        fields = Fields(message, offset, length)
    }

    /// The same error at another place (one new object, where setting both fields makes two).
    public func at(offset: Int?, length: Int?) -> CELError {
        CELError(message, offset: offset, length: length)
    }

    public static func == (a: CELError, b: CELError) -> Bool {
        a.message == b.message && a.offset == b.offset && a.length == b.length
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(message)
        hasher.combine(offset)
        hasher.combine(length)
    }

    public var description: String {
        if let offset { return "\(message) (at offset \(offset))" }
        return message
    }

    /// The 1-based column of the error in a single-line expression (offset + 1), if known.
    public var column: Int? { offset.map { $0 + 1 } }
}

/// A syntax error is a `CELError` raised by the parser.
public typealias CELSyntaxError = CELError

extension CELError {
    static func noOverload(_ function: String, _ args: [Value]) -> CELError {
        let types = args.map { $0.celType.name }.joined(separator: ", ")
        return CELError("no matching overload for '\(function)' applied to (\(types))")
    }
    static let divideByZero = CELError("divide by zero")
    static let moduloByZero = CELError("modulus by zero")
    static func overflow(_ what: String = "integer") -> CELError {
        CELError("\(what) overflow")
    }
    static func range(_ what: String) -> CELError { CELError("\(what) out of range") }
}
