import ConcordDiagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What loading one file produced.
public struct LoadResult: Sendable {
    public var file: String
    /// The loaded file (nil when it could not be read or decoded).
    public var yamlFile: YAMLFile?
    /// The documents that loaded. A file that failed (syntax error, encoding, limits) yields none.
    public var documents: [YAMLDocument]
    /// The loader's findings, in source order.
    public var diagnostics: [Diagnostic]
    /// False when loading stopped at a fatal problem.
    public var succeeded: Bool
}

/// Loads YAML files into positioned node trees with libyaml's event parser.
public struct YAMLLoader: Sendable {
    public var options: LoaderOptions

    public init(options: LoaderOptions = LoaderOptions()) {
        self.options = options
    }

    /// Loads the file at `path`; `displayPath` (default: `path`) names it in locations. What is
    /// not a regular file (a FIFO, a socket, a device) is never opened: it gets a diagnostic.
    public func load(path: String, displayPath: String? = nil,
                     fileSystem: any FileSystemAccess = PosixFileSystem()) -> LoadResult {
        let name = displayPath ?? path
        switch fileSystem.contents(of: path) {
        case .success(let bytes):
            return load(bytes: bytes, file: name)
        case .failure(let error):
            let d = LoaderRules.unreadable.diagnostic(at: SourceLocation(file: name),
                                                      message: LoaderRules.Message.unreadable(error.reason))
            return LoadResult(file: name, yamlFile: nil, documents: [], diagnostics: [d], succeeded: false)
        }
    }

    /// Loads YAML text given as a string (for tests, rule examples and `eval`).
    public func load(text: String, file: String) -> LoadResult {
        load(bytes: Array(text.utf8), file: file)
    }

    /// Loads YAML from raw bytes.
    public func load(bytes: [UInt8], file: String) -> LoadResult {
        loadCountingParts(bytes: bytes, file: file).result
    }

    /// Loads YAML from raw bytes; also says in how many parts libyaml parsed it (1 unless
    /// `ParallelEvents` cut it at seams that held).
    func loadCountingParts(bytes: [UInt8], file: String) -> (result: LoadResult, parts: Int) {
        var parts = 1
        let result = load(bytes: bytes, file: file, parts: &parts)
        return (result, parts)
    }

    private func load(bytes: [UInt8], file: String, parts: inout Int) -> LoadResult {
        let text: SourceText
        switch SourceText.validate(bytes) {
        case .success(let t):
            text = t
        case .failure(let problem):
            return LoadResult(file: file, yamlFile: nil, documents: [],
                              diagnostics: [Self.diagnostic(for: problem, file: file)], succeeded: false)
        }
        return bytes.withUnsafeBufferPointer { buffer -> LoadResult in
            let body = UnsafeBufferPointer(rebasing: buffer[text.bomLength...])
            guard let parser = LibYAMLParser(input: body) else {
                let d = LoaderRules.unreadable.diagnostic(at: SourceLocation(file: file),
                                                          message: LoaderRules.Message.unreadable("libyaml could not start"))
                return LoadResult(file: file, yamlFile: nil, documents: [], diagnostics: [d], succeeded: false)
            }
            var builder = TreeBuilder(path: file, text: text, options: options)
            var outcome: TreeBuilder.Outcome
            if body.count >= options.parallelMinimumBytes,
               let plan = SplitPlan.make(body: body, isASCII: text.isASCII, partBytes: options.parallelPartBytes) {
                // Two parsers on two cores, in parts; the threads end before `body` goes away.
                let events = ParallelEvents(body: body, plan: plan)
                outcome = builder.run(events)
                events.finish()
                parts = events.partsRead
                if builder.stoppedAtParseFailure && parts > 1 {
                    parts = 1
                    // libyaml failed in a later part: its message could name a place of the
                    // prefix that part's parser read first, so the file is parsed in one piece.
                    builder = TreeBuilder(path: file, text: text, options: options)
                    let events = PipelinedEvents(parser)
                    outcome = builder.run(events)
                    events.finish()
                }
            } else if body.count >= options.pipelineMinimumBytes {
                // libyaml parses on another core while the tree is built; the parsing thread
                // ends before `body` goes away.
                let events = PipelinedEvents(parser)
                outcome = builder.run(events)
                events.finish()
            } else {
                outcome = builder.run(parser)
            }
            let yamlFile = builder.finish()
            let ok = outcome == .completed
            return LoadResult(file: file, yamlFile: yamlFile, documents: ok ? yamlFile.documents : [],
                              diagnostics: builder.diagnostics, succeeded: ok)
        }
    }

    private static func diagnostic(for problem: SourceText.EncodingProblem, file: String) -> Diagnostic {
        let message: String
        var range: SourceRange? = nil
        switch problem {
        case .unsupportedEncoding(let name):
            message = LoaderRules.Message.unsupportedEncoding(name)
            range = SourceRange(at: SourcePosition(line: 1, column: 1, offset: 0))
        case .invalidUTF8(let at):
            message = LoaderRules.Message.invalidUTF8
            range = SourceRange(start: at, end: SourcePosition(line: at.line, column: at.column + 1, offset: at.offset + 1))
        case .nulByte(let at):
            message = LoaderRules.Message.nulByte
            range = SourceRange(start: at, end: SourcePosition(line: at.line, column: at.column + 1, offset: at.offset + 1))
        }
        return LoaderRules.encoding.diagnostic(at: SourceLocation(file: file, range: range), message: message)
    }
}
