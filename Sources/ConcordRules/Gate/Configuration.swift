import ConcordDiagnostics
import ConcordSupport
import ConcordYAML
import Foundation

/// `.concord.yaml`: where the dataset and the rules are, severity overrides per rule and per
/// path, and defaults for the command line. Found upward from the current folder; paths in it
/// are relative to its folder. Loaded with the positioned loader, so its errors have positions.
public struct Configuration: Sendable {
    public static let fileName = ".concord.yaml"

    /// The folder the configuration file is in (absolute).
    public var directory: String
    public var file: String?
    /// The entries of `datasets:`: plain paths and mounts (see `DatasetMount`).
    public var mounts: [DatasetMount] = [DatasetMount(path: "Datasets")]
    /// The paths of every entry of `datasets:`, plain or mounted.
    public var datasets: [String] { mounts.map(\.path) }
    public var rules: [String] = ["Rules"]
    /// `format:`: the output format when `--format` is not given.
    public var format: FormatChoice?
    /// `fail-on:`: the threshold when `--fail-on` is not given.
    public var failOn: FailOn?
    /// Rule id → severity, or nil for `off`.
    public var severity: [String: Severity?] = [:]
    public var overrides: [PathOverride] = []
    /// `ratchet: true`: with a base revision, violations already present there on unchanged
    /// records do not fail the gate (see `Ratchet`).
    public var ratchet = false
    /// `cost-budget`: the largest estimated worst-case cost of a rule expression.
    public var costBudget: Int?
    /// `max-list-size`: the size the cost estimate assumes for lists and strings of unknown size.
    public var maxListSize: Int?

    public struct PathOverride: Sendable {
        /// Glob patterns relative to the configuration's folder (`*`, `?`, `**`).
        public var files: [String]
        public var severity: [String: Severity?]
    }

    public static let fields = ["datasets", "rules", "format", "fail-on", "severity", "overrides", "ratchet", "cost-budget",
                                "max-list-size"]

