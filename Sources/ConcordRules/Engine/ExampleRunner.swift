import ConcordDiagnostics
import ConcordYAML

/// Runs the examples that rules and shapes carry: a valid example must give no diagnostic of
/// its rule, an invalid one at least one, and exactly at the `↓` markers when it has any; an
/// invalid example with `fixed:` becomes exactly that text when all its fixes are applied.
public struct ExampleRunner: Sendable {
    public struct Outcome: Sendable, CustomStringConvertible {
        public var ruleID: String
        public var valid: Bool
        /// 1-based among the rule's valid (or invalid) examples.
        public var number: Int = 1
        /// The `↓` markers of an invalid example, `line:column` in the example's text.
        public var expected: [String] = []
        public var example: String
        public var location: SourceLocation
        /// Empty when the example behaved as declared.
        public var problem: String?
        public var diagnostics: [Diagnostic]

        public var description: String {
            "\(location.file):\(location.range?.start.line ?? 0): \(ruleID) \(valid ? "valid" : "invalid") example: \(problem ?? "ok")"
        }
    }

    public let rules: RuleSet

    public init(rules: RuleSet) {
        self.rules = rules
    }

    /// Every example of every rule and shape.
    public func run() -> [Outcome] {
        var outcomes: [Outcome] = []
        for rule in rules.rules {
            var single = RuleSet()
            single.variables = rules.variables
            single.rules = [rule]
            outcomes += run(id: rule.id, valid: rule.validExamples, invalid: rule.invalidExamples, set: single)
        }
        for shape in rules.shapes {
            var single = RuleSet()
            single.shapes = [shape]
            outcomes += run(id: shape.id, valid: shape.validExamples, invalid: shape.invalidExamples, set: single)
        }
        return outcomes
    }

    /// The diagnostics of `id` when its rule set checks an example text.
    /// With `base` (the example's data at the base revision), transition rules run too.
    public func diagnostics(of id: String, set: RuleSet, example text: String, base: String? = nil) -> [Diagnostic] {
        let loaded = YAMLLoader().load(text: text, file: "example.yaml")
        let dataset = Dataset(documents: loaded.documents)
        var found = RuleEngine(rules: set).check(dataset)
        if let base {
            let old = YAMLLoader().load(text: base, file: "base:example.yaml")
            found += TransitionChecker(rules: set).check(dataset, base: Dataset(documents: old.documents))
        }
        return found.filter { $0.ruleID == id }
    }

    private func run(id: String, valid: [RuleExample], invalid: [RuleExample], set: RuleSet) -> [Outcome] {
        var outcomes: [Outcome] = []
        for (number, example) in valid.enumerated() {
            let found = diagnostics(of: id, set: set, example: example.text, base: example.base)
            let problem = found.isEmpty ? nil
                : "expected no diagnostic, got \(found.count): " + found.map(Self.describe).joined(separator: "; ")
            outcomes.append(Outcome(ruleID: id, valid: true, number: number + 1, example: example.text,
                                    location: example.node.location, problem: problem, diagnostics: found))
        }
        for (number, example) in invalid.enumerated() {
            let found = diagnostics(of: id, set: set, example: example.text, base: example.base)
            var problem: String? = nil
            if found.isEmpty {
                problem = "expected a diagnostic, got none"
            } else if !example.expectedPositions.isEmpty {
                let expected = example.expectedPositions.map { "\($0.line):\($0.column)" }.sorted()
                let actual = found.compactMap { d in d.location.range.map { "\($0.start.line):\($0.start.column)" } }.sorted()
                if expected != actual {
                    problem = "expected diagnostics at \(expected.joined(separator: ", ")), got \(actual.joined(separator: ", ")): "
                        + found.map(Self.describe).joined(separator: "; ")
                }
            }
            if problem == nil, let fixed = example.fixed {
                problem = ExampleFixes.problem(id: id, example: example.text, fixed: fixed) { diagnostics(of: id, set: set, example: $0) }
            }
            outcomes.append(Outcome(ruleID: id, valid: false, number: number + 1,
                                    expected: example.expectedPositions.map { "\($0.line):\($0.column)" },
                                    example: example.text, location: example.node.location,
                                    problem: problem, diagnostics: found))
        }
        return outcomes
    }

    static func describe(_ d: Diagnostic) -> String {
        let at = d.location.range.map { "\($0.start.line):\($0.start.column)" } ?? "-"
        return "\(at) \(d.message)"
    }
}
