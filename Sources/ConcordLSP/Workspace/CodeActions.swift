import ConcordDiagnostics
import ConcordRules

extension Workspace {
    /// The words a suppression added by the quick fix gives as its reason, for the user to
    /// replace.
    static let suppressionReason = "reason"

    /// "Suppress with `# concord-ignore: RULE-ID reason`" for each diagnostic on the range
    /// (on the diagnostic's line; alone on the line above when the line already has a
    /// comment), and a quick fix removing an unused suppression.
    public func codeActions(_ uri: String, _ range: Range, only: [String]?) -> [CodeAction] {
        guard let path = FileURI.path(uri) else { return [] }
        if let only, !only.contains(where: { CodeActionKind.quickFix.hasPrefix($0) || $0.hasPrefix(CodeActionKind.quickFix) }) {
            return []
        }
        let text = lines(of: path)
        let first = text.sourcePosition(range.start, encoding: encoding).line
        let last = text.sourcePosition(range.end, encoding: encoding).line
        let converter = DiagnosticConverter(workspace: self)
        var actions: [CodeAction] = []
        var seen = Set<String>()
        for d in diagnostics[path] ?? [] {
            guard let r = d.location.range, r.start.line <= last, r.end.line >= first || r.start.line >= first else { continue }
            let lsp = converter.convert(d)
            if d.ruleID == Suppressions.unused.id {
                // A comment naming several rules is left to the user.
                let comment = String(text.line(r.start.line - 1).unicodeScalars.dropFirst(r.start.column - 1))
                guard !comment.contains(",") else { continue }
                actions.append(CodeAction(title: "Remove the unused suppression", kind: CodeActionKind.quickFix,
                                          diagnostics: [lsp], isPreferred: true,
                                          edit: WorkspaceEdit(changes: [self.uri(for: path): [removal(of: r, in: text)]])))
                continue
            }
            guard seen.insert("\(r.start.line)|\(d.ruleID)").inserted else { continue }
            actions.append(CodeAction(
                title: "Suppress with # concord-ignore: \(d.ruleID) \(Self.suppressionReason)",
                kind: CodeActionKind.quickFix, diagnostics: [lsp], isPreferred: false,
                edit: WorkspaceEdit(changes: [self.uri(for: path): [suppression(d.ruleID, line: r.start.line, in: text)]])))
        }
        return actions
    }

    private func suppression(_ ruleID: String, line: Int, in text: TextLines) -> TextEdit {
        let content = text.line(line - 1)
        let comment = "# \(Suppressions.marker) \(ruleID) \(Self.suppressionReason)"
        if !content.contains("#") {
            let end = text.position(line: line, column: content.unicodeScalars.count + 1, encoding: encoding)
            return TextEdit(range: Range(start: end, end: end), newText: " " + comment)
        }
        let indent = String(content.prefix { $0 == " " })
        let start = Position(line: line - 1, character: 0)
        return TextEdit(range: Range(start: start, end: start), newText: indent + comment + "\n")
    }

    /// Removes a suppression comment (and the blanks before it; the whole line when the
    /// comment is alone on it).
    private func removal(of r: SourceRange, in text: TextLines) -> TextEdit {
        let content = Array(text.line(r.start.line - 1).unicodeScalars)
        var from = r.start.column - 1
        while from > 0, content[from - 1] == " " || content[from - 1] == "\t" { from -= 1 }
        if from == 0 {
            return TextEdit(range: Range(start: Position(line: r.start.line - 1, character: 0),
                                         end: Position(line: r.start.line, character: 0)), newText: "")
        }
        return TextEdit(range: Range(start: text.position(line: r.start.line, column: from + 1, encoding: encoding),
                                     end: text.position(line: r.end.line, column: r.end.column, encoding: encoding)),
                        newText: "")
    }
}
