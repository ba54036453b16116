import ConcordDiagnostics
import ConcordYAML

/// Reads `datasets:` of `.concord.yaml`: a path, or a list whose entries are paths or mounts
/// `{path, as, kind}`. Every problem is a `config-invalid` diagnostic at its place in the file.
enum DatasetMountReader {
    static let fields = ["path", "as", "kind"]

    enum Message {
        static let notAList = "`datasets` must be a path or a list of paths and mounts `{path, as, kind}`"
        static let badEntry = "an entry of `datasets` is a path or a mount `{path, as, kind}`"
        static let missingPath = "a mount needs `path`: a file, a folder or a glob"
        static let pathNotString = "`path` must be a string: a file, a folder or a glob"
        static func badName(_ name: String) -> String {
            "`as` must be a name (letters, digits, `_` or `-`, not starting with a digit), not `\(name)`"
        }
        static let kindWithoutAs = "`kind` needs `as`: the top-level key the files are mounted at"
        static func badKind(_ text: String, suggestion: String?) -> String {
            "`kind` must be `list` or `map`, not `\(text)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")
        }
        static func conflictingKinds(_ key: String) -> String {
            "`\(key)` is mounted as a list in one entry and as a map in another"
        }
        static let otherMount = "mounted here"
    }

    static func mounts(_ node: YAMLNode, _ diagnostics: inout [Diagnostic]) -> [DatasetMount] {
        if node.stringValue != nil { return entry(node, &diagnostics).map { [$0] } ?? [] }
        guard let items = node.sequence else {
            diagnostics.append(Configuration.invalid(Message.notAList, node))
            return []
        }
        var mounts: [DatasetMount] = []
        var kinds: [String: DatasetMount] = [:]
        for item in items {
            guard let mount = entry(item, &diagnostics) else { continue }
            if let key = mount.key {
                if let other = kinds[key], other.kind != mount.kind {
                    var d = Configuration.invalid(Message.conflictingKinds(key), item)
                    if let place = other.location { d.related = [RelatedLocation(location: place, message: Message.otherMount)] }
                    diagnostics.append(d)
                    continue
                }
                kinds[key] = kinds[key] ?? mount
            }
            mounts.append(mount)
        }
        return mounts
    }

    private static func entry(_ item: YAMLNode, _ diagnostics: inout [Diagnostic]) -> DatasetMount? {
        if let path = item.stringValue, item.isScalar {
            return DatasetMount(path: path, location: item.location)
        }
        guard item.mapping != nil else {
            diagnostics.append(Configuration.invalid(Message.badEntry, item))
            return nil
        }
        let errors = diagnostics.count
        let reader = MappingReader(item, context: "a mount", allowed: fields, diagnostics: &diagnostics)
        for i in errors..<diagnostics.count where diagnostics[i].ruleID == RuleFileRules.unknownField.id {
            diagnostics[i].ruleID = ConfigurationRules.configInvalid.id
        }
        var mount = DatasetMount(path: "", location: item.location)
        if let node = reader.node("path") {
            if let path = node.stringValue, node.isScalar, !path.isEmpty {
                mount.path = path
            } else {
                diagnostics.append(Configuration.invalid(Message.pathNotString, node))
            }
        } else {
            diagnostics.append(Configuration.invalid(Message.missingPath, item))
        }
        if let node = reader.node("as") {
            if let name = node.stringValue, node.isScalar, isName(name) {
                mount.key = name
            } else {
                diagnostics.append(Configuration.invalid(Message.badName(node.scalarText ?? "…"), node))
            }
        }
        if let node = reader.node("kind") {
            let text = node.scalarText ?? ""
            if let kind = DatasetMount.Kind(rawValue: text), node.isScalar {
                mount.kind = kind
                if reader.node("as") == nil { diagnostics.append(Configuration.invalid(Message.kindWithoutAs, node)) }
            } else {
                let suggestion = Suggestions.closest(to: text, among: DatasetMount.Kind.allCases.map(\.rawValue))
                diagnostics.append(Configuration.invalid(Message.badKind(text, suggestion: suggestion), node))
            }
        }
        return diagnostics.count == errors ? mount : nil
    }

    /// A name a selector can start with.
    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }
}
