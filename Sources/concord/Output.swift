import ConcordDiagnostics
import ConcordReporters
import Foundation

/// Where the command writes: standard output, standard error, or a file.
enum Output {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes `text` to `path`, or to standard output when `path` is nil or `-`.
    static func write(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            write(text)
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw UsageError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}

extension Output {
    /// Appends to a file (for $GITHUB_STEP_SUMMARY); failures are ignored, the report went out.
    static func append(_ text: String, to path: String) {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            return
        }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        handle.closeFile()
    }
}

/// A usage problem found while running (exit code 2).
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Concord cannot start: the configuration, the baseline or git failed. `check` reports the
/// diagnostics in the chosen format; other commands print them in gcc format on standard error.
/// Either way the exit code is 2.
struct CannotStart: Error, CustomStringConvertible {
    var diagnostics: [Diagnostic]
    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    var description: String {
        let text = OutputFormat.gcc.render(Report(diagnostics: diagnostics), options: ReporterOptions(
            currentDirectory: FileManager.default.currentDirectoryPath))
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
