import ConcordDiagnostics
import ConcordYAML

/// A rule's `fix:`: how to repair what the rule finds, with CEL for the place and the new
/// value (evaluated with the bindings of the failing element, as the message is).
///
///     fix:
///       description: "set member_count to {{self.members.size()}}"
///       applicability: unsafe
///       set: {at: self.member_count, to: self.members.size()}
public struct RuleFix: Sendable {
    public enum Operation: Sendable {
        /// Replace the node `at` names, or add the key when `at` is `x.key` and `x` lacks it.
        case set(at: RuleExpression, to: RuleExpression)
        /// Remove a key (with its value) or a list element.
        case remove(at: RuleExpression)
        /// Rename the key `at` names to the string `to` gives.
        case rename(at: RuleExpression, to: RuleExpression)

        public var name: String {
            switch self {
            case .set: return "set"
            case .remove: return "remove"
            case .rename: return "rename"
            }
        }
    }

    public let description: MessageTemplate?
    public let applicability: FixApplicability
    public let operation: Operation
    /// The `fix:` mapping in its rule file.
    public let node: YAMLNode
}

/// Rule-file fields and messages of `fix:`.
enum RuleFixFields {
    static let fixFields = ["description", "applicability", "set", "remove", "rename"]
    static let operations = ["set", "remove", "rename"]
    static func operationFields(_ operation: String) -> [String] { operation == "remove" ? ["at"] : ["at", "to"] }

    enum Message {
        static let needsOneOperation = "a fix needs exactly one of `set`, `remove` or `rename`"
        static func badApplicability(_ value: String) -> String { "unknown applicability `\(value)`; use safe or unsafe" }
        static func defaultDescription(_ operation: String, _ at: String) -> String { "\(operation) \(at)" }
    }
}
