import ConcordDiagnostics

/// Problems with what Concord was asked to do (paths, configuration): these stop
/// the run before any data is checked, with exit code 2, reported in the chosen format.
public enum ConfigurationRules: BuiltInRules {
    case missingPath, configInvalid

    public var descriptor: RuleDescriptor {
        switch self {
        case .missingPath:
            return RuleDescriptor(id: "missing-path", shortDescription: "Every path given to Concord exists.",
                                  fullDescription: "A dataset, rule or focus path given on the command line or in `.concord.yaml` does not exist; nothing is checked.",
                                  defaultSeverity: .error)
        case .configInvalid:
            return RuleDescriptor(id: "config-invalid", shortDescription: "The configuration file is valid.",
                                  fullDescription: "`.concord.yaml` has an unknown field or a value of the wrong kind (reported at its line and column); nothing is checked until it is fixed.",
                                  defaultSeverity: .error)
        }
    }

    enum Message {
        static func missingPath(_ path: String) -> String { "no such file or folder: \(path)" }
    }
}
