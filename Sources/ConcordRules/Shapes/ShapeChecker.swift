import ConcordCEL
import ConcordDiagnostics
import ConcordYAML

/// Checks records against a shape: required fields, field types, closed key sets.
struct ShapeChecker: Sendable {
    let shape: Shape

    enum Message {
        static func missing(_ field: String) -> String { "missing required field `\(field)`" }
        static func unknown(_ field: String, suggestion: String?) -> String {
            "unknown field `\(field)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")
        }
        static func wrongType(_ field: String, _ type: FieldType, _ actual: String) -> String {
            "`\(field)` must be \(type), not \(actual)"
        }
        static func notCountry(_ field: String, _ code: String) -> String {
            "`\(field)`: `\(code)` is not an ISO 3166-1 country code"
        }
        static func notCurrency(_ field: String, _ code: String) -> String {
            "`\(field)`: `\(code)` is not an ISO 4217 currency code"
        }
        static func badDate(_ field: String, _ reason: String) -> String { "`\(field)`: \(reason)" }
        static func moneyNeeds(_ field: String, _ part: String) -> String {
            "`\(field)` needs `\(part)` (an amount is a mapping with `value` and `currency`)"
        }
        static let notAMapping = "a record must be a mapping"
    }

    func check(_ node: YAMLNode, into diagnostics: inout [Diagnostic]) {
        guard node.mapping != nil else {
            diagnostics.append(diagnostic(Message.notAMapping, node))
            return
        }
        check(node, fields: shape.fields, path: "", into: &diagnostics)
    }

    private func check(_ node: YAMLNode, fields: ShapeFields, path: String, into diagnostics: inout [Diagnostic]) {
        guard let mapping = node.mapping else { return }
        for (name, spec) in fields.fields where spec.required {
            if mapping.pair(forKey: name) == nil {
                diagnostics.append(diagnostic(Message.missing(path + name), node))
            }
        }
        for pair in mapping {
            guard let name = pair.key.stringValue else { continue }
            if let spec = fields.spec(for: name) {
                check(pair.value, type: spec.type, field: path + name, into: &diagnostics)
            } else if fields.closed, !pair.isMerged {
                let suggestion = Suggestions.closest(to: name, among: fields.fields.map(\.name))
                diagnostics.append(diagnostic(Message.unknown(path + name, suggestion: suggestion), pair.key))
            }
        }
    }

    private func check(_ node: YAMLNode, type: FieldType, field: String, into diagnostics: inout [Diagnostic]) {
        func wrong() { diagnostics.append(diagnostic(Message.wrongType(field, type, Self.describe(node)), node)) }
        switch type {
        case .any:
            return
        case .string:
            if node.stringValue == nil { wrong() }
        case .int:
            if case .int? = node.scalarValue { return }
            wrong()
        case .number:
            switch node.scalarValue {
            case .int?, .double?: return
            default: wrong()
            }
        case .bool:
            if case .bool? = node.scalarValue { return }
            wrong()
        case .date:
            guard let s = node.stringValue else { return wrong() }
            do throws(CalendarDateError) {
                _ = try CalendarDate(parsing: s)
            } catch {
                diagnostics.append(diagnostic(Message.badDate(field, error.description), node))
            }
        case .country:
            guard let s = node.stringValue else { return wrong() }
            if !ISOCodes.isCountry(s) { diagnostics.append(diagnostic(Message.notCountry(field, s), node)) }
        case .currency:
            guard let s = node.stringValue else { return wrong() }
            if !ISOCodes.isCurrency(s) { diagnostics.append(diagnostic(Message.notCurrency(field, s), node)) }
        case .url:
            guard let s = node.stringValue, s.hasPrefix("https://") || s.hasPrefix("http://"),
                  s.count > 10, !s.contains(" ") else { return wrong() }
        case .money:
            guard node.mapping != nil else { return wrong() }
            if let value = node["value"] {
                check(value, type: .number, field: field + ".value", into: &diagnostics)
            } else {
                diagnostics.append(diagnostic(Message.moneyNeeds(field, "value"), node))
            }
            if let currency = node["currency"] {
                check(currency, type: .currency, field: field + ".currency", into: &diagnostics)
            } else {
                diagnostics.append(diagnostic(Message.moneyNeeds(field, "currency"), node))
            }
        case .map(let nested):
            guard node.mapping != nil else { return wrong() }
            if let nested { check(node, fields: nested, path: field + ".", into: &diagnostics) }
        case .list(let element):
            guard let items = node.sequence else { return wrong() }
            for item in items { check(item, type: element, field: field + "[]", into: &diagnostics) }
        }
    }

    private func diagnostic(_ message: String, _ node: YAMLNode) -> Diagnostic {
        Diagnostic(ruleID: shape.id, severity: shape.severity, message: message, location: node.location)
    }

    static func describe(_ node: YAMLNode) -> String {
        switch node.kind {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar:
            switch node.scalarValue ?? .null {
            case .null: return "null"
            case .bool(let b): return "the boolean \(b)"
            case .int(let i): return "the integer \(i)"
            case .double(let d): return "the number \(d)"
            case .string: return "the string \"\(node.scalarText ?? "")\""
            }
        }
    }
}
