import ConcordDiagnostics
import ConcordYAML

/// Reads the fields of one mapping of a rule file, reporting unknown fields (with "did you mean
/// …?") and fields of the wrong kind at their positions.
struct MappingReader {
    let node: YAMLNode
    let context: String
    let allowed: [String]
    private(set) var values: [String: YAMLPair] = [:]

    init(_ node: YAMLNode, context: String, allowed: [String], diagnostics: inout [Diagnostic]) {
        self.node = node
        self.context = context
        self.allowed = allowed
        for pair in node.mapping.map(Array.init) ?? [] {
            guard let name = pair.key.stringValue else { continue }
            if allowed.contains(name) {
                values[name] = pair
            } else {
                let suggestion = Suggestions.closest(to: name, among: allowed)
                diagnostics.append(RuleFileRules.unknownField.diagnostic(
                    at: pair.key.location, message: RuleFileRules.Message.unknownField(name, in: context, suggestion: suggestion)))
            }
        }
    }

    func node(_ name: String) -> YAMLNode? { values[name]?.value }

    /// A string field; reports a non-string value.
    func string(_ name: String, diagnostics: inout [Diagnostic]) -> (String, YAMLNode)? {
        guard let value = values[name]?.value else { return nil }
        guard let text = value.scalarText, value.isScalar, value.scalarValue != .null else {
            diagnostics.append(RuleFileRules.invalidValue.diagnostic(at: value.location,
                                                                     message: RuleFileRules.Message.notAString(name)))
            return nil
        }
        return (text, value)
    }

    /// A string field that must be present.
    func requiredString(_ name: String, diagnostics: inout [Diagnostic]) -> (String, YAMLNode)? {
        guard values[name] != nil else {
            diagnostics.append(RuleFileRules.missingField.diagnostic(at: node.location,
                                                                     message: RuleFileRules.Message.missingField(name, in: context)))
            return nil
        }
        return string(name, diagnostics: &diagnostics)
    }
}
