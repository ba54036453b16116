/// Everything a reporter renders: the diagnostics of one run, the rules that ran, counts, and the
/// text of the files that have diagnostics (for code frames).
public struct Report: Sendable {
    public var diagnostics: [Diagnostic]
    public var rules: [RuleDescriptor]
    public var statistics: Statistics
    /// File path → its text, for files that diagnostics point into. Reporters that draw code
    /// frames read it; a missing entry just means no frame.
    public var sources: [String: String]
    public var toolVersion: String

    public init(
        diagnostics: consuming [Diagnostic],
        rules: [RuleDescriptor] = [],
        statistics: Statistics = Statistics(),
        sources: [String: String] = [:],
        toolVersion: String = ConcordVersion.current
    ) {
        // Sorted in place: a check hands its diagnostics over (no copy of a large list).
        var sorted = diagnostics
        sorted.sort(by: Diagnostic.reportOrder)
        self.diagnostics = sorted
        self.rules = rules
        self.statistics = statistics
        self.sources = sources
        self.toolVersion = toolVersion
    }

    public func count(of severity: Severity) -> Int {
        diagnostics.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }

    public struct Statistics: Sendable, Hashable, Codable {
        public var files: Int
        public var records: Int
        public var rules: Int
        /// Wall time of the check in seconds, when measured.
        public var seconds: Double?

        public init(files: Int = 0, records: Int = 0, rules: Int = 0, seconds: Double? = nil) {
            self.files = files
            self.records = records
            self.rules = rules
            self.seconds = seconds
        }
    }
}

public enum ConcordVersion {
    public static let current = "0.1.0"
}
