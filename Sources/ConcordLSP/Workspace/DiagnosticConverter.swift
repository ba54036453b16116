import ConcordDiagnostics
import ConcordRules
import Foundation

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

    /// A rule of a rule file links to its definition (`file:///…/Rules/x.yaml#L12`); a built-in
    /// check links to its section of Concord's `docs/checks.md` (`#yaml-syntax`) when Concord
    /// runs from its source tree, where that page is; otherwise it carries none.
    func codeDescription(_ ruleID: String) -> LSPDiagnostic.CodeDescription? {
        if let at = definitions[ruleID] {
            let line = at.range.map { "#L\($0.start.line)" } ?? ""
            return LSPDiagnostic.CodeDescription(href: FileURI.uri(at.file) + line)
        }
        guard let page = Self.checksPage, RuleRegistry.builtIn.contains(where: { $0.id == ruleID }) else { return nil }
        return LSPDiagnostic.CodeDescription(href: FileURI.uri(page) + "#" + ruleID)
    }

    /// `docs/checks.md` in the source tree Concord was built from, when it is there.
    static let checksPage: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let page = root.appendingPathComponent(BuiltInChecksPage.path).path
        return FileManager.default.fileExists(atPath: page) ? page : nil
    }()
}
