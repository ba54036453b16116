import ConcordDiagnostics
import ConcordRules
import Foundation

/// The server's view of the project: the open documents (their unsaved text overrides the
/// disk), the live check behind them, the diagnostics of the last check and what was last
/// published. No I/O with the client: the server turns what it returns into messages.
public struct Workspace: Sendable {
    /// An open document.
    struct Document: Sendable {
        var uri: String
        var version: Int
        var lines: TextLines
    }

    public private(set) var live: LiveCheck?
    public let encoding: PositionEncoding
    private let rootFolder: String?
    var documents: [String: Document] = [:]
    /// Concord's diagnostics of the last check, by absolute file.
    public private(set) var diagnostics: [String: [Diagnostic]] = [:]
    /// What was last published, by file, and for open documents the version it was for.
    private var published: [String: [LSPDiagnostic]] = [:]
    private var publishedVersion: [String: Int] = [:]
    /// Line tables of files that are not open (read from disk), for positions in them.
    private var diskLines: [String: TextLines] = [:]
    /// Whether something changed since the last check.
    public private(set) var isDirty = true
    /// Increases with every check: the `resultId` of pulled reports.
    public private(set) var generation = 0

    /// `root`: the workspace folder, when the client named one; else the project is found from
    /// the first opened file.
    public init(root: String?, encoding: PositionEncoding = .utf16) {
        rootFolder = root
        self.encoding = encoding
        if let root { live = LiveCheck(folder: root) }
    }

    // MARK: Documents

    public mutating func open(uri: String, version: Int, text: String) {
        guard let path = FileURI.path(uri) else { return }
        ensureProject(near: path)
        documents[path] = Document(uri: uri, version: version, lines: TextLines(text))
        live?.setText(text, of: path)
        isDirty = true
    }

    /// Applies the changes of a `didChange` (ranges in the negotiated encoding, or whole texts).
    public mutating func change(uri: String, version: Int?, changes: [TextDocumentContentChangeEvent]) {
        guard let path = FileURI.path(uri), var document = documents[path] else { return }
        var text = document.lines.text
        for change in changes {
            if let range = change.range {
                text = TextLines(text).replacing(range, with: change.text, encoding: encoding)
            } else {
                text = change.text
            }
        }
        document.lines = TextLines(text)
        if let version { document.version = version }
        documents[path] = document
        live?.setText(text, of: path)
        isDirty = true
    }

    /// A closed document is read from disk again.
    public mutating func close(uri: String) {
        guard let path = FileURI.path(uri) else { return }
        documents[path] = nil
        publishedVersion[path] = nil
        diskLines[path] = nil
        live?.setText(nil, of: path)
        isDirty = true
    }

    /// Files changed on disk (`workspace/didChangeWatchedFiles`, or a save).
    public mutating func filesChanged(_ uris: [String]) {
        for uri in uris {
            guard let path = FileURI.path(uri) else { continue }
            diskLines[path] = nil
            live?.reload(path)
        }
        isDirty = true
    }

    private mutating func ensureProject(near path: String) {
        if live == nil {
            live = LiveCheck(folder: rootFolder ?? URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
    }

    /// The version of an open document.
    public func version(of uri: String) -> Int? {
        FileURI.path(uri).flatMap { documents[$0]?.version }
    }

    // MARK: Checking

    /// Checks the project and returns what to publish: every file whose diagnostics changed
    /// (files that became clean get an empty list), and open documents whose version moved.
    public mutating func check() -> [PublishDiagnosticsParams] {
        // Run in place: a copy of the live check would copy its caches on their first change.
        guard let run = live?.run() else { return [] }
        diagnostics = run
        isDirty = false
        generation += 1
        cacheLines()
        var out: [PublishDiagnosticsParams] = []
        var fresh: [String: [LSPDiagnostic]] = [:]
        for path in diagnostics.keys { fresh[path] = lspDiagnostics(for: path) }
        for path in Set(fresh.keys).union(published.keys).sorted() {
            let items = fresh[path] ?? []
            let version = documents[path]?.version
            let moved = version != nil && publishedVersion[path] != version
            guard items != (published[path] ?? []) || moved else { continue }
            out.append(PublishDiagnosticsParams(uri: uri(for: path), version: version, diagnostics: items))
            if items.isEmpty { published[path] = nil } else { published[path] = items }
            publishedVersion[path] = version
        }
        for (path, document) in documents where publishedVersion[path] != document.version && fresh[path] == nil {
            out.append(PublishDiagnosticsParams(uri: document.uri, version: document.version, diagnostics: []))
            publishedVersion[path] = document.version
        }
        return out
    }

    /// The diagnostics of one file in the protocol's terms.
    public func lspDiagnostics(for path: String) -> [LSPDiagnostic] {
        let items = diagnostics[path] ?? []
        guard !items.isEmpty else { return [] }
        let converter = DiagnosticConverter(workspace: self)
        return items.map(converter.convert)
    }

    /// The files that have diagnostics now.
    public var filesWithDiagnostics: [String] { diagnostics.keys.sorted() }

    // MARK: Paths and positions

    public func uri(for path: String) -> String {
        documents[path]?.uri ?? FileURI.uri(path)
    }

    /// The text lines Concord saw for a file: the open document's, else the disk's.
    func lines(of path: String) -> TextLines {
        if let document = documents[path] { return document.lines }
        if let cached = diskLines[path] { return cached }
        return TextLines(live?.text(of: path) ?? "")
    }

    /// Caches the line tables of the files that diagnostics point into.
    private mutating func cacheLines() {
        for (path, items) in diagnostics {
            for file in [path] + items.flatMap({ $0.related.map(\.location.file) })
            where documents[file] == nil && diskLines[file] == nil {
                diskLines[file] = TextLines(live?.text(of: file) ?? "")
            }
        }
    }

    /// The Concord position of a protocol position in a file.
    func sourcePosition(_ position: Position, in path: String) -> (line: Int, column: Int) {
        lines(of: path).sourcePosition(position, encoding: encoding)
    }

    func range(_ range: SourceRange?, in path: String) -> Range {
        lines(of: path).range(range, encoding: encoding)
    }
}

/// `file://` URIs and paths.
public enum FileURI {
    public static func path(_ uri: String) -> String? {
        guard let url = URL(string: uri), url.isFileURL else { return nil }
        return url.standardizedFileURL.path
    }

    public static func uri(_ path: String) -> String {
        URL(fileURLWithPath: path).absoluteString
    }
}
