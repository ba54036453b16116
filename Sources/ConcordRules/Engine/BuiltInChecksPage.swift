import ConcordDiagnostics

/// `docs/checks.md`, made from the registry so that it lists every built-in check as the code
/// declares it (a test compares the committed page with this text). Each check is a `##`
/// heading named by its id, so `checks.md#ID` links to it (the language server's
/// `codeDescription` for built-in checks).
public enum BuiltInChecksPage {
    /// The page's path in Concord's repository.
    public static let path = "docs/checks.md"

    public static func markdown(_ descriptors: [RuleDescriptor] = RuleRegistry.builtIn) -> String {
        var text = """
            # Built-in checks

            Concord runs these checks whatever the rule files say: the loader's (YAML itself), the
            merged dataset's, the rule files' and `.concord.yaml`'s, and the gate's. They are
            reported like rules, with the id in brackets; `concord explain ID` prints the same
            text, and `severity:` in `.concord.yaml` can change their severity (see
            configuration.md). The rules of the rule pack are listed by `concord rules`.

            This page is generated from the code (`BuiltInChecksPage`); regenerate it with
            `CONCORD_UPDATE_GOLDEN=1 swift test --filter RuleRegistryTests`.

            | id | severity | what it finds |
            |---|---|---|

            """
        for d in descriptors {
            text += "| [`\(d.id)`](#\(d.id)) | \(d.defaultSeverity) | \(d.shortDescription.replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        for d in descriptors {
            text += "\n## \(d.id)\n\n"
            text += "Severity: \(d.defaultSeverity).\n\n"
            text += d.fullDescription + "\n"
            if let help = d.help { text += "\nTo fix: " + help + "\n" }
        }
        return text
    }
}
