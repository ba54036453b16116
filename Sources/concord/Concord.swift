import ArgumentParser
import ConcordDiagnostics
import Foundation

/// The `concord` command: a thin layer that turns options into calls of the library targets.
@main
struct Concord: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concord",
        abstract: "Check YAML datasets of coalitions and pledges against declarative rules.",
        version: ConcordVersion.current,
        subcommands: [CheckCommand.self, DumpCommand.self, EvalCommand.self, RulesCommand.self, ExplainCommand.self, LSPCommand.self, DiffCommand.self,
                      TestCommand.self, InitCommand.self],
        defaultSubcommand: CheckCommand.self
    )

    /// Runs the command; usage errors exit with 2 (not ArgumentParser's 64), so that every
    /// Concord failure of configuration or usage has the same code.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code.rawValue == 0 {
                Concord.exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.usage)
        }
    }
}

/// Concord's exit codes.
enum ExitStatus {
    static let clean: Int32 = 0
    static let violations: Int32 = 1
    static let usage: Int32 = 2
}
