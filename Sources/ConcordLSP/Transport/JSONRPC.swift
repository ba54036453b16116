import Foundation

/// A JSON-RPC request id: a number or a string.
public enum RequestID: Hashable, Sendable, Codable {
    case number(Int)
    case string(String)

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) { self = .number(n) } else { self = .string(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        }
    }
}

/// JSON-RPC error codes used by the server.
public enum ErrorCode {
    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    public static let serverNotInitialized = -32002
    public static let requestCancelled = -32800
}

public struct ResponseError: Error, Sendable, Codable, Equatable {
    public var code: Int
    public var message: String

    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }
}

/// One message received: a request (id and method), a notification (method only) or a
/// response to a request of the server (id, result or error).
public struct IncomingMessage: Sendable, Decodable {
    public var id: RequestID?
    public var method: String?
    public var params: JSONValue?
    public var result: JSONValue?
    public var error: ResponseError?

    public var isRequest: Bool { id != nil && method != nil }
    public var isNotification: Bool { id == nil && method != nil }

    /// Parses one message body; a body that is not a JSON-RPC message is an error to answer.
    public static func parse(_ body: [UInt8]) -> Result<IncomingMessage, ResponseError> {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(body))
        } catch {
            return .failure(ResponseError(code: ErrorCode.parseError, message: "the message is not valid JSON"))
        }
        guard case .object(let o) = value else {
            return .failure(ResponseError(code: ErrorCode.invalidRequest, message: "a JSON-RPC message is an object"))
        }
        var message = IncomingMessage()
        switch o["id"] {
        case .number(let n)? where n == n.rounded(): message.id = .number(Int(n))
        case .string(let s)?: message.id = .string(s)
        case nil, .null?: break
        default: return .failure(ResponseError(code: ErrorCode.invalidRequest, message: "`id` must be a number or a string"))
        }
        switch o["method"] {
        case .string(let m)?: message.method = m
        case nil: break
        default: return .failure(ResponseError(code: ErrorCode.invalidRequest, message: "`method` must be a string"))
        }
        message.params = o["params"]
        message.result = o["result"]
        if let e = o["error"] { message.error = try? e.decode(ResponseError.self) }
        if message.method == nil, message.id == nil {
            return .failure(ResponseError(code: ErrorCode.invalidRequest, message: "a message needs a `method` or an `id`"))
        }
        return .success(message)
    }

    init() {}
}

/// Messages the server sends.
public enum OutgoingMessage {
    public static func response(id: RequestID?, result: JSONValue) -> JSONValue {
        .object(["jsonrpc": .string("2.0"), "id": id.map(Self.idValue) ?? .null, "result": result])
    }

    public static func error(id: RequestID?, _ error: ResponseError) -> JSONValue {
        .object(["jsonrpc": .string("2.0"), "id": id.map(Self.idValue) ?? .null,
                 "error": .object(["code": .number(Double(error.code)), "message": .string(error.message)])])
    }

    public static func notification(_ method: String, params: JSONValue) -> JSONValue {
        .object(["jsonrpc": .string("2.0"), "method": .string(method), "params": params])
    }

    public static func request(id: RequestID, method: String, params: JSONValue) -> JSONValue {
        .object(["jsonrpc": .string("2.0"), "id": idValue(id), "method": .string(method), "params": params])
    }

    static func idValue(_ id: RequestID) -> JSONValue {
        switch id {
        case .number(let n): return .number(Double(n))
        case .string(let s): return .string(s)
        }
    }
}
