import ConcordCEL

/// A message template with its `{{expression}}` placeholders compiled (once per core).
struct CompiledTemplate {
    private enum Part {
        case text(String)
        case code(CompiledExpression)
    }
    private let parts: [Part]
    private let evaluator: Evaluator

    init(_ template: MessageTemplate, evaluator: Evaluator) {
        self.evaluator = evaluator
        parts = template.parts.map { part in
            switch part {
            case .text(let t): return .text(t)
            case .expression(let e): return .code(evaluator.compile(e.root))
            }
        }
    }

    /// The message for one violation.
    func render(in activation: Activation) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let t): out += t
            case .code(let code): out += MessageRenderer.display(evaluator.evaluate(code, activation))
            }
        }
        return out
    }
}

/// Renders values in messages.
enum MessageRenderer {
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

    static func quoted(_ value: Value) -> String {
        if case .string(let s) = value { return "`\(s)`" }
        return "`\(display(value))`"
    }
}

extension MessageRenderer {
    /// Renders a template once (compiling its placeholders; a rule's messages use a
    /// `CompiledTemplate` kept for all its violations).
    static func render(_ template: MessageTemplate, evaluator: Evaluator, activation: Activation) -> String {
        CompiledTemplate(template, evaluator: evaluator).render(in: activation)
    }
}
