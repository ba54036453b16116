import ConcordDiagnostics
import ConcordYAML

/// Text for `concord rules` and `concord explain`.
public struct RuleCatalog: Sendable {
    public let rules: RuleSet

    public init(rules: RuleSet) {
        self.rules = rules
    }

    /// Concord's own checks, which run whatever the rule files say.
    public static var builtIn: [RuleDescriptor] { RuleRegistry.builtIn }

    public var allIDs: [String] { RuleRegistry(rules: rules).allIDs }

    public func listing() -> String {
        var lines: [String] = []
        let width = max(24, (allIDs.map(\.count).max() ?? 0) + 2)
        func row(_ id: String, _ severity: Severity, _ text: String) {
            lines.append(id.padding(toLength: width, withPad: " ", startingAt: 0)
                         + severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + text)
        }
        if !rules.rules.isEmpty || !rules.shapes.isEmpty {
            lines.append("Rules (\(rules.count)):")
            for r in rules.rules { row(r.id, r.severity, r.description) }
            for s in rules.shapes { row(s.id, s.severity, s.description.isEmpty ? "shape of \(s.selector)" : s.description) }
            lines.append("")
        }
        lines.append("Built-in checks (\(Self.builtIn.count)):")
        for d in Self.builtIn { row(d.id, d.defaultSeverity, d.shortDescription) }
        return lines.joined(separator: "\n") + "\n"
    }

    public func explanation(of id: String) -> String? {
        if let rule = rules.rules.first(where: { $0.id == id }) { return explain(rule) }
        if let shape = rules.shapes.first(where: { $0.id == id }) { return explain(shape) }
        if let d = Self.builtIn.first(where: { $0.id == id }) {
            var text = "\(d.id) (\(d.defaultSeverity.rawValue), built in)\n\n\(d.fullDescription)\n"
            if let help = d.help { text += "\nhelp: \(help)\n" }
            return text
        }
        return nil
    }

    private func location(_ l: SourceLocation) -> String {
        "\(l.file):\(l.range?.start.line ?? 1):\(l.range?.start.column ?? 1)"
    }

    private func explain(_ rule: Rule) -> String {
        var t = "\(rule.id) (\(rule.severity.rawValue)) — defined at \(location(rule.definedAt))\n\n"
        if !rule.description.isEmpty { t += rule.description + "\n\n" }
        t += "for:        \(rule.selector)\n"
        if let when = rule.when { t += "when:       \(when.source)\n" }
        switch rule.check {
        case .assert(let e): t += "assert:     \(e.source)\n"
        case .unique(let e): t += "unique:     \(e.source)\n"
        case .references(let s, let key): t += "references: \(s)\nkey:        \(key.source)\n"
        }
        if let at = rule.at { t += "at:         \(at.source)\n" }
        if let m = rule.message { t += "message:    \(m.source)\n" }
        if let help = rule.help { t += "help:       \(help)\n" }
        t += "cost:       at most \(rule.estimatedCost) per match (estimated worst case)\n"
        t += examples(valid: rule.validExamples, invalid: rule.invalidExamples)
        return t
    }

    private func explain(_ shape: Shape) -> String {
        var t = "\(shape.id) (\(shape.severity.rawValue), shape) — defined at \(location(shape.definedAt))\n\n"
        if !shape.description.isEmpty { t += shape.description + "\n\n" }
        t += "for:        \(shape.selector)\n"
        t += "closed:     \(shape.fields.closed)\n"
        t += "fields:\n"
        for (name, spec) in shape.fields.fields {
            t += "  \(name): \(spec.type)\(spec.required ? " (required)" : "")\n"
        }
        t += examples(valid: shape.validExamples, invalid: shape.invalidExamples)
        return t
    }

    private func examples(valid: [RuleExample], invalid: [RuleExample]) -> String {
        var t = ""
        func block(_ title: String, _ list: [RuleExample], marked: Bool) {
            guard !list.isEmpty else { return }
            t += "\n\(title):\n"
            for (i, e) in list.enumerated() {
                if i > 0 { t += "  ---\n" }
                var lines = e.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if lines.last == "" { lines.removeLast() }
                for (n, line) in lines.enumerated() {
                    let marks = marked ? e.expectedPositions.filter { $0.line == n + 1 } : []
                    t += "  " + line + "\n"
                    if !marks.isEmpty {
                        var caret = Array(repeating: Character(" "), count: (marks.map(\.column).max() ?? 1))
                        for m in marks where m.column - 1 < caret.count { caret[m.column - 1] = "^" }
                        t += "  " + String(caret) + "\n"
                    }
                }
            }
        }
        block("Valid (no diagnostic)", valid, marked: false)
        block("Invalid (a diagnostic at each ^)", invalid, marked: true)
        return t
    }
}
