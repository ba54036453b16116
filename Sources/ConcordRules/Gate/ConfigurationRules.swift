import ConcordDiagnostics

/// Problems with what Concord was asked to do (paths, configuration, baseline, git): these stop
/// the run before any data is checked, with exit code 2, reported in the chosen format.
public enum ConfigurationRules: BuiltInRules {
    case missingPath, configInvalid, baselineInvalid, gitUnavailable

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
        case .baselineInvalid:
            return RuleDescriptor(id: "baseline-invalid", shortDescription: "The baseline file can be read and is a Concord baseline.",
                                  fullDescription: "The file given to `--baseline` is missing, unreadable or not the JSON that `concord check --write-baseline` writes; nothing is checked.",
                                  defaultSeverity: .error, help: "Write the baseline again with `concord check --write-baseline FILE`.")
        case .gitUnavailable:
            return RuleDescriptor(id: "git-unavailable", shortDescription: "git can answer what `--changed-since` and `--base` ask.",
                                  fullDescription: "`--changed-since REF` and `--base REF` ask git which lines changed and what the dataset was at REF; the folder is not in a git repository, git is missing, or REF is not a revision; nothing is checked.",
                                  defaultSeverity: .error)
        }
    }

    /// Where a `git-unavailable` diagnostic points: the current folder.
    public static let gitLocation = SourceLocation(file: ".")

    enum Message {
        static func missingPath(_ path: String) -> String { "no such file or folder: \(path)" }
    }
}
