import ConcordDiagnostics
import ConcordRules

extension Workspace {
    /// The words a suppression added by the quick fix gives as its reason, for the user to
    /// replace.
    static let suppressionReason = "reason"

    /// For each diagnostic on the range: its fixes (issue 12) as quick fixes, and "Suppress
    /// with `# concord-ignore: RULE-ID reason`" (on the diagnostic's line; alone on the line
    /// above when the line already has a comment). Asked for `source.fixAll.concord`: every
    /// safe fix of the file at once.
    public func codeActions(_ uri: String, _ range: Range, only: [String]?) -> [CodeAction] {
        guard let path = FileURI.path(uri) else { return [] }
        func wanted(_ kind: String) -> Bool { only.map { $0.contains { kind == $0 || kind.hasPrefix($0 + ".") } } ?? true }
        var actions: [CodeAction] = []
        if only != nil, wanted(CodeActionKind.fixAll), let fixAll = fixAll(path) { actions.append(fixAll) }
        guard wanted(CodeActionKind.quickFix) else { return actions }
        let text = lines(of: path)
        let first = text.sourcePosition(range.start, encoding: encoding).line
        let last = text.sourcePosition(range.end, encoding: encoding).line
        let converter = DiagnosticConverter(workspace: self)
        var seen = Set<String>()
        for d in diagnostics[path] ?? [] {
            guard let r = d.location.range, r.start.line <= last, r.end.line >= first || r.start.line >= first else { continue }
            let lsp = converter.convert(d)
            // The rule's own fixes first (issue 12), then the suppression.
            for fix in d.fixes {
                actions.append(CodeAction(title: fix.description, kind: CodeActionKind.quickFix, diagnostics: [lsp],
                                          isPreferred: fix.applicability == .safe && d.fixes.count == 1,
                                          edit: workspaceEdit(fix.edits)))
            }
            if d.ruleID == GateRules.unusedSuppression.id { continue }   // its fix removes it
            guard seen.insert("\(r.start.line)|\(d.ruleID)").inserted else { continue }
            actions.append(CodeAction(
                title: "Suppress with # concord-ignore: \(d.ruleID) \(Self.suppressionReason)",
                kind: CodeActionKind.quickFix, diagnostics: [lsp], isPreferred: false,
                edit: WorkspaceEdit(changes: [self.uri(for: path): [suppression(d.ruleID, line: r.start.line, in: text)]])))
        }
        return actions
    }

    /// `source.fixAll.concord`: every safe fix of the file's diagnostics that does not overlap
    /// another, as one edit of the file.
    func fixAll(_ path: String) -> CodeAction? {
        let safe = (diagnostics[path] ?? []).flatMap(\.fixes).filter { $0.applicability == .safe && $0.files == [path] }
        let original = lines(of: path).text
        guard !safe.isEmpty, let fixed = FixApplier.apply(safe, to: [path: Array(original.utf8)]).texts[path] else { return nil }
        let text = lines(of: path)
        let end = text.position(line: text.lineCount, column: text.line(text.lineCount - 1).unicodeScalars.count + 1, encoding: encoding)
        let edit = TextEdit(range: Range(start: Position(line: 0, character: 0), end: end),
                            newText: String(decoding: fixed, as: UTF8.self))
        return CodeAction(title: "Apply every safe Concord fix", kind: CodeActionKind.fixAll, diagnostics: nil,
                          isPreferred: nil, edit: WorkspaceEdit(changes: [uri(for: path): [edit]]))
    }

    /// A fix's edits (Concord positions, in the text the check saw) as a workspace edit.
    private func workspaceEdit(_ edits: [ConcordDiagnostics.TextEdit]) -> WorkspaceEdit {
        var changes: [String: [TextEdit]] = [:]
        for edit in edits {
            changes[uri(for: edit.file), default: []].append(
                TextEdit(range: range(edit.range, in: edit.file), newText: edit.newText))
        }
        return WorkspaceEdit(changes: changes)
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
}
