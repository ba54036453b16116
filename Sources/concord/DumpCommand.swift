import ArgumentParser
import ConcordDiagnostics
import ConcordReporters
import ConcordYAML
import Foundation

/// `concord dump FILE…`: each document's resolved value as JSON, one document per line.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print each YAML document as Concord sees it, as JSON (one document per line)."
    )

    @Argument(help: "The YAML files to print.")
    var files: [String]

    @Flag(help: "Wrap every node with its kind, style, tag and source range.")
    var positions = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file") }
    }

    func run() throws {
        let loader = YAMLLoader()
        var failed = false
        for file in files {
            let result = loader.load(path: file)
            for document in result.documents {
                JSONRenderer.write(document.root, positions: positions) { Output.write($0) }
                Output.write("\n")
            }
            if !result.diagnostics.isEmpty {
                let report = Report(diagnostics: result.diagnostics)
                Output.error(OutputFormat.gcc.render(report, options: ReporterOptions(
                    currentDirectory: FileManager.default.currentDirectoryPath)))
            }
            if !result.succeeded || result.diagnostics.contains(where: { $0.severity == .error }) {
                failed = true
            }
        }
        if failed { throw ExitCode(ExitStatus.violations) }
    }
}
