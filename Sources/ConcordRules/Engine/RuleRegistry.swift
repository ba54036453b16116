import ConcordDiagnostics
import ConcordYAML

/// Every rule id Concord can emit: the rule files' rules and shapes, and the built-in checks of
/// each module (declared as `BuiltInRules` enums next to the code that emits them). `concord
/// rules`, `concord explain` and the reports' rule tables (SARIF, JUnit) all read it.
///
/// To add a built-in check: add a case to its module's family (`LoaderRules`, `DatasetRules`,
/// `RuleFileRules`, `ConfigurationRules`, `GateRules`) and emit it with
/// `Family.case.diagnostic(at:message:)`. A new family is added to `builtIn` below.
public struct RuleRegistry: Sendable {
    /// Concord's own checks, which run whatever the rule files say, in listing order.
    public static let builtIn: [RuleDescriptor] =
        LoaderRules.descriptors + DatasetRules.descriptors + RuleFileRules.descriptors
        + ConfigurationRules.descriptors + GateRules.descriptors

    public let rules: RuleSet

    public init(rules: RuleSet = RuleSet()) {
        self.rules = rules
    }

    /// The rule files' rules and shapes, then the built-in checks.
    public var descriptors: [RuleDescriptor] { rules.descriptors + Self.builtIn }

    public var allIDs: [String] { descriptors.map(\.id) }

    /// The descriptor of `id` (a rule file's rule first, then the built-in checks).
    public func descriptor(for id: String) -> RuleDescriptor? {
        descriptors.first { $0.id == id }
    }
}
