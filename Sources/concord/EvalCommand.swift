import ArgumentParser
import ConcordCEL
import ConcordDiagnostics
import ConcordReporters
import ConcordRules
import Foundation

/// `concord eval EXPR`: evaluate a CEL expression and print the result as JSON.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a CEL expression (with Concord's functions) and print the result as JSON."
    )

    @Argument(help: "The expression, e.g. 'date(\"2023-11\") <= date(\"2023-11-15\")'.")
    var expression: String

    @Option(help: "A YAML file: `self` is its first document, `dataset` all its documents merged.")
    var data: String?

    @Option(name: .customLong("var"), help: "Bind a variable: NAME=YAML (repeatable), e.g. --var 'm={a: 1}'.")
    var variables: [String] = []

    @Flag(help: "Print the typed form ({\"int\": \"1\"}), which tells int, uint and double apart.")
    var typed = false

    func validate() throws {
        for v in variables where !v.contains("=") {
            throw ValidationError("--var takes NAME=YAML, got '\(v)'")
        }
    }

    func run() throws {
        let bindings = variables.map { v -> (String, String) in
            let parts = v.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        switch ExpressionEvaluation().evaluate(expression, dataPath: data, variables: bindings) {
        case .value(let value):
            Output.write((typed ? value.taggedJSON : value.plainJSON).text + "\n")
        case .failure(let message, let column):
            var text = "error: \(message)\n"
            if let column {
                text += "  \(expression)\n  " + String(repeating: " ", count: max(0, column - 1)) + "^\n"
            }
            Output.error(text)
            throw ExitCode(ExitStatus.violations)
        case .loadFailure(let diagnostics):
            let report = Report(diagnostics: diagnostics)
            Output.error(OutputFormat.gcc.render(report, options: ReporterOptions(
                currentDirectory: FileManager.default.currentDirectoryPath)))
            throw ExitCode(ExitStatus.violations)
        }
    }
}
