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

extension RuleDescriptor {
    /// A diagnostic of this rule, with the rule's own severity (and its help, unless `help` is
    /// given): the only way built-in checks make diagnostics, so an id cannot go out with
    /// another rule's severity.
    public func diagnostic(at location: SourceLocation, message: String, related: [RelatedLocation] = [],
                           help: String? = nil, fixes: [Fix] = []) -> Diagnostic {
        Diagnostic(ruleID: id, severity: defaultSeverity, message: message, location: location,
                   related: related, help: help ?? self.help, fixes: fixes)
    }
}

/// A module's built-in checks, declared as the cases of an enum: `allCases` is the module's
/// list of rules (a new case is listed by construction, and the exhaustive `descriptor` switch
/// makes it declare its id, severity and description). `RuleRegistry` joins the families.
public protocol BuiltInRules: CaseIterable, Sendable {
    var descriptor: RuleDescriptor { get }
}

extension BuiltInRules {
    /// Every rule of the family, in declaration order.
    public static var descriptors: [RuleDescriptor] { allCases.map(\.descriptor) }
    public var id: String { descriptor.id }
    public var defaultSeverity: Severity { descriptor.defaultSeverity }

    /// A diagnostic of this rule (see `RuleDescriptor.diagnostic(at:message:related:help:fixes:)`).
    public func diagnostic(at location: SourceLocation, message: String, related: [RelatedLocation] = [],
                           help: String? = nil, fixes: [Fix] = []) -> Diagnostic {
        descriptor.diagnostic(at: location, message: message, related: related, help: help, fixes: fixes)
    }
}
