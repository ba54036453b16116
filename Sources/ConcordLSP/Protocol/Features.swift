/// Hover, navigation, completion and code actions.
public struct Hover: Codable, Sendable {
    public var contents: MarkupContent
    public var range: Range?
}

public struct ReferenceParams: Codable, Sendable {
    public struct Context: Codable, Sendable {
        public var includeDeclaration: Bool
    }
    public var textDocument: TextDocumentIdentifier
    public var position: Position
    public var context: Context?
}

public struct CompletionItem: Codable, Sendable, Equatable {
    public var label: String
    /// 6 variable (an id), 10 property (a key), 12 value.
    public var kind: Int?
    public var detail: String?
    public var insertText: String?

    public static let propertyKind = 10, valueKind = 12
}

public struct CompletionList: Codable, Sendable {
    public var isIncomplete: Bool
    public var items: [CompletionItem]
}

public enum CodeActionKind {
    public static let quickFix = "quickfix"
    public static let fixAll = "source.fixAll.concord"
}

public struct CodeActionParams: Codable, Sendable {
    public struct Context: Codable, Sendable {
        public var diagnostics: [LSPDiagnostic]
        public var only: [String]?
    }
    public var textDocument: TextDocumentIdentifier
    public var range: Range
    public var context: Context
}

public struct WorkspaceEdit: Codable, Sendable {
    public var changes: [String: [TextEdit]]
}

public struct CodeAction: Codable, Sendable {
    public var title: String
    public var kind: String
    public var diagnostics: [LSPDiagnostic]?
    public var isPreferred: Bool?
    public var edit: WorkspaceEdit
}
