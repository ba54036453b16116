import ConcordDiagnostics
import ConcordRules

/// Turns Concord's diagnostics into the protocol's: rule id as `code`, a link to the rule's
/// definition as `codeDescription`, blame's related places as `relatedInformation`,
/// `Unnecessary` for unused suppressions, positions in the negotiated encoding.
struct DiagnosticConverter {
    let workspace: Workspace
    let definitions: [String: SourceLocation]

    init(workspace: Workspace) {
        self.workspace = workspace
        var definitions: [String: SourceLocation] = [:]
        for d in workspace.live?.ruleSet.descriptors ?? [] {
            if let at = d.definedAt { definitions[d.id] = at }
        }
        self.definitions = definitions
    }

    func convert(_ d: Diagnostic) -> LSPDiagnostic {
        let related = d.related.map { r in
            LSPDiagnostic.RelatedInformation(
                location: Location(uri: workspace.uri(for: r.location.file),
                                   range: workspace.range(r.location.range, in: r.location.file)),
                message: r.message)
        }
        var message = d.message
        if let help = d.help { message += "\n" + help }
        return LSPDiagnostic(
            range: workspace.range(d.location.range, in: d.location.file),
            severity: Self.severity(d.severity),
            code: d.ruleID,
            codeDescription: codeDescription(d.ruleID),
            message: message,
            tags: d.ruleID == GateRules.unusedSuppression.id ? [LSPDiagnostic.unnecessaryTag] : nil,
            relatedInformation: related.isEmpty ? nil : related,
            data: .object(["ruleID": .string(d.ruleID)]))
    }

    static func severity(_ s: Severity) -> Int {
        switch s {
        case .error: return 1
        case .warning: return 2
        case .info: return 3
        }
    }

    /// A rule of a rule file links to its definition (`file:///…/Rules/x.yaml#L12`); Concord's
    /// built-in checks have no file to link to and carry none.
    func codeDescription(_ ruleID: String) -> LSPDiagnostic.CodeDescription? {
        guard let at = definitions[ruleID] else { return nil }
        let line = at.range.map { "#L\($0.start.line)" } ?? ""
        return LSPDiagnostic.CodeDescription(href: FileURI.uri(at.file) + line)
    }
}
