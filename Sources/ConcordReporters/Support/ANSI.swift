import ConcordDiagnostics

/// ANSI styling that is a no-op when colour is off.
struct ANSI {
    let enabled: Bool

    func paint(_ text: String, _ code: String) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[" + code + "m" + text + "\u{1B}[0m"
    }

    func bold(_ text: String) -> String { paint(text, "1") }
    func gutter(_ text: String) -> String { paint(text, "1;34") }
    func note(_ text: String) -> String { paint(text, "1;32") }
    func help(_ text: String) -> String { paint(text, "1;36") }

    func severity(_ severity: Severity, _ text: String) -> String {
        paint(text, ANSI.code(for: severity))
    }

    static func code(for severity: Severity) -> String {
        switch severity {
        case .error: return "1;31"
        case .warning: return "1;33"
        case .info: return "1;36"
        }
    }
}
