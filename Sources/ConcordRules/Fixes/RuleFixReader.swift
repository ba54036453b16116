import ConcordDiagnostics
import ConcordYAML

extension RuleFileLoader {
    /// Reads a rule's `fix:` (its expressions may use `variables`: `self`, `dataset`, the rule
    /// file's variables and the assertion's macro variables). Every problem is a diagnostic at
    /// its line and column.
    func readFix(_ node: YAMLNode, variables: Set<String>, diagnostics: inout [Diagnostic]) -> RuleFix? {
        guard node.mapping != nil else {
            diagnostics.append(fixInvalid(RuleFileRules.Message.notAMapping("`fix`"), node))
            return nil
        }
        let errorsBefore = diagnostics.count
        let reader = MappingReader(node, context: "a fix", allowed: RuleFixFields.fixFields, diagnostics: &diagnostics)
        let description = reader.node("description").flatMap { compileTemplate($0, variables: variables, diagnostics: &diagnostics) }
        var applicability = FixApplicability.unsafe
        if let (text, valueNode) = reader.string("applicability", diagnostics: &diagnostics) {
            if let a = FixApplicability(rawValue: text) { applicability = a } else {
                diagnostics.append(fixInvalid(RuleFixFields.Message.badApplicability(text), valueNode))
            }
        }
        let present = RuleFixFields.operations.filter { reader.values[$0] != nil }
        guard present.count == 1, let name = present.first, let opNode = reader.node(name) else {
            let at = present.count > 1 ? reader.values[present[1]]?.key ?? node : node
            diagnostics.append(RuleFileRules.missingField.diagnostic(at: at.location,
                                                                     message: RuleFixFields.Message.needsOneOperation))
            return nil
        }
        guard opNode.mapping != nil else {
            diagnostics.append(fixInvalid(RuleFileRules.Message.notAMapping("`fix.\(name)`"), opNode))
            return nil
        }
        let fields = RuleFixFields.operationFields(name)
        let op = MappingReader(opNode, context: "`fix.\(name)`", allowed: fields, diagnostics: &diagnostics)
        var compiled: [String: RuleExpression] = [:]
        for field in fields {
            guard let valueNode = op.node(field) else {
                diagnostics.append(RuleFileRules.missingField.diagnostic(
                    at: opNode.location,
                    message: RuleFileRules.Message.missingField(field, in: "`fix.\(name)`")))
                continue
            }
            if let e = compile(valueNode, field: "fix.\(name).\(field)", variables: variables, diagnostics: &diagnostics) {
                compiled[field] = e
            }
        }
        guard diagnostics.count == errorsBefore, let at = compiled["at"] else { return nil }
        let operation: RuleFix.Operation
        switch name {
        case "set":
            guard let to = compiled["to"] else { return nil }
            operation = .set(at: at, to: to)
        case "rename":
            guard let to = compiled["to"] else { return nil }
            operation = .rename(at: at, to: to)
        default:
            operation = .remove(at: at)
        }
        return RuleFix(description: description, applicability: applicability, operation: operation, node: node)
    }

    private func fixInvalid(_ message: String, _ node: YAMLNode) -> Diagnostic {
        RuleFileRules.invalidValue.diagnostic(at: node.location, message: message)
    }
}
