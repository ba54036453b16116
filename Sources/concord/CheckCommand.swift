import ArgumentParser
import ConcordDiagnostics
import ConcordReporters
import ConcordRules
import Foundation

/// `concord check [PATH…]`: load the dataset, run the rules, report.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check YAML files against the rules and report every violation with its place."
    )

    @Argument(help: "Dataset files or folders (default: Datasets/).")
    var paths: [String] = []

    @Option(name: .customLong("rules"), help: "A rule file or folder; repeatable. Given, it replaces the default Rules/.")
    var rulePaths: [String] = []

    @Option(help: "Output format.")
    var format: FormatOption = .auto

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "The lowest severity that makes the exit code 1.")
    var failOn: FailOnOption = .error

    @Flag(name: .shortAndLong, help: "Do not print the summary line on standard error (formats other than pretty).")
    var quiet = false

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let datasetPaths = paths.isEmpty ? ["Datasets"] : paths
        if paths.isEmpty, !FileManager.default.fileExists(atPath: "Datasets") {
            throw ValidationError("no paths given and no Datasets/ folder in \(cwd)")
        }
        var rules = rulePaths
        if rules.isEmpty, FileManager.default.fileExists(atPath: "Rules") {
            rules = ["Rules"]
        }
        let result = CheckSession.run(CheckRequest(paths: datasetPaths, rulePaths: rules))

        let toTerminal = output == nil && Output.stdoutIsTerminal
        let formatToUse = format.resolved(writingToTerminal: toTerminal)
        let options = ReporterOptions(
            color: toTerminal && ReporterOptions.shouldUseColor(
                environment: ProcessInfo.processInfo.environment, isTTY: true),
            currentDirectory: cwd
        )
        try Output.write(formatToUse.render(result.report, options: options), to: output)
        if formatToUse != .pretty || output != nil, !quiet {
            Output.error(ReportSummary.line(result.report) + "\n")
        }
        let code = result.exitCode(failOn: failOn.severity)
        if code != 0 { throw ExitCode(code) }
    }
}
