import ConcordCEL

/// Renders `{{expression}}` templates and values in messages.
enum MessageRenderer {
    static func render(_ template: MessageTemplate, evaluator: Evaluator, activation: Activation) -> String {
        var out = ""
        for part in template.parts {
            switch part {
            case .text(let t): out += t
            case .expression(let e): out += display(evaluator.evaluate(e.root, activation))
            }
        }
        return out
    }

    /// A value as a person reads it in a message: strings without quotes at the top level.
    static func display(_ value: Value) -> String {
        switch value {
        case .string(let s): return s
        case .error(let e): return "<error: \(e.message)>"
        case .opaque(let o): return o.description
        case .list(let l) where l.count <= 20:
            return "[" + l.elements.map(display).joined(separator: ", ") + "]"
        case .double(let d) where d == d.rounded() && abs(d) < 1e15:
            return String(Int64(d))
        default: return value.description
        }
    }
}
