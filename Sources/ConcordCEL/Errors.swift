/// An error of the expression language: a syntax error, a static-check error or a runtime error.
///
/// `offset` and `length` locate the faulty part of the expression, counted in Unicode scalars from
/// the start of the source text (0-based). They are `nil` when the error has no known position
/// (for example an error produced by an embedder's function).
public struct CELError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A human-readable message, e.g. `"no matching overload for '_+_' applied to (int, uint)"`.
    public var message: String
    /// 0-based offset, in Unicode scalars, of the expression part that caused the error.
    public var offset: Int?
    /// Length, in Unicode scalars, of the expression part that caused the error.
    public var length: Int?

    public init(_ message: String, offset: Int? = nil, length: Int? = nil) {
        self.message = message
        self.offset = offset
        self.length = length
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
