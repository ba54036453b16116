import Foundation
import ConcordDiagnostics
import ConcordRules
import ConcordYAML

extension Workspace {
    /// On a rule id (in a diagnostic's range or a `# concord-ignore:` comment): the rule's
    /// description, severity and an example; on a reference value: the record it names.
    public func hover(_ uri: String, _ position: Position) -> Hover? {
        guard let place = place(uri, position) else { return nil }
        var sections: [String] = []
        var range: Range?
        var ruleIDs: [String] = []
        if let s = place.suppressedRuleID {
            ruleIDs.append(s.id)
            range = s.range
        }
        for d in place.diagnostics where !ruleIDs.contains(d.ruleID) { ruleIDs.append(d.ruleID) }
        sections += ruleIDs.compactMap(ruleHover)
        if let reference = referenceValue(at: place) {
            sections.append(recordHover(reference.field, reference.value))
            range = range ?? self.range(reference.node.range, in: place.path)
        }
        guard !sections.isEmpty else { return nil }
        return Hover(contents: .markdown(sections.joined(separator: "\n\n---\n\n")), range: range)
    }

    func ruleHover(_ id: String) -> String? {
        guard let d = ruleDescriptor(id) else { return nil }
        var text = "**\(d.id)** (\(d.defaultSeverity.rawValue))\n\n\(d.fullDescription)"
        if let help = d.help { text += "\n\n\(help)" }
        let rules = live?.ruleSet
        let examples = rules?.rules.first { $0.id == id }?.invalidExamples ?? rules?.shapes.first { $0.id == id }?.invalidExamples ?? []
        if let example = examples.first {
            text += "\n\nA violation:\n```yaml\n\(example.text.trimmingCharacters(in: .newlines))\n```"
        }
        if let at = d.definedAt {
            text += "\n\nDefined in \(at.file):\(at.range?.start.line ?? 1)"
        }
        return text
    }

    func recordHover(_ field: ReferenceField, _ value: String) -> String {
        guard let dataset = live?.dataset,
              let target = dataset.targets(of: field).first(where: { $0.key == value }) else {
            return "`\(value)`: no record of `\(field.targets)` has this value"
        }
        var text = "**\(value)** (`\(field.targets)`)"
        var facts: [String] = []
        for pair in target.record.mapping.map(Array.init) ?? [] where pair.value != target.keyNode {
            guard let key = pair.key.stringValue, let scalar = pair.value.scalarText else { continue }
            facts.append("- \(key): \(scalar.count > 80 ? String(scalar.prefix(80)) + "…" : scalar)")
            if facts.count == 6 { break }
        }
        if !facts.isEmpty { text += "\n\n" + facts.joined(separator: "\n") }
        let r = target.keyNode.range
        text += "\n\n\(target.keyNode.file.path):\(r.start.line):\(r.start.column)"
        return text
    }
}
