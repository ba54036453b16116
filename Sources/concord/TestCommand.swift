import ArgumentParser
import ConcordRules
import ConcordSupport
import Foundation

/// `concord test [RULES…]`: run the examples of rule files, for rule packs kept anywhere.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the examples of rule files and report each one that does not behave as declared.",
        discussion: """
            A valid example must give no diagnostic of its rule; an invalid one must give at least \
            one, exactly at its ↓ markers when it has any. Each failing example is printed with \
            the positions expected and found (line:column in the example).
            Exit codes: 0 every example behaves, 1 an example fails, 2 a rule file has errors.
            """
    )

    @Argument(help: "Rule files or folders (default: the project's rules, Rules/).")
    var rules: [String] = []

    func run() throws {
        var source = RuleSource()
        source.rulePaths = rules
        let set = try source.load()
        let report = ExampleReport(outcomes: ExampleRunner(rules: set).run())
        let cwd = FileManager.default.currentDirectoryPath
        Output.write(report.render { RelativePath.display($0, under: cwd) })
        if !report.failures.isEmpty { throw ExitCode(ExitStatus.violations) }
    }
}
