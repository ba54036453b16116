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
        // Records are walked by node index, without a handle (and its reference count) per node.
        node.withUnsafeUnretainedFile { file in
            let walk = Walk(file: file, record: node)
            guard file.kind(of: node.index) == .mapping else {
                diagnostics.append(walk.diagnostic(Message.notAMapping, node.index, shape))
                return
            }
            check(node.index, fields: shape.fields, path: "", walk, into: &diagnostics)
        }
    }

    /// The file a record's walk goes through.
    private struct Walk {
        let file: YAMLFile
        /// The record's node (node indexes of the walk are all in its file).
        let record: YAMLNode

        func diagnostic(_ message: String, _ id: Int32, _ shape: Shape) -> Diagnostic {
            Diagnostic(ruleID: shape.id, severity: shape.severity, message: message, location: node(id).location)
        }

        func describe(_ id: Int32) -> String { ShapeChecker.describe(node(id)) }

        private func node(_ id: Int32) -> YAMLNode { file.node(at: id) ?? record }
    }

    private func check(_ id: Int32, fields: ShapeFields, path: String, _ walk: Walk, into diagnostics: inout [Diagnostic]) {
        guard walk.file.kind(of: id) == .mapping else { return }
        for j in fields.required where walk.file.value(forKey: fields.keyNames[j], inMapping: id) == nil {
            diagnostics.append(diagnostic(Message.missing(path + fields.fields[j].name), id, walk))
        }
        let explicit = walk.file.explicitPairCount(ofMapping: id)
        for i in 0..<walk.file.count(of: id) {
            guard let (key, value) = walk.file.pair(i, ofMapping: id) else { continue }
            // Most keys are a field's name byte for byte: found by code, without making a string.
            if let j = fields.index(ofKey: key, in: walk.file) {
                check(value, type: fields.fields[j].spec.type, path: path, name: fields.fields[j].name, walk, into: &diagnostics)
                continue
            }
            guard let name = walk.file.stringValue(of: key) else { continue }
            if let spec = fields.spec(for: name) {
                check(value, type: spec.type, path: path, name: name, walk, into: &diagnostics)
            } else if fields.closed, i < explicit {
                let suggestion = Suggestions.closest(to: name, among: fields.fields.map(\.name))
                var d = diagnostic(Message.unknown(path + name, suggestion: suggestion), key, walk)
                if let suggestion, walk.file.value(forKey: suggestion, inMapping: id) == nil {
                    d.fixes = ShapeFixes.rename(key, in: walk.file, from: name, to: suggestion)
                }
                diagnostics.append(d)
            }
        }
    }

    /// Checks the value of field `path + name` (the field's name is only built for a message).
    private func check(_ id: Int32, type: FieldType, path: String, name: String, _ walk: Walk, into diagnostics: inout [Diagnostic]) {
        func wrong() {
            diagnostics.append(diagnostic(Message.wrongType(path + name, type, walk.describe(id)), id, walk))
        }
        switch type {
        case .any:
            return
        case .string:
            if !walk.file.isStringValue(id) { wrong() }
        case .int:
            if case .int? = walk.file.scalarValue(of: id) { return }
            wrong()
        case .number:
            switch walk.file.scalarValue(of: id) {
            case .int?, .double?: return
            default: wrong()
            }
        case .bool:
            if case .bool? = walk.file.scalarValue(of: id) { return }
            wrong()
        case .date:
            guard let s = walk.file.stringValue(of: id) else { return wrong() }
            do throws(CalendarDateError) {
                _ = try CalendarDate(parsing: s)
            } catch {
                diagnostics.append(diagnostic(Message.badDate(path + name, error.description), id, walk))
            }
        case .country:
            guard let s = walk.file.stringValue(of: id) else { return wrong() }
            if !ISOCodes.isCountry(s) { diagnostics.append(diagnostic(Message.notCountry(path + name, s), id, walk)) }
        case .currency:
            guard let s = walk.file.stringValue(of: id) else { return wrong() }
            if !ISOCodes.isCurrency(s) { diagnostics.append(diagnostic(Message.notCurrency(path + name, s), id, walk)) }
        case .url:
            guard let s = walk.file.stringValue(of: id), ShapeChecker.isURL(s) else { return wrong() }
        case .money:
            guard walk.file.kind(of: id) == .mapping else { return wrong() }
            if let value = walk.file.value(forKey: Self.valueKey, inMapping: id) {
                check(value, type: .number, path: path, name: name + ".value", walk, into: &diagnostics)
            } else {
                diagnostics.append(diagnostic(Message.moneyNeeds(path + name, "value"), id, walk))
            }
            if let currency = walk.file.value(forKey: Self.currencyKey, inMapping: id) {
                check(currency, type: .currency, path: path, name: name + ".currency", walk, into: &diagnostics)
            } else {
                diagnostics.append(diagnostic(Message.moneyNeeds(path + name, "currency"), id, walk))
            }
        case .map(let nested):
            guard walk.file.kind(of: id) == .mapping else { return wrong() }
            if let nested { check(id, fields: nested, path: path + name + ".", walk, into: &diagnostics) }
        case .list(let element):
            guard walk.file.kind(of: id) == .sequence else { return wrong() }
            for i in 0..<walk.file.count(of: id) {
                guard let item = walk.file.item(i, ofSequence: id) else { continue }
                check(item, type: element, path: path, name: name + "[]", walk, into: &diagnostics)
            }
        }
    }

    /// The parts of a `money` value.
    private static let valueKey = KeyName("value")
    private static let currencyKey = KeyName("currency")

    private func diagnostic(_ message: String, _ id: Int32, _ walk: Walk) -> Diagnostic {
        walk.diagnostic(message, id, shape)
    }

    /// An http(s) URL: the scheme, something after it, no space.
    static func isURL(_ s: String) -> Bool {
        guard s.hasPrefix("https://") || s.hasPrefix("http://") else { return false }
        // One pass over the bytes (a record's URL is checked on every check): no space, and
        // more than 10 Unicode scalars, that is bytes that do not continue a UTF-8 sequence.
        var scalars = 0
        for byte in s.utf8 {
            if byte == UInt8(ascii: " ") { return false }
            if byte & 0xC0 != 0x80 { scalars += 1 }
        }
        return scalars > 10
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
