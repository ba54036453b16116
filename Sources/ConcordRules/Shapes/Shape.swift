import ConcordDiagnostics
import ConcordYAML

/// The declared shape of records: required fields, field types, closed key sets.
public struct Shape: Sendable {
    public let id: String
    public let description: String
    public let severity: Severity
    public let selector: Selector
    public let fields: ShapeFields
    public let validExamples: [RuleExample]
    public let invalidExamples: [RuleExample]
    public let definedAt: SourceLocation

    public var descriptor: RuleDescriptor {
        RuleDescriptor(id: id, shortDescription: description, defaultSeverity: severity, definedAt: definedAt)
    }

    /// A copy whose fields share no storage with this one's, for checking on another core.
    func isolatedCopy() -> Shape {
        Shape(id: id, description: description, severity: severity, selector: selector, fields: fields.isolatedCopy(),
              validExamples: validExamples, invalidExamples: invalidExamples, definedAt: definedAt)
    }
}

/// The fields of a mapping, and whether other keys are allowed.
public struct ShapeFields: Sendable {
    public let fields: [(name: String, spec: FieldSpec)]
    /// When true, a key not listed is reported (with "did you mean …?").
    public let closed: Bool
    /// The fields' names as keys to look up, in the order of `fields`.
    let keyNames: [KeyName]
    /// The indexes of the required fields.
    let required: [Int]

    public init(fields: [(name: String, spec: FieldSpec)], closed: Bool) {
        self.fields = fields
        self.closed = closed
        keyNames = fields.map { KeyName($0.name) }
        required = fields.indices.filter { fields[$0].spec.required }
    }

    public func spec(for name: String) -> FieldSpec? { fields.first { $0.name == name }?.spec }

    /// The index of the field whose name is the text of key node `key`, byte for byte (nil
    /// when the key is not a string).
    func index(ofKey key: Int32, in file: YAMLFile) -> Int? {
        guard let code = file.keyCode(of: key) else { return nil }
        for (j, name) in keyNames.enumerated() where name.code == code {
            if code.isExact || file.isString(key, named: name) { return j }
        }
        return nil
    }

    func isolatedCopy() -> ShapeFields {
        ShapeFields(fields: fields.map { (String(decoding: Array($0.name.utf8), as: UTF8.self),
                                          FieldSpec(type: $0.spec.type.isolatedCopy(), required: $0.spec.required)) },
                    closed: closed)
    }
}

public struct FieldSpec: Sendable {
    public var type: FieldType
    public var required: Bool
}

/// The field types of shapes.
public indirect enum FieldType: Sendable, CustomStringConvertible {
    case string, int, number, bool, date, country, currency, money, url, any
    case map(ShapeFields?)
    case list(FieldType)

    func isolatedCopy() -> FieldType {
        switch self {
        case .map(let nested): return .map(nested?.isolatedCopy())
        case .list(let element): return .list(element.isolatedCopy())
        default: return self
        }
    }

    public static let names = ["string", "int", "number", "bool", "date", "country", "currency", "money", "url", "map", "any"]

    /// Parses `country`, `[country]`, `list`, `map`.
    static func parse(_ text: String, fields: ShapeFields?) -> FieldType? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("["), t.hasSuffix("]") {
            return parse(String(t.dropFirst().dropLast()), fields: fields).map { .list($0) }
        }
        switch t {
        case "string": return .string
        case "int": return .int
        case "number": return .number
        case "bool": return .bool
        case "date": return .date
        case "country": return .country
        case "currency": return .currency
        case "money": return .money
        case "url": return .url
        case "any": return .any
        case "map": return .map(fields)
        case "list": return .list(fields.map { .map($0) } ?? .any)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .string: return "a string"
        case .int: return "an integer"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .date: return "a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        case .country: return "an ISO 3166-1 country code"
        case .currency: return "an ISO 4217 currency code"
        case .money: return "an amount (a mapping with `value` and `currency`)"
        case .url: return "an http(s) URL"
        case .any: return "any value"
        case .map: return "a mapping"
        case .list(let t): return "a list of \(t.pluralDescription)"
        }
    }

    var pluralDescription: String {
        switch self {
        case .string: return "strings"
        case .int: return "integers"
        case .number: return "numbers"
        case .bool: return "booleans"
        case .date: return "dates"
        case .country: return "country codes"
        case .currency: return "currency codes"
        case .money: return "amounts"
        case .url: return "URLs"
        case .any: return "values"
        case .map: return "mappings"
        case .list: return "lists"
        }
    }
}

import Foundation
