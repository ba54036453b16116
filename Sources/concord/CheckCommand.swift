import ArgumentParser
import ConcordDiagnostics
import ConcordReporters
import ConcordRules
import ConcordSupport
import Foundation

/// `concord check [PATH…]`: load the dataset, run the rules, report.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check YAML files against the rules and report every violation with its place.",
        discussion: """
            Without paths, checks the project the current folder is in: the dataset of \
            .concord.yaml (found upward from the current folder), else Datasets/ with Rules/ of \
            the nearest folder holding Datasets/. Paths inside the dataset (as a pre-commit hook \
            passes them) load the whole dataset but report only what is in those files.
            Exit codes: 0 no violations at or above --fail-on, 1 violations, 2 usage or configuration error.
            """
    )

    @Argument(help: "Dataset files or folders (default: the configured dataset, else Datasets/).")
    var paths: [String] = []

    @Option(name: .customLong("rules"), help: "A rule file or folder; repeatable. Given, it replaces the default Rules/.")
    var rulePaths: [String] = []

    @Option(help: "Output format (default: the configuration's, else auto).")
    var format: FormatChoice?

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "The lowest severity that makes the exit code 1 (default: error).")
    var failOn: FailOn?

    @Option(help: "Report only violations that this baseline file does not hold.")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Record today's violations in this file (and exit 0).")
    var writeBaseline: String?

    @Option(name: .customLong("changed-since"), help: "Report only violations on lines that differ from this git revision.")
    var changedSince: String?

    @Option(help: "A git revision to compare with: transition rules (oldSelf) run on the records changed since it.")
    var base: String?

    @Flag(help: "With --base or --changed-since: violations present at the base on unchanged records are info (as `ratchet: true` in .concord.yaml).")
    var ratchet = false

    @Flag(name: .shortAndLong, help: "Do not print the summary line on standard error (formats other than pretty).")
    var quiet = false

    @Flag(help: "Apply the safe fixes that rules declare to the dataset files, then report what remains.")
    var fix = false

    @Flag(name: .customLong("unsafe-fixes"), help: "With --fix or --diff: apply the unsafe fixes too (they may change what the data says).")
    var unsafeFixes = false

    @Flag(help: "Print the fixes as a unified diff instead of writing them (writes nothing).")
    var diff = false

    func validate() throws {
        if baseline != nil, writeBaseline != nil {
            throw ValidationError("--baseline and --write-baseline cannot be used together")
        }
        try validateFixOptions()
        if ratchet, base == nil, changedSince == nil {
            throw ValidationError("--ratchet needs --base or --changed-since (the revision to ratchet against)")
        }
    }

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let environment = ProcessInfo.processInfo.environment
        var request: CheckRequest, configuration: Configuration
        do {
            (request, configuration) = try plan(cwd: cwd)
            try prepareGate(&request, configuration: configuration, cwd: cwd)
        } catch let failure as CannotStart {
            // Configuration, baseline and git problems: reported like any report, exit 2.
            let formatToUse = (format ?? .auto).resolved(environment: environment, isTTY: output == nil && Output.stdoutIsTerminal)
            let report = Report(diagnostics: failure.diagnostics, rules: RuleRegistry.builtIn)
            try Output.stream(to: output) { formatToUse.write(report, options: ReporterOptions(currentDirectory: cwd), to: &$0) }
            throw ExitCode(ExitStatus.usage)
        }
        // Fingerprints only when the report shows them or a baseline is written.
        let plannedFormat = (format ?? configuration.format ?? .auto).resolved(
            environment: environment, isTTY: output == nil && Output.stdoutIsTerminal)
        request.fingerprints = writeBaseline != nil || plannedFormat.showsFingerprints
        let result: CheckResult
        if fix || diff {
            result = try runFixes(request, configuration: configuration)
        } else {
            result = CheckSession.run(request)
        }

        if let writeBaseline, !result.configurationFailed {
            try Self.write(Baseline(diagnostics: result.report.diagnostics), to: writeBaseline)
            Output.error("wrote \(result.report.diagnostics.count) fingerprints to \(writeBaseline)\n")
            Self.exit(ExitStatus.clean, keeping: result)
        }

        let toTerminal = output == nil && Output.stdoutIsTerminal
        let formatToUse = (format ?? configuration.format ?? .auto).resolved(environment: environment, isTTY: toTerminal)
        let options = ReporterOptions(
            color: toTerminal && ReporterOptions.shouldUseColor(environment: environment, isTTY: true),
            currentDirectory: cwd
        )
        try Output.stream(to: output) { formatToUse.write(result.report, options: options, to: &$0) }
        if formatToUse == .github, let summaryPath = environment["GITHUB_STEP_SUMMARY"], !summaryPath.isEmpty {
            Output.append(GitHubReporter.stepSummary(result.report, options: options), to: summaryPath)
        }
        if formatToUse != .pretty || output != nil, !quiet {
            Output.error(ReportSummary.line(result.report) + "\n")
        }
        let threshold = failOn ?? configuration.failOn ?? .error
        Self.exit(result.exitCode(failOn: threshold.severity), keeping: result)
    }

    /// Writes the baseline file; its text is freed before the process ends.
    private static func write(_ baseline: Baseline, to path: String) throws {
        do {
            try baseline.encoded().write(to: URL(fileURLWithPath: path))
        } catch {
            throw UsageError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Ends the process: the result (every node of the dataset, every diagnostic) stays alive
    /// to the end instead of being freed one by one.
    private static func exit(_ code: Int32, keeping result: CheckResult) -> Never {
        withExtendedLifetime(result) {
            Foundation.exit(code)
        }
    }

    /// The baseline, the changed lines and the base revision the options name.
    private func prepareGate(_ request: inout CheckRequest, configuration: Configuration, cwd: String) throws {
        if let baseline {
            switch Baseline.load(baseline) {
            case .success(let b): request.baseline = b
            case .failure(let e):
                throw CannotStart(ConfigurationRules.baselineInvalid.diagnostic(at: SourceLocation(file: baseline), message: e.description))
            }
        }
        let gitProblem = { (message: String) in
            CannotStart(ConfigurationRules.gitUnavailable.diagnostic(at: ConfigurationRules.gitLocation,
                                                                     message: message))
        }
        if let changedSince {
            switch ChangedLines.since(changedSince, in: cwd) {
            case .success(let lines): request.changedLines = lines
            case .failure(let e): throw gitProblem(e.description)
            }
        }
        // --changed-since implies the base revision it names.
        if let ref = base ?? changedSince {
            let paths = request.paths.map { RelativePath.resolved($0, against: cwd) }
            switch BaseRevision.load(ref, paths: paths, mounts: request.mounts, in: cwd, options: request.loaderOptions) {
            case .success(let revision): request.base = revision
            case .failure(let e): throw gitProblem(e.description)
            }
            request.ratchet = ratchet || configuration.ratchet
        }
    }

    private func plan(cwd: String) throws -> (CheckRequest, Configuration) {
        try Self.plan(cwd: cwd, paths: paths, rules: rulePaths)
    }

    /// The project's dataset and rules, as `check` without paths sees them.
    static func planDefault(cwd: String) throws -> (CheckRequest, Configuration) {
        try plan(cwd: cwd, paths: [], rules: [])
    }

    private static func plan(cwd: String, paths: [String], rules rulePaths: [String]) throws -> (CheckRequest, Configuration) {
        switch CheckPlanner(currentDirectory: cwd).plan(paths: paths, rules: rulePaths) {
        case .success(let planned):
            return planned
        case .failure(.usage(let message)):
            throw ValidationError(message)
        case .failure(.configuration(let diagnostics)):
            throw CannotStart(diagnostics)
        }
    }
}
