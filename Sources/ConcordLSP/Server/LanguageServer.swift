import ConcordDiagnostics
import ConcordRules
import Foundation

/// `concord lsp`: reads messages on one thread and handles them in order on a work queue.
///
/// - Requests are answered in order; a request cancelled (`$/cancelRequest`) before its turn
///   gets the `RequestCancelled` error instead of a result.
/// - Edits are debounced: a check runs `debounce` after the last change, so a burst of typing
///   costs one check; a check whose document version a newer `didChange` superseded (seen by
///   the reader while it ran) publishes nothing for that document.
/// - Diagnostics are pushed (`textDocument/publishDiagnostics` with the document version),
///   and answered when pulled; with a client that pulls, the server asks it to pull again
///   (`workspace/diagnostic/refresh`) after each check instead of pushing, unless
///   `initializationOptions.diagnostics` says `push` or `both`.
/// - A malformed message gets a JSON-RPC error response and the server goes on.
public final class LanguageServer: @unchecked Sendable {
    private let framing: MessageFraming
    private let queue = DispatchQueue(label: "concord.lsp.work")
    private let lock = NSLock()

    // Shared with the reader thread (under `lock`).
    private var cancelled = Set<RequestID>()
    private var latestVersion: [String: Int] = [:]
    private var shutdownRequested = false

    // Work-queue state.
    private var workspace: Workspace?
    private var initialized = false
    private var checkToken = 0
    private var debounce: DispatchTimeInterval
    private var push = true
    private var pullRefresh = false
    private var nextRequestID = 0

    public init(input: FileHandle, output: FileHandle, debounceMilliseconds: Int = 10) {
        framing = MessageFraming(input: input, output: output)
        debounce = .milliseconds(debounceMilliseconds)
    }

    /// Serves until `exit` or the end of the input; returns the exit code (0 after `shutdown`).
    public func run() -> Int32 {
        while true {
            switch framing.read() {
            case .endOfInput:
                queue.sync {}
                return locked { shutdownRequested } ? 0 : 1
            case .badHeader(let header):
                framing.write(OutgoingMessage.error(id: nil, ResponseError(
                    code: ErrorCode.parseError, message: "a message header needs a Content-Length: \(header.prefix(80))")))
            case .message(let body):
                switch IncomingMessage.parse(body) {
                case .failure(let error):
                    framing.write(OutgoingMessage.error(id: nil, error))
                case .success(let message):
                    if message.method == "exit" {
                        queue.sync {}
                        return locked { shutdownRequested } ? 0 : 1
                    }
                    if note(message) { continue }
                    queue.async { self.handle(message) }
                }
            }
        }
    }

