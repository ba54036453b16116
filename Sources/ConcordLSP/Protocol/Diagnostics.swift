/// Diagnostics: pushed (`textDocument/publishDiagnostics`) and pulled
/// (`textDocument/diagnostic`, `workspace/diagnostic`).
public struct LSPDiagnostic: Codable, Hashable, Sendable {
    public struct CodeDescription: Codable, Hashable, Sendable {
        public var href: String
    }
    public struct RelatedInformation: Codable, Hashable, Sendable {
        public var location: Location
        public var message: String
    }

    public var range: Range
    /// 1 error, 2 warning, 3 information, 4 hint.
    public var severity: Int
    public var code: String
    public var codeDescription: CodeDescription?
    public var source = "concord"
    public var message: String
    public var tags: [Int]?
    public var relatedInformation: [RelatedInformation]?
    /// The rule id and the concord range, for code actions sent back by the client.
    public var data: JSONValue?

    public static let unnecessaryTag = 1
}

public struct PublishDiagnosticsParams: Codable, Sendable {
    public var uri: String
    public var version: Int?
    public var diagnostics: [LSPDiagnostic]
}

public struct DocumentDiagnosticParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var previousResultId: String?
}

/// A full document diagnostic report (`kind: "full"`) or an unchanged one.
public struct DocumentDiagnosticReport: Codable, Sendable {
    public var kind: String
    public var resultId: String?
    public var items: [LSPDiagnostic]?
}

public struct WorkspaceDiagnosticParams: Codable, Sendable {
    public struct PreviousResultId: Codable, Sendable {
        public var uri: String
        public var value: String
    }
    public var previousResultIds: [PreviousResultId]?
}

public struct WorkspaceDocumentDiagnosticReport: Codable, Sendable {
    public var kind: String
    public var resultId: String?
    public var uri: String
    public var version: Int?
    public var items: [LSPDiagnostic]?
}

public struct WorkspaceDiagnosticReport: Codable, Sendable {
    public var items: [WorkspaceDocumentDiagnosticReport]
}
