import ConcordDiagnostics

/// The checks the gate itself adds after the rules ran.
public enum GateRules: BuiltInRules {
    case unusedSuppression

    public var descriptor: RuleDescriptor {
        switch self {
        case .unusedSuppression:
            return RuleDescriptor(
                id: "unused-suppression", shortDescription: "Every `# concord-ignore:` comment suppresses something.",
                fullDescription: "A `# concord-ignore: RULE-ID reason` comment that matches no diagnostic on its line (or, alone on a line, on the next line) is stale: remove it.",
                defaultSeverity: .warning)
        }
    }
}