    /// The defaults when there is no configuration file: `Datasets/` and `Rules/` of `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The nearest `.concord.yaml` in `directory` or above it.
    public static func find(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = url.appendingPathComponent(fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// Loads a configuration file; errors are positioned diagnostics.
    /// `text`, when given, is read instead of the file (an editor's unsaved text).
    public static func load(_ path: String, text: String? = nil) -> (Configuration, [Diagnostic]) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        var config = Configuration(directory: directory)
        config.file = path
        let result = text.map { YAMLLoader().load(text: $0, file: path) } ?? YAMLLoader().load(path: path)
        var diagnostics = result.diagnostics.filter { $0.severity == .error }
        guard let root = result.documents.first?.root else { return (config, diagnostics) }
        guard root.mapping != nil else {
            if root.scalarValue != .null { diagnostics.append(invalid("the configuration must be a mapping", root)) }
            return (config, diagnostics)
        }
        let reader = MappingReader(root, context: "the configuration", allowed: fields, diagnostics: &diagnostics)
        diagnostics = diagnostics.map { d in
            var d = d
            if d.ruleID == RuleFileRules.unknownField.id { d.ruleID = ConfigurationRules.configInvalid.id }
            return d
        }
        if let node = reader.node("datasets") { config.mounts = DatasetMountReader.mounts(node, &diagnostics) }
        if let node = reader.node("rules") { config.rules = strings(node, "rules", &diagnostics) }
        if let node = reader.node("ratchet") {
            if case .bool(let b)? = node.scalarValue { config.ratchet = b } else {
                diagnostics.append(invalid("`ratchet` must be true or false", node))
            }
        }
        if let node = reader.node("format") {
            if let choice = node.stringValue.flatMap(FormatChoice.init(rawValue:)) { config.format = choice } else {
                diagnostics.append(invalid(Message.format(node.scalarText ?? ""), node))
            }
        }
        if let node = reader.node("fail-on") {
            if let threshold = node.stringValue.flatMap(FailOn.init(rawValue:)) { config.failOn = threshold } else {
                diagnostics.append(invalid(Message.failOn, node))
            }
        }
        for (field, path) in [("cost-budget", \Configuration.costBudget), ("max-list-size", \Configuration.maxListSize)] {
            guard let node = reader.node(field) else { continue }
            if case .int(let n)? = node.scalarValue, n > 0 { config[keyPath: path] = Int(n) } else {
                diagnostics.append(invalid("`\(field)` must be a positive integer", node))
            }
        }
        if let node = reader.node("severity") { config.severity = severities(node, &diagnostics) }
        if let node = reader.node("overrides") {
            if let items = node.sequence {
                for item in items {
                    guard item.mapping != nil else {
                        diagnostics.append(invalid("an override is a mapping with `files` and `severity`", item))
                        continue
                    }
                    let o = MappingReader(item, context: "an override", allowed: ["files", "severity"], diagnostics: &diagnostics)
                    let files = o.node("files").map { strings($0, "files", &diagnostics) } ?? []
                    if files.isEmpty { diagnostics.append(invalid("an override needs `files`", item)) }
                    let sev = o.node("severity").map { severities($0, &diagnostics) } ?? [:]
                    config.overrides.append(PathOverride(files: files, severity: sev))
                }
            } else {
                diagnostics.append(invalid("`overrides` must be a list", node))
            }
        }
        return (config, diagnostics)
    }

    private static func strings(_ node: YAMLNode, _ field: String, _ diagnostics: inout [Diagnostic]) -> [String] {
        if let s = node.stringValue { return [s] }
        guard let items = node.sequence else {
            diagnostics.append(invalid("`\(field)` must be a path or a list of paths", node))
            return []
        }
        return items.compactMap { item in
            if let s = item.stringValue { return s }
            diagnostics.append(invalid("`\(field)` entries must be strings", item))
            return nil
        }
    }

    private static func severities(_ node: YAMLNode, _ diagnostics: inout [Diagnostic]) -> [String: Severity?] {
        guard let pairs = node.mapping else {
            diagnostics.append(invalid("`severity` must map rule ids to error, warning, info or off", node))
            return [:]
        }
        var out: [String: Severity?] = [:]
        for pair in pairs {
            guard let id = pair.key.stringValue else { continue }
            let text = pair.value.scalarText ?? ""
            if text == "off" || pair.value.scalarValue == .bool(false) {
                out[id] = .some(nil)
            } else if let s = Severity(rawValue: text) {
                out[id] = .some(s)
            } else {
                diagnostics.append(invalid("severity of `\(id)` must be error, warning, info or off, not `\(text)`", pair.value))
            }
        }
        return out
    }

    static func invalid(_ message: String, _ node: YAMLNode) -> Diagnostic {
        ConfigurationRules.configInvalid.diagnostic(at: node.location, message: message)
    }

    enum Message {
        /// An unknown `format:` value, with the closest known one.
        static func format(_ given: String) -> String {
            let names = FormatChoice.allCases.map(\.rawValue)
            let suggestion = Suggestions.closest(to: given, among: names)
            return "`format` must be one of " + names.joined(separator: ", ")
                + (suggestion.map { "; did you mean `\($0)`?" } ?? "")
        }
        static let failOn = "`fail-on` must be " + FailOn.allCases.map(\.rawValue).dropLast().joined(separator: ", ")
            + " or " + (FailOn.allCases.last?.rawValue ?? "")
    }

    // MARK: Applying

    /// Paths of the configuration resolved against its folder.
    public func resolve(_ path: String) -> String {
        RelativePath.resolved(path, against: directory)
    }

    /// Applies the per-rule and per-path severity overrides (`off` drops the diagnostic).
    /// `absolutePath` turns a diagnostic's file into an absolute path.
    public func applySeverities(_ diagnostics: [Diagnostic], absolutePath: (String) -> String) -> [Diagnostic] {
        guard !severity.isEmpty || !overrides.isEmpty else { return diagnostics }
        return diagnostics.compactMap { d in
            var d = d
            var level: Severity?? = severity[d.ruleID]
            let path = absolutePath(d.location.file)
            for o in overrides where o.files.contains(where: { Glob.matches(resolve($0), path) }) {
                if let s = o.severity[d.ruleID] { level = s }
            }
            switch level {
            case .none: return d
            case .some(.none): return nil
            case .some(.some(let s)):
                d.severity = s
                return d
            }
        }
    }
}

/// Glob matching for paths: `*` and `?` within one path segment, `**` across segments.
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        var matcher = Matcher(pattern: Array(pattern.unicodeScalars), path: Array(path.unicodeScalars))
        return matcher.match(0, 0)
    }

    /// Backtracking over stars, remembering the (pattern, path) positions already known not to
    /// match: each pair is tried once, so a pattern full of stars costs at most
    /// pattern × path² steps instead of exponential time (the `config` fuzzer found a
    /// `.concord.yaml` with `/***…?**` that never finished).
    private struct Matcher {
        let p: [Unicode.Scalar]
        let s: [Unicode.Scalar]
        var failed: [Bool]

        init(pattern: [Unicode.Scalar], path: [Unicode.Scalar]) {
            p = pattern
            s = path
            failed = Array(repeating: false, count: (pattern.count + 1) * (path.count + 1))
        }

        mutating func match(_ i: Int, _ j: Int) -> Bool {
            let key = i * (s.count + 1) + j
            if failed[key] { return false }
            if tryMatch(i, j) { return true }
            failed[key] = true
            return false
        }

        private mutating func tryMatch(_ i: Int, _ j: Int) -> Bool {
            if i == p.count { return j == s.count }
            if p[i] == "*" {
                if i + 1 < p.count, p[i + 1] == "*" {
                    // `**/` matches zero or more whole segments; `**` at the end matches the rest.
                    var next = i + 2
                    if next < p.count, p[next] == "/" { next += 1 }
                    var k = j
                    while true {
                        if match(next, k) { return true }
                        if k == s.count { return false }
                        k += 1
                    }
                }
                var k = j
                while true {
                    if match(i + 1, k) { return true }
                    if k == s.count || s[k] == "/" { return false }
                    k += 1
                }
            }
            guard j < s.count else { return false }
            if p[i] == "?" { return s[j] != "/" && match(i + 1, j + 1) }
            return p[i] == s[j] && match(i + 1, j + 1)
        }
    }
}
