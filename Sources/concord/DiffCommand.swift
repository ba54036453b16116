import ArgumentParser
import ConcordDiagnostics
import ConcordReporters
import ConcordRules
import ConcordSupport
import Foundation

/// `concord diff BASE [HEAD]`: what changed in the dataset, record by record.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "List the records added, removed, modified and moved between two git revisions.",
        discussion: """
            Records are matched by identity: their `id`, else the key of a `unique` rule over \
            their list, else (entries of a map) their key. Without HEAD, compares BASE with the \
            working tree. Always exits 0 when it could compare (the gate is `concord check`); \
            `--format github` writes a Markdown table for a pull request's step summary.
            """
    )

    @Argument(help: "The base git revision.")
    var base: String

    @Argument(help: "The head git revision (default: the working tree).")
    var head: String?

    @Option(help: "Output format.")
    var format: DiffFormatOption = .pretty

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let (request, _) = try CheckCommand.planDefault(cwd: cwd)
        let paths = request.paths.map { RelativePath.resolved($0, against: cwd) }
        // Rule files give identities to records without `id`; a rule set that does not load
        // leaves records to their `id`s.
        let rules = request.rulePaths.isEmpty ? RuleSet() : RuleFileLoader().load(paths: request.rulePaths).0
        switch DatasetDiff.between(base, and: head, paths: paths, mounts: request.mounts, rules: rules, currentDirectory: cwd) {
        case .success(let changes): try Output.write(format.format.render(changes), to: output)
        case .failure(let e): throw UsageError(e.description)
        }
    }
}

/// `concord diff --format` values.
enum DiffFormatOption: String, CaseIterable, ExpressibleByArgument {
    case pretty, json, github

    var format: DiffFormat {
        switch self {
        case .pretty: return .pretty
        case .json: return .json
        case .github: return .github
        }
    }
}
