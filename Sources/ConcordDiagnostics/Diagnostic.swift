/// How serious a diagnostic is. Ordered: `info < warning < error`.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A second place that helps explain a diagnostic ("the first definition is here").
public struct RelatedLocation: Hashable, Sendable, Codable {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }
}

/// One finding: which rule, how serious, what is wrong and exactly where.
public struct Diagnostic: Hashable, Sendable, Codable {
    public var ruleID: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    public var related: [RelatedLocation]
    /// Optional advice on how to fix it.
    public var help: String?
    /// A stable identity for baselines and SARIF `partialFingerprints`; never built from a line
    /// number or a list index. `nil` when the producer has none.
    public var fingerprint: String?
    /// Repairs of what the diagnostic reports (`concord check --fix`); empty when none is known.
    public var fixes: [Fix]

    public init(
        ruleID: String,
        severity: Severity,
        message: String,
        location: SourceLocation,
        related: [RelatedLocation] = [],
        help: String? = nil,
        fingerprint: String? = nil,
        fixes: [Fix] = []
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.location = location
        self.related = related
        self.help = help
        self.fingerprint = fingerprint
        self.fixes = fixes
    }
}

extension Diagnostic {
    /// Sort order used by every reporter: file, then position, then rule id.
    public static func reportOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.location.file != b.location.file { return a.location.file < b.location.file }
        let pa = a.location.range?.start, pb = b.location.range?.start
        switch (pa, pb) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return true
        case (_?, nil): return false
        default: break
        }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.message < b.message
    }
}
