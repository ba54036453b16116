import ArgumentParser
import ConcordDiagnostics
import ConcordReporters
import ConcordRules
import ConcordYAML
import Foundation

/// Where the rules come from: `--rules` paths, else the rules of the project the current folder
/// is in (`.concord.yaml` upward, else `Rules/` beside the nearest `Datasets/`).
struct RuleSource: ParsableArguments {
    @Option(name: .customLong("rules"), help: "A rule file or folder; repeatable (default: the project's rules, Rules/).")
    var rulePaths: [String] = []

    func load() throws -> RuleSet {
        var paths = rulePaths
        let (configuration, problems) = Project.discover(from: FileManager.default.currentDirectoryPath).configuration()
        var diagnostics: [Diagnostic] = []
        if paths.isEmpty {
            diagnostics = problems
            paths = configuration.rules.map(configuration.resolve).filter { FileManager.default.fileExists(atPath: $0) }
        }
        let loader = RuleFileLoader(costBudget: configuration.costBudget, maxListSize: configuration.maxListSize)
        let (set, ruleDiagnostics) = paths.isEmpty ? (RuleSet(), []) : loader.load(paths: paths)
        diagnostics += ruleDiagnostics
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            Output.error(OutputFormat.gcc.render(Report(diagnostics: errors), options: ReporterOptions(
                currentDirectory: FileManager.default.currentDirectoryPath)))
            throw ExitCode(ExitStatus.usage)
        }
        return set
    }
}

/// `concord rules`: list the rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules: the rule files' rules and shapes, then Concord's built-in checks."
    )

    @OptionGroup var source: RuleSource

    func run() throws {
        let set = try source.load()
        Output.write(RuleCatalog(rules: set).listing())
    }
}

/// `concord explain RULE-ID`: one rule with its description, expressions and examples.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show one rule: what it checks, how, and its examples."
    )

    @Argument(help: "The rule id, e.g. member-count-matches.")
    var ruleID: String

    @OptionGroup var source: RuleSource

    func run() throws {
        let set = try source.load()
        let catalog = RuleCatalog(rules: set)
        guard let text = catalog.explanation(of: ruleID) else {
            let suggestion = Suggestions.closest(to: ruleID, among: catalog.allIDs)
            Output.error("no rule `\(ruleID)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "") + "\n")
            throw ExitCode(ExitStatus.usage)
        }
        Output.write(text)
    }
}
