import ArgumentParser
import ConcordDiagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        keepFreedMemory()
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

/// glibc's allocator gives freed memory back to the system as soon as 128 KB lie free at the
/// top of a heap, and takes it again at the next allocation: loading thousands of small files
/// on every core did that about once every three files (a system call each, and fresh pages
/// to zero). The process keeps up to 256 MB freed instead, and grows a heap 16 MB at a time;
/// its peak memory is the same, since the memory it keeps is reused.
private func keepFreedMemory() {
    #if canImport(Glibc)
    // `mallopt` is declared in <malloc.h>, which Swift's Glibc module does not include.
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
    let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
    let trimThreshold: Int32 = -1, topPad: Int32 = -2  // M_TRIM_THRESHOLD, M_TOP_PAD
    _ = mallopt(trimThreshold, 256 << 20)
    _ = mallopt(topPad, 16 << 20)
    #endif
}

/// Concord's exit codes.
enum ExitStatus {
    static let clean: Int32 = 0
    static let violations: Int32 = 1
    static let usage: Int32 = 2
}
