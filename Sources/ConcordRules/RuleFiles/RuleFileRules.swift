import ConcordDiagnostics

/// Problems in rule files. Every one is reported at its line and column in the rule file, and
/// any of them stops `concord check` (exit code 2) before data is checked.
public enum RuleFileRules: BuiltInRules {
    case unknownField, missingField, invalidValue, duplicateID, badSelector, celSyntax, celCheck, badExample, costExceeded

    public var descriptor: RuleDescriptor {
        switch self {
        case .unknownField:
            return RuleDescriptor(id: "rule-unknown-field",
                                  shortDescription: "Rule files use only known fields.",
                                  defaultSeverity: .error)
        case .missingField:
            return RuleDescriptor(id: "rule-missing-field",
                                  shortDescription: "Rules have the fields they need.",
                                  defaultSeverity: .error)
        case .invalidValue:
            return RuleDescriptor(id: "rule-invalid-value",
                                  shortDescription: "Rule fields have values of the right kind.",
                                  defaultSeverity: .error)
        case .duplicateID:
            return RuleDescriptor(id: "rule-duplicate-id",
                                  shortDescription: "Rule ids are unique across all rule files.",
                                  defaultSeverity: .error)
        case .badSelector:
            return RuleDescriptor(id: "rule-bad-selector",
                                  shortDescription: "Selectors are well-formed.",
                                  defaultSeverity: .error)
        case .celSyntax:
            return RuleDescriptor(id: "rule-cel-syntax",
                                  shortDescription: "Expressions are valid CEL.",
                                  defaultSeverity: .error)
        case .celCheck:
            return RuleDescriptor(id: "rule-cel-check",
                                  shortDescription: "Expressions use only known variables and functions.",
                                  defaultSeverity: .error)
        case .badExample:
            return RuleDescriptor(id: "rule-bad-example",
                                  shortDescription: "Rule examples are YAML snippets.",
                                  defaultSeverity: .error)
        case .costExceeded:
            return RuleDescriptor(id: "rule-cost-exceeded",
                                  shortDescription: "Expressions stay within the cost budget in the worst case.",
                                  defaultSeverity: .error)
        }
    }

    enum Message {
        static func unknownField(_ name: String, in context: String, suggestion: String?) -> String {
            "unknown field `\(name)` in \(context)" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")
        }
        static func missingField(_ name: String, in context: String) -> String { "\(context) has no `\(name)`" }
        static func missingCheck(_ id: String) -> String {
            "rule `\(id)` needs exactly one of `assert`, `unique` or `references`"
        }
        static func referencesNeedsKey(_ id: String) -> String { "rule `\(id)` has `references` but no `key`" }
        static func keyWithoutReferences(_ id: String) -> String { "rule `\(id)` has `key` but no `references`" }

        static func notAString(_ field: String) -> String { "`\(field)` must be a string" }
        static func notAMapping(_ what: String) -> String { "\(what) must be a mapping" }
        static func notAList(_ what: String) -> String { "\(what) must be a list" }
        static func notABool(_ field: String) -> String { "`\(field)` must be true or false" }
        static func badTransition(_ value: String) -> String {
            "unknown transition `\(value)`; use changed (the default for rules that name oldSelf) or removed"
        }
        static let transitionNeedsAssert = "a transition rule (one that names `oldSelf`) checks with `assert`"
        static func transitionSelector(_ selector: String) -> String {
            "a transition rule selects records or fields of records (`pledges[*]`, `pledges[*].amount`, `rates.*`), not `\(selector)`"
        }
        static func badSeverity(_ value: String) -> String {
            "unknown severity `\(value)`; use error, warning or info"
        }
        static func badID(_ value: String) -> String {
            "rule id `\(value)` must be kebab-case (lower-case letters, digits and single dashes)"
        }
        static func duplicateID(_ id: String) -> String { "rule id `\(id)` is already used" }
        static let firstDefinition = "first defined here"
        static func duplicateVariable(_ name: String) -> String { "variable `\(name)` is already defined" }
        static func badVariableName(_ name: String) -> String { "`\(name)` is not a valid variable name" }
        static func unclosedPlaceholder() -> String { "`{{` is not closed by `}}`" }
        static func badExample(_ problem: String) -> String { "example is not valid YAML: \(problem)" }
        static func costExceeded(_ cost: Int, budget: Int, unknownSize: Int) -> String {
            "estimated worst-case cost \(cost == Int.max ? "beyond \(Int.max)" : String(cost)) exceeds the budget of \(budget)"
                + " (lists and strings of unknown size taken as \(unknownSize) long)"
        }
        static let fixedOnValidExample = "`fixed` belongs to invalid examples (a valid example has nothing to fix)"
        static func badShapeType(_ type: String, suggestion: String?) -> String {
            "unknown field type `\(type)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")
                + " (types: string, int, number, bool, date, country, currency, money, url, map, any, and [T] for lists)"
        }
    }
}
