/// `initialize`: what the client offers and what the server can do.
public struct InitializeParams: Codable, Sendable {
    public var processId: Int?
    public var rootUri: String?
    public var rootPath: String?
    public var workspaceFolders: [WorkspaceFolder]?
    public var capabilities: ClientCapabilities?
    public var initializationOptions: JSONValue?
}

public struct WorkspaceFolder: Codable, Sendable {
    public var uri: String
    public var name: String?
}

public struct ClientCapabilities: Codable, Sendable {
    public struct General: Codable, Sendable {
        public var positionEncodings: [String]?
    }
    public struct TextDocument: Codable, Sendable {
        public struct Diagnostic: Codable, Sendable {
            public var dynamicRegistration: Bool?
        }
        public struct PublishDiagnostics: Codable, Sendable {
            public var versionSupport: Bool?
        }
        public var diagnostic: Diagnostic?
        public var publishDiagnostics: PublishDiagnostics?
    }
    public struct Workspace: Codable, Sendable {
        public struct Diagnostics: Codable, Sendable {
            public var refreshSupport: Bool?
        }
        public var diagnostics: Diagnostics?
    }
    public var general: General?
    public var textDocument: TextDocument?
    public var workspace: Workspace?
}

public struct InitializeResult: Codable, Sendable {
    public var capabilities: ServerCapabilities
    public var serverInfo: ServerInfo

    public struct ServerInfo: Codable, Sendable {
        public var name: String
        public var version: String
    }
}

public struct ServerCapabilities: Codable, Sendable {
    public struct TextDocumentSync: Codable, Sendable {
        public var openClose = true
        /// 2: incremental changes.
        public var change = 2
        public var save = SaveOptions()
    }
    public struct SaveOptions: Codable, Sendable {
        public var includeText = false
    }
    public struct DiagnosticOptions: Codable, Sendable {
        public var identifier = "concord"
        public var interFileDependencies = true
        public var workspaceDiagnostics = true
    }
    public struct CompletionOptions: Codable, Sendable {
        public var triggerCharacters = [" ", ":"]
    }
    public struct CodeActionOptions: Codable, Sendable {
        public var codeActionKinds = [CodeActionKind.quickFix, CodeActionKind.fixAll]
    }

    public var positionEncoding: String
    public var textDocumentSync = TextDocumentSync()
    public var diagnosticProvider: DiagnosticOptions? = DiagnosticOptions()
    public var hoverProvider = true
    public var definitionProvider = true
    public var referencesProvider = true
    public var completionProvider = CompletionOptions()
    public var codeActionProvider = CodeActionOptions()
}
