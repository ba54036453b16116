/// What a reporter needs to know about a rule (SARIF `tool.driver.rules`, `concord rules`).
public struct RuleDescriptor: Hashable, Sendable, Codable {
    public var id: String
    /// One line.
    public var shortDescription: String
    /// A paragraph; defaults to the short description.
    public var fullDescription: String
    public var defaultSeverity: Severity
    /// Advice on how to fix a violation.
    public var help: String?
    /// Where the rule is defined (a rule file), when it comes from one.
    public var definedAt: SourceLocation?

    public init(
        id: String,
        shortDescription: String,
        fullDescription: String? = nil,
        defaultSeverity: Severity,
        help: String? = nil,
        definedAt: SourceLocation? = nil
    ) {
        self.id = id
        self.shortDescription = shortDescription
        self.fullDescription = fullDescription ?? shortDescription
        self.defaultSeverity = defaultSeverity
        self.help = help
        self.definedAt = definedAt
    }
}
