import ArgumentParser
import ConcordLSP
import Foundation

/// `concord lsp`: the language server on standard input and output.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server (LSP 3.17 over standard input and output) for editors.",
        discussion: """
            Live diagnostics as you type, across files, with hover, go to definition, find \
            references, completion and quick fixes. The project is found from the editor's \
            workspace folder (or the first opened file) as `concord check` finds it. \
            See docs/editors.md for each editor's setup.
            """
    )

    @Option(name: .customLong("debounce"), help: "Milliseconds to wait after an edit before checking (default: 10).")
    var debounceMilliseconds: Int = 10

    func validate() throws {
        if debounceMilliseconds < 0 { throw ValidationError("--debounce must be 0 or more") }
    }

    func run() throws {
        let server = LanguageServer(input: .standardInput, output: .standardOutput,
                                    debounceMilliseconds: debounceMilliseconds)
        throw ExitCode(server.run())
    }
}
