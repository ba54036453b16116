import ConcordDiagnostics

/// Problems with what Concord was asked to do (paths, rule files, configuration): these stop
/// the run before any data is checked, with exit code 2.
public enum ConfigurationRules {
    public static let missingPath = RuleDescriptor(
        id: "missing-path", shortDescription: "Every path given to Concord exists.", defaultSeverity: .error)

    enum Message {
        static func missingPath(_ path: String) -> String { "no such file or folder: \(path)" }
    }
}