    /// What the reader thread handles itself: cancellations, and the newest version of each
    /// document. Returns true when the message needs no more handling.
    private func note(_ message: IncomingMessage) -> Bool {
        if message.method == "$/cancelRequest" {
            if let params = try? message.params?.decode(CancelParams.self) { locked { _ = cancelled.insert(params.id) } }
            return true
        }
        if message.method == "textDocument/didChange",
           let document = message.params?["textDocument"], let uri = document["uri"]?.stringValue,
           let version = document["version"]?.numberValue {
            locked { latestVersion[uri] = Int(version) }
        }
        return false
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    // MARK: Dispatch (work queue)

    private func handle(_ message: IncomingMessage) {
        guard let method = message.method else { return }   // a response to the server's request
        guard let id = message.id else {
            if initialized { notification(method, message.params) }
            return
        }
        if locked({ cancelled.remove(id) }) != nil {
            framing.write(OutgoingMessage.error(id: id, ResponseError(code: ErrorCode.requestCancelled, message: "cancelled")))
            return
        }
        do {
            let result = try request(method, message.params)
            framing.write(OutgoingMessage.response(id: id, result: result))
        } catch let error as ResponseError {
            framing.write(OutgoingMessage.error(id: id, error))
        } catch {
            framing.write(OutgoingMessage.error(id: id, ResponseError(code: ErrorCode.invalidParams, message: "invalid parameters: \(error)")))
        }
    }

    private func request(_ method: String, _ params: JSONValue?) throws -> JSONValue {
        if method == "initialize" { return try initialize(decode(params)) }
        guard initialized else { throw ResponseError(code: ErrorCode.serverNotInitialized, message: "initialize first") }
        if locked({ shutdownRequested }) {
            throw ResponseError(code: ErrorCode.invalidRequest, message: "the server is shutting down")
        }
        switch method {
        case "shutdown":
            locked { shutdownRequested = true }
            return .null
        case "textDocument/diagnostic":
            let p: DocumentDiagnosticParams = try decode(params)
            freshen()
            let items = FileURI.path(p.textDocument.uri).map { workspace?.lspDiagnostics(for: $0) ?? [] } ?? []
            return try .encoding(DocumentDiagnosticReport(kind: "full", resultId: resultID, items: items))
        case "workspace/diagnostic":
            freshen()
            guard let workspace else { return try .encoding(WorkspaceDiagnosticReport(items: [])) }
            let paths = Set(workspace.filesWithDiagnostics).union(workspace.documents.keys).sorted()
            let items = paths.map { path in
                WorkspaceDocumentDiagnosticReport(kind: "full", resultId: resultID, uri: workspace.uri(for: path),
                                                  version: workspace.documents[path]?.version,
                                                  items: workspace.lspDiagnostics(for: path))
            }
            return try .encoding(WorkspaceDiagnosticReport(items: items))
        case "textDocument/hover":
            let p: TextDocumentPositionParams = try decode(params)
            freshen()
            return try workspace?.hover(p.textDocument.uri, p.position).map { try .encoding($0) } ?? .null
        case "textDocument/definition":
            let p: TextDocumentPositionParams = try decode(params)
            freshen()
            return try .encoding(workspace?.definition(p.textDocument.uri, p.position) ?? [])
        case "textDocument/references":
            let p: ReferenceParams = try decode(params)
            freshen()
            return try .encoding(workspace?.references(p.textDocument.uri, p.position,
                                                       includeDeclaration: p.context?.includeDeclaration ?? true) ?? [])
        case "textDocument/completion":
            let p: TextDocumentPositionParams = try decode(params)
            freshen()
            return try .encoding(CompletionList(isIncomplete: false, items: workspace?.completion(p.textDocument.uri, p.position) ?? []))
        case "textDocument/codeAction":
            let p: CodeActionParams = try decode(params)
            freshen()
            return try .encoding(workspace?.codeActions(p.textDocument.uri, p.range, only: p.context.only) ?? [])
        default:
            throw ResponseError(code: ErrorCode.methodNotFound, message: "unknown method \(method)")
        }
    }

    private func notification(_ method: String, _ params: JSONValue?) {
        do {
            switch method {
            case "initialized":
                if let live = workspace?.live {
                    log("concord: project \(live.project.root), \(live.datasetFiles.count) dataset files, \(live.ruleSet.count) rules")
                }
                runCheck()
            case "textDocument/didOpen":
                let p: DidOpenTextDocumentParams = try decode(params)
                workspace?.open(uri: p.textDocument.uri, version: p.textDocument.version, text: p.textDocument.text)
                if workspace == nil { return }
                scheduleCheck()
            case "textDocument/didChange":
                let p: DidChangeTextDocumentParams = try decode(params)
                workspace?.change(uri: p.textDocument.uri, version: p.textDocument.version, changes: p.contentChanges)
                scheduleCheck()
            case "textDocument/didClose":
                let p: DidCloseTextDocumentParams = try decode(params)
                workspace?.close(uri: p.textDocument.uri)
                scheduleCheck()
            case "workspace/didChangeWatchedFiles":
                let p: DidChangeWatchedFilesParams = try decode(params)
                workspace?.filesChanged(p.changes.map(\.uri))
                scheduleCheck()
            default:
                break   // didSave (the open text is what counts), $/setTrace, unknown notifications
            }
        } catch {
            log("concord: ignored \(method): invalid parameters (\(error))", type: MessageType.warning)
        }
    }

    private func initialize(_ params: InitializeParams) throws -> JSONValue {
        let encoding = PositionEncoding.negotiate(params.capabilities?.general?.positionEncodings)
        let root = params.workspaceFolders?.first.flatMap { FileURI.path($0.uri) }
            ?? params.rootUri.flatMap(FileURI.path) ?? params.rootPath
        if let ms = params.initializationOptions?["debounceMilliseconds"]?.numberValue {
            debounce = .milliseconds(max(0, Int(ms)))
        }
        // A client that pulls and can be asked to pull again is not pushed to.
        let pulls = params.capabilities?.textDocument?.diagnostic != nil
            && params.capabilities?.workspace?.diagnostics?.refreshSupport == true
        switch params.initializationOptions?["diagnostics"]?.stringValue {
        case "push"?: push = true; pullRefresh = false
        case "pull"?: push = false; pullRefresh = true
        case "both"?: push = true; pullRefresh = false
        default: push = !pulls; pullRefresh = pulls
        }
        workspace = Workspace(root: root, encoding: encoding)
        initialized = true
        let result = InitializeResult(
            capabilities: ServerCapabilities(positionEncoding: encoding.rawValue),
            serverInfo: .init(name: "concord", version: ConcordVersion.current))
        return try .encoding(result)
    }

    // MARK: Checking

    private func scheduleCheck() {
        checkToken += 1
        let token = checkToken
        queue.asyncAfter(deadline: .now() + debounce) { [self] in
            guard token == checkToken else { return }   // a newer change supersedes this one
            runCheck()
        }
    }

    /// Checks now if anything changed (before answering a request that reads the results).
    private func freshen() {
        if workspace?.isDirty == true { runCheck() }
    }

    private func runCheck() {
        // Checked in place (no copy held): a copy of the workspace would copy the live check's
        // caches on their first change.
        guard workspace?.isDirty == true || workspace?.generation == 0 else { return }
        let publishes = workspace?.check() ?? []
        if pullRefresh {
            nextRequestID += 1
            framing.write(OutgoingMessage.request(id: .string("concord-\(nextRequestID)"),
                                                  method: "workspace/diagnostic/refresh", params: .null))
        }
        guard push else { return }
        let newest = locked { latestVersion }
        for p in publishes {
            if let version = p.version, let latest = newest[p.uri], latest > version { continue }
            if let message = try? JSONValue.encoding(p) {
                framing.write(OutgoingMessage.notification("textDocument/publishDiagnostics", params: message))
            }
        }
    }

    private var resultID: String { "\(workspace?.generation ?? 0)" }

    private func log(_ message: String, type: Int = MessageType.info) {
        if let params = try? JSONValue.encoding(LogMessageParams(type: type, message: message)) {
            framing.write(OutgoingMessage.notification("window/logMessage", params: params))
        }
    }

    private func decode<T: Decodable>(_ params: JSONValue?) throws -> T {
        do {
            return try (params ?? .null).decode(T.self)
        } catch {
            throw ResponseError(code: ErrorCode.invalidParams, message: "invalid parameters for \(T.self)")
        }
    }
}
