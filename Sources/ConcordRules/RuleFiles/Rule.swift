import ConcordCEL
import ConcordDiagnostics
import ConcordYAML

/// A CEL expression from a rule file, parsed and checked, with the node it was written in (so
/// that errors and blame can point into the rule file).
public struct RuleExpression: Sendable {
    public let expression: Expression
    public let node: YAMLNode
    /// The worst-case cost of one evaluation, estimated when the rule file loaded (see
    /// `CostEstimator`).
    public var estimatedCost = 0
    public var source: String { expression.source }
    public var root: Expr { expression.root }
}

/// A message with `{{expression}}` placeholders.
public struct MessageTemplate: Sendable {
    public enum Part: Sendable {
        case text(String)
        case expression(RuleExpression)
    }
    public let parts: [Part]
    public let source: String
}

/// What a rule checks for each match of its selector.
public enum RuleCheck: Sendable {
    /// `assert: EXPR` must be true.
    case assert(RuleExpression)
    /// `unique: EXPR`: the value is different for every match.
    case unique(RuleExpression)
    /// `references: SELECTOR` + `key: EXPR`: the key (or each element of a list key) is one of
    /// the values the selector yields.
    case references(Selector, key: RuleExpression)
}

/// An example of a rule: a dataset snippet, with for invalid examples the expected positions
/// (marked `↓` in the snippet, as in SwiftLint) when given.
public struct RuleExample: Sendable {
    public let text: String
    /// Expected (line, column) of diagnostics, 1-based in `text` (after removing the markers).
    public let expectedPositions: [(line: Int, column: Int)]
    public let node: YAMLNode
    /// For an invalid example: the exact text after applying its fixes (`fixed:`).
    public var fixed: String? = nil
    /// For a transition rule: the dataset text at the base revision (`base:` of the example).
    public var base: String? = nil
}

/// When a transition rule runs (see docs/rules.md, "Transition rules").
public enum RuleTransition: Sendable, Equatable {
    /// On records that exist at the base revision and now, and differ; `oldSelf` is the old
    /// value. With `optional`, also on new records, and `oldSelf` is an optional.
    case changed(optional: Bool)
    /// On records of the base revision that no longer exist; `self` is null.
    case removed
}

/// One rule of a rule file.
public struct Rule: Sendable {
    public let id: String
    public let description: String
    public let severity: Severity
    public let selector: Selector
    public let when: RuleExpression?
    public let check: RuleCheck
    public let message: MessageTemplate?
    public let at: RuleExpression?
    public let help: String?
    public let validExamples: [RuleExample]
    public let invalidExamples: [RuleExample]
    /// The rule's `id` value in its file.
    public let definedAt: SourceLocation
    /// How to repair what the rule finds (`fix:`), when the rule declares it.
    public var fix: RuleFix? = nil
    /// Set for a transition rule (one whose expressions name `oldSelf`): it runs only when a
    /// base revision is given.
    public var transition: RuleTransition? = nil

    /// Whether an expression of the rule reads `selfKey` (the engine binds it only then).
    var mentionsSelfKey: Bool {
        var sources = [when?.source, at?.source, check.expressionSource, message?.source].compactMap { $0 }
        if case .references(let target, _) = check { sources.append(target.source) }
        return sources.contains { $0.contains(RuleEngine.selfKeyName) }
    }

    public var descriptor: RuleDescriptor {
        RuleDescriptor(id: id, shortDescription: description, defaultSeverity: severity, help: help, definedAt: definedAt)
    }

    /// The estimated worst-case cost of checking one match: `when`, the check and `at`.
    public var estimatedCost: Int {
        var expressions = [when, at].compactMap { $0 }
        switch check {
        case .assert(let e), .unique(let e): expressions.append(e)
        case .references(_, let key): expressions.append(key)
        }
        return expressions.reduce(0) { total, e in
            let (sum, overflow) = total.addingReportingOverflow(e.estimatedCost)
            return overflow ? .max : sum
        }
    }
}

/// A named value computed once per run from the dataset (`variables:` in a rule file).
public struct RuleVariable: Sendable {
    public let name: String
    public let expression: RuleExpression
}

/// Everything loaded from the rule files.
public struct RuleSet: Sendable {
    public var rules: [Rule] = []
    public var shapes: [Shape] = []
    public var variables: [RuleVariable] = []
    public var files: [String] = []

    public init() {}

    public var descriptors: [RuleDescriptor] { rules.map(\.descriptor) + shapes.map(\.descriptor) }
    public var count: Int { rules.count + shapes.count }
}
