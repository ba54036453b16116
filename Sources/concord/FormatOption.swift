import ArgumentParser
import ConcordDiagnostics
import ConcordReporters
import Foundation

/// `--format` values: every reporter, plus `auto`.
enum FormatOption: String, CaseIterable, ExpressibleByArgument {
    case auto, pretty, gcc, json, sarif, github, junit, gitlab

    /// The concrete format: `auto` is `github` under GitHub Actions, `pretty` on a terminal and
    /// `gcc` otherwise.
    func resolved(writingToTerminal isTTY: Bool) -> OutputFormat {
        if let format = OutputFormat(rawValue: rawValue) { return format }
        return OutputFormat.resolveAuto(environment: ProcessInfo.processInfo.environment, isTTY: isTTY)
    }
}

/// `--fail-on` values.
enum FailOnOption: String, CaseIterable, ExpressibleByArgument {
    case error, warning, info, never

    var severity: Severity? {
        switch self {
        case .error: return .error
        case .warning: return .warning
        case .info: return .info
        case .never: return nil
        }
    }
}
