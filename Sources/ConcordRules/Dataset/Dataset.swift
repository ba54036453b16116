import ConcordDiagnostics
import ConcordYAML

/// The merged view of every dataset document: top-level lists with the same key are
/// concatenated across files, top-level maps are merged by key (a key defined twice is an
/// error), and other top-level values may be defined once. Every value keeps its node, so it
/// still knows its file and range.
public struct Dataset: Sendable {
    /// What one top-level key holds across all files.
    public enum Entry: Sendable {
        /// Sequences from one or more files, in file order.
        case list([YAMLNode])
        /// Mappings from one or more files, merged (keys are unique across them).
        case map([YAMLNode])
        /// A scalar (defined in one file).
        case scalar(YAMLNode)
    }

    /// Top-level keys in order of first appearance.
    public private(set) var keys: [String] = []
    public private(set) var entries: [String: Entry] = [:]
    /// Where each top-level key was first defined.
    private var firstDefinition: [String: YAMLNode] = [:]
    /// Every file that contributed, in order.
    public private(set) var files: [YAMLFile] = []
    /// Problems found while merging.
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public init(documents: [YAMLDocument]) {
        for document in documents { add(document) }
    }

    /// Merges one document into the dataset.
    public mutating func add(_ document: YAMLDocument) {
        if files.last !== document.file, !files.contains(where: { $0 === document.file }) {
            files.append(document.file)
        }
        let root = document.root
        guard let pairs = root.mapping else {
            if root.scalarValue == .null { return }
            diagnostics.append(Diagnostic(
                ruleID: DatasetRules.rootNotMapping.id, severity: DatasetRules.rootNotMapping.defaultSeverity,
                message: DatasetRules.Message.rootNotMapping, location: root.location))
            return
        }
        for pair in pairs {
            guard let key = pair.key.stringValue else {
                diagnostics.append(Diagnostic(
                    ruleID: DatasetRules.rootNotMapping.id, severity: .error,
                    message: DatasetRules.Message.nonStringKey, location: pair.key.location))
                continue
            }
            add(key: key, keyNode: pair.key, value: pair.value)
        }
    }

    private mutating func add(key: String, keyNode: YAMLNode, value: YAMLNode) {
        guard let existing = entries[key] else {
            keys.append(key)
            firstDefinition[key] = keyNode
            switch value.kind {
            case .sequence: entries[key] = .list([value])
            case .mapping: entries[key] = .map([value])
            case .scalar: entries[key] = .scalar(value)
            }
            return
        }
        switch (existing, value.kind) {
        case (.list(var parts), .sequence):
            parts.append(value)
            entries[key] = .list(parts)
        case (.map(var parts), .mapping):
            // Keys of the new map must be new.
            for pair in value.mapping.map(Array.init) ?? [] {
                guard let name = pair.key.stringValue else { continue }
                for part in parts {
                    if let earlier = part.keyNode(name) {
                        diagnostics.append(Diagnostic(
                            ruleID: DatasetRules.duplicateKey.id, severity: .error,
                            message: DatasetRules.Message.duplicateKey("\(key).\(name)"),
                            location: pair.key.location,
                            related: [RelatedLocation(location: earlier.location, message: DatasetRules.Message.firstDefinition)]))
                    }
                }
            }
            parts.append(value)
            entries[key] = .map(parts)
        default:
            let first = firstDefinition[key]
            diagnostics.append(Diagnostic(
                ruleID: DatasetRules.duplicateKey.id, severity: .error,
                message: existing.isScalar && value.kind == .scalar
                    ? DatasetRules.Message.duplicateKey(key) : DatasetRules.Message.conflictingKinds(key),
                location: keyNode.location,
                related: first.map { [RelatedLocation(location: $0.location, message: DatasetRules.Message.firstDefinition)] } ?? []))
        }
    }

    /// The number of records: items of the top-level lists.
    public var recordCount: Int {
        entries.values.reduce(0) { total, entry in
            if case .list(let parts) = entry { return total + parts.reduce(0) { $0 + ($1.sequence?.count ?? 0) } }
            return total
        }
    }
}

extension Dataset.Entry {
    var isScalar: Bool {
        if case .scalar = self { return true }
        return false
    }
}

/// The dataset's own checks.
public enum DatasetRules {
    public static let duplicateKey = RuleDescriptor(
        id: "dataset-duplicate-key", shortDescription: "A top-level key or map entry is defined once across all dataset files.",
        fullDescription: "Top-level lists with the same key are concatenated across files and top-level maps are merged by key; a map entry or a scalar defined in two files, or a key holding a list in one file and a map in another, is an error.",
        defaultSeverity: .error)
    public static let rootNotMapping = RuleDescriptor(
        id: "dataset-root-not-mapping", shortDescription: "Each dataset document is a mapping of top-level keys.",
        defaultSeverity: .error)

    public static let all = [duplicateKey, rootNotMapping]

    enum Message {
        static func duplicateKey(_ key: String) -> String { "`\(key)` is defined twice in the dataset" }
        static func conflictingKinds(_ key: String) -> String {
            "`\(key)` holds a different kind of value here than where it was first defined (a list, a map or a scalar)"
        }
        static let firstDefinition = "first defined here"
        static let rootNotMapping = "a dataset document must be a mapping of top-level keys (such as `coalitions:` or `pledges:`)"
        static let nonStringKey = "top-level keys of a dataset document must be strings"
    }
}
